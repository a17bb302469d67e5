// Which program starts the entries, and what that program does when it resolves an import.
// Node (with or without its built-in type stripping) resolves exactly the path written: it never
// reads tsconfig `paths`/`baseUrl` and never maps `./a.js` to `a.ts`. tsx and Bun read the tsconfig
// (with its `extends` chain) at start and apply both. ts-node 10 reads the tsconfig to compile and
// adds `.ts` to an extensionless require, but applies `paths` only with tsconfig-paths/register
// preloaded and does not map `./a.js` to `a.ts` (measured with ts-node 10.9.2, CommonJS).
import fs from 'node:fs';
import path from 'node:path';
import type { ImportEdge, Runtime } from './types.js';

/** The TypeScript-only resolution steps an import can depend on. */
export type TsOnlyStep = 'tsconfig-paths' | 'ts-extension' | 'extension-probe' | 'compiled-alias';

/** Runtimes that read tsconfig and apply its aliases and the `.js`-written/`.ts`-on-disk mapping. */
export function readsTsconfig(runtime: Runtime): boolean {
  return runtime === 'tsx' || runtime === 'ts-node' || runtime === 'bun';
}

/**
 * Whether `runtime` performs `step` when it loads a module; `pathsHook`: tsconfig-paths/register is
 * preloaded (`-r tsconfig-paths/register`, or required by the entry first), which applies tsconfig
 * `paths` under any runtime. Compiled output never has its aliases applied.
 */
export function runtimeApplies(runtime: Runtime, step: TsOnlyStep, pathsHook = false): boolean {
  switch (step) {
    case 'compiled-alias':
      return false;
    case 'tsconfig-paths':
      return runtime === 'tsx' || runtime === 'bun' || pathsHook;
    case 'ts-extension':
      return runtime === 'tsx' || runtime === 'bun';
    case 'extension-probe':
      return readsTsconfig(runtime);
  }
}

/** Modules that, preloaded, make Node (or ts-node) apply tsconfig `paths` at run time. */
const PATHS_HOOKS = new Set(['tsconfig-paths/register']);

/** Whether preloading `specifier` makes tsconfig `paths` apply at run time (tsconfig-paths/register). */
export function isPathsHook(specifier: string): boolean {
  return PATHS_HOOKS.has(specifier);
}

/** Whether the start-script command that runs `entry` preloads a tsconfig-paths hook (`node -r tsconfig-paths/register x`, `ts-node -r … x`). */
export function pathsHookInStartScript(script: string, entry: string): boolean {
  return startCommands(script).some(
    ({ file, loaders }) => file !== undefined && normalize(file) === normalize(entry) && loaders.some((l) => PATHS_HOOKS.has(l)),
  );
}

/** Whether the entry requires a tsconfig-paths hook before its first project import (what it loads after that has `paths` applied). */
export function registersPathsHook(edges: readonly ImportEdge[]): boolean {
  return importedBeforeProjectCode(edges).some((s) => PATHS_HOOKS.has(s));
}

/** The specifiers an entry imports, in source order, before its first import of a project file (what it registers before its own code runs). */
function importedBeforeProjectCode(edges: readonly ImportEdge[]): string[] {
  const before: string[] = [];
  for (const edge of [...edges].sort((a, b) => a.line - b.line || a.column - b.column)) {
    if (edge.class === 'file') break;
    before.push(edge.specifier);
  }
  return before;
}

const TS_ENTRY = /\.[mc]?tsx?$/;
const NODE_FLAGS_STRIP = /--(experimental-strip-types|experimental-transform-types)\b/;

/**
 * Loader modules that make Node load TypeScript the way a runtime does, once registered: with a
 * flag (`node -r ts-node/register x`, `node --import tsx x`, `--loader ts-node/esm`) or by the
 * entry itself requiring one before its first project import (`require('ts-node/register');
 * require('./src/main')`, the ts-node README's programmatic use).
 */
const LOADERS: Readonly<Record<string, Runtime>> = {
  'ts-node/register': 'ts-node',
  'ts-node/register/transpile-only': 'ts-node',
  'ts-node/esm': 'ts-node',
  'ts-node/esm/transpile-only': 'ts-node',
  tsx: 'tsx',
  'tsx/cjs': 'tsx',
  'tsx/esm': 'tsx',
};

/**
 * Node flags that take the next word as their value (so it is not the script): every option
 * `node --help` (Node 20 to 24) lists with a required `=...` value. Node also reads them with the
 * value as the next word (`node --env-file-if-exists .env dist/main.js` runs dist/main.js).
 */
const NODE_VALUE_FLAGS = new Set([
  ...['-r', '--require', '--loader', '--experimental-loader', '--import', '-C', '--conditions', '--env-file', '--env-file-if-exists', '--title'],
  ...['--allow-fs-read', '--allow-fs-write', '--build-snapshot-config', '--cpu-prof-dir', '--cpu-prof-interval', '--cpu-prof-name', '--diagnostic-dir'],
  ...['--disable-proto', '--disable-warning', '--dns-result-order', '--experimental-default-type', '--experimental-policy', '--experimental-sea-config'],
  ...['--heap-prof-dir', '--heap-prof-interval', '--heap-prof-name', '--heapsnapshot-near-heap-limit', '--heapsnapshot-signal', '--icu-data-dir'],
  ...['--input-type', '--inspect-publish-uid', '--max-http-header-size', '--network-family-autoselection-attempt-timeout', '--openssl-config'],
  ...['--policy-integrity', '--redirect-warnings', '--report-dir', '--report-directory', '--report-filename', '--report-signal', '--secure-heap'],
  ...['--secure-heap-min', '--snapshot-blob', '--tls-cipher-list', '--tls-keylog', '--trace-event-categories', '--trace-event-file-pattern'],
  ...['--trace-require-module', '--unhandled-rejections', '--use-largepages', '--v8-pool-size', '--watch-path', '--experimental-config-file'],
]);
/** ts-node's flags that take a value (ts-node --help); ts-node-esm takes the same. */
const TS_NODE_VALUE_FLAGS = new Set(['-P', '--project', '-O', '--compiler-options', '-C', '--compiler', '-I', '--ignore', '--cwd', '--scope-dir']);
/**
 * The runners' own flags that take the next word as their value: nodemon's `--watch src`,
 * `-e js,json`, `--exec ts-node` (nodemon --help options), tsx's `--tsconfig` and `watch --include src`
 * (tsx --help, tsx watch --help), ts-node's
 * `-P tsconfig.json` and `-O '{...}'` (ts-node --help).
 */
const RUNNER_VALUE_FLAGS: Readonly<Record<string, ReadonlySet<string>>> = {
  nodemon: new Set([
    '-e',
    '--ext',
    '-w',
    '--watch',
    '-i',
    '--ignore',
    '-x',
    '--exec',
    '-d',
    '--delay',
    '--signal',
    '--config',
    '--cwd',
    '-P',
    '--polling-interval',
  ]),
  tsx: new Set(['--tsconfig', '--include', '--exclude', '--ignore']),
  'ts-node': TS_NODE_VALUE_FLAGS,
  'ts-node-esm': TS_NODE_VALUE_FLAGS,
};
/** Node flags whose value is code to run instead of a script (`node -e "..." x`: x is only an argument). */
const NODE_EVAL_FLAGS = new Set(['-e', '--eval', '-p', '--print']);
const NODE_LOADER_FLAGS = new Set(['-r', '--require', '--loader', '--experimental-loader', '--import']);

/** One command of a start script, read as far as the words allow: the program, the script it runs and the loaders it registers. */
interface StartCommand {
  /** The program's base name (`node`, `tsx`, `nodemon`). */
  program: string;
  /** The first argument that is neither a flag nor a flag's value nor `run`/`watch`. */
  file?: string;
  /** Values of -r/--require/--loader/--import. */
  loaders: string[];
  text: string;
}

/** Programs that run a script file given as their first argument (the file is the entry). */
const SCRIPT_RUNNERS = new Set(['node', 'nodemon', 'tsx', 'ts-node', 'ts-node-esm', 'bun']);

/**
 * The commands of a start script: a chain (`&&`, `||`, `;`) is read command by command; leading
 * `VAR=value` assignments and the `npx`/`exec`/`env`/`cross-env`/`pnpm`/`yarn` prefixes are
 * skipped. Shell syntax beyond that (quotes, subshells, `$VAR`) is not interpreted.
 */
function startCommands(script: string): StartCommand[] {
  const commands: StartCommand[] = [];
  for (const text of script.split(/&&|\|\||;/)) {
    const words = text
      .trim()
      .split(/\s+/)
      .filter((w) => w && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    while (['npx', 'exec', 'pnpm', 'yarn', 'env', 'cross-env'].includes(words[0] ?? '')) words.shift();
    const [command, ...args] = words;
    if (!command) continue;
    const program = path.basename(command);
    const valueFlags = RUNNER_VALUE_FLAGS[program];
    const loaders: string[] = [];
    let file: string | undefined;
    for (let i = 0; i < args.length && file === undefined; i++) {
      const arg = args[i]!;
      const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (program === 'node' && NODE_EVAL_FLAGS.has(flag)) break;
      // nodemon's -C is --on-change-only, a switch (Node's -C takes the conditions).
      const takesValue = valueFlags?.has(flag) || (NODE_VALUE_FLAGS.has(flag) && !(program === 'nodemon' && flag === '-C'));
      const value = inline ?? (takesValue ? args[++i] : undefined);
      if (NODE_LOADER_FLAGS.has(flag) && value !== undefined) loaders.push(value.replace(/^['"]|['"]$/g, ''));
      else if (!arg.startsWith('-') && arg !== 'run' && arg !== 'watch') file = arg;
    }
    commands.push({ program, ...(file !== undefined ? { file } : {}), loaders, text });
  }
  return commands;
}

/**
 * The runtime a `scripts.start` command uses when it runs `entry` (relative to the root):
 * `node [flags] x`, `tsx x`, `ts-node x`, `bun [run] x`, with an optional `npx`/`exec` prefix
 * and `VAR=value` assignments. `node x.ts` is Node's type stripping; `node -r ts-node/register x`
 * (or `--import tsx`, `--loader ts-node/esm`) is the loader's runtime. Undefined when the
 * script does not name the entry (a build tool, a shell chain it cannot read).
 */
export function runtimeFromStartScript(script: string, entry: string): Runtime | undefined {
  for (const { program, file, loaders, text } of startCommands(script)) {
    if (!file || normalize(file) !== normalize(entry)) continue;
    if (program === 'node') {
      const loaded = loaders.map((l) => LOADERS[l]).find((r) => r !== undefined);
      if (loaded) return loaded;
      return NODE_FLAGS_STRIP.test(text) || TS_ENTRY.test(entry) ? 'node-strip-types' : 'node';
    }
    if (program === 'tsx') return 'tsx';
    if (program === 'ts-node' || program === 'ts-node-esm') return 'ts-node';
    if (program === 'bun') return 'bun';
  }
  return undefined;
}

/**
 * The script files a `scripts.start` of the form `<runner> <file>` runs (`node dist/main.js`,
 * `tsx src/server.ts`, `cross-env NODE_ENV=production nodemon server.js`), root-relative POSIX, in
 * order; a file outside the root (`../x.js`, an absolute path) is left out. Empty when the script
 * runs a tool (`nest start`, `next start`). A project file that the runner preloads
 * (`node -r ./src/tracing.js dist/main.js`, `--import ./otel.mjs`, `--loader ./hooks.mjs`) runs
 * before the script and comes first: Node resolves a `./` or `../` value from the working
 * directory, a bare one (`dotenv/config`) as a package (Node's `--require` and `--import` docs).
 */
export function startScriptFiles(script: string): string[] {
  const files: string[] = [];
  const add = (file: string) => {
    const rel = normalize(file);
    // `node .` runs the package's main, which is an entry already.
    if (rel === '.' || rel === '' || rel.startsWith('../') || rel === '..' || path.posix.isAbsolute(rel) || rel.includes('$')) return;
    if (!files.includes(rel)) files.push(rel);
  };
  for (const { program, file, loaders } of startCommands(script)) {
    if (!file || !SCRIPT_RUNNERS.has(program)) continue;
    for (const loader of loaders) if (loader.startsWith('./') || loader.startsWith('../')) add(loader);
    add(file);
  }
  return files;
}

/**
 * The runtime an entry switches Node to by registering a loader (`require('ts-node/register')`,
 * `import 'tsx/esm'`) before it imports any project file: what it loads after that is resolved
 * the way that runtime does. Undefined when it registers none, or only after a project import
 * (the files imported before it run under plain Node).
 */
export function runtimeRegisteredBy(edges: readonly ImportEdge[]): Runtime | undefined {
  return importedBeforeProjectCode(edges)
    .map((s) => LOADERS[s])
    .find((r) => r !== undefined);
}

function normalize(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
}

/**
 * The runtime of a run: the one given; else the one `scripts.start` of the root package.json
 * names when it runs an entry; else `node` for JavaScript entries and `tsx` for a TypeScript
 * entry (with a notice, since only the user knows what starts it in production).
 */
export function decideRuntime(root: string, entries: string[], given: Runtime | undefined): { runtime: Runtime; notice?: string; pathsHook?: boolean } {
  const jsEntries = entries.filter((e) => !e.endsWith('.py'));
  const start = jsEntries.length ? startScript(root) : undefined;
  // A preloaded tsconfig-paths hook is a fact of the start command, whatever the runtime.
  const hook = start !== undefined && jsEntries.some((e) => pathsHookInStartScript(start, e)) ? { pathsHook: true } : {};
  if (given) return { runtime: given, ...hook };
  if (!jsEntries.length) return { runtime: 'node' };
  if (start) {
    for (const entry of jsEntries) {
      const found = runtimeFromStartScript(start, entry);
      if (found) return { runtime: found, ...hook };
    }
  }
  const ts = jsEntries.find((e) => TS_ENTRY.test(e) && !e.endsWith('.d.ts'));
  if (!ts) return { runtime: 'node', ...hook };
  return {
    runtime: 'tsx',
    ...hook,
    notice: `The entry ${ts} is TypeScript and no start script says what runs it: shipset resolved imports as tsx does (tsconfig paths apply, and the tsconfig files ship). Set runtime (--runtime node-strip-types, ts-node, bun) if something else starts it, or pack the compiled output with --runtime node.`,
  };
}

function startScript(root: string): string | undefined {
  const file = path.join(root, 'package.json');
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { scripts?: { start?: unknown } };
    return typeof pkg?.scripts?.start === 'string' ? pkg.scripts.start : undefined;
  } catch {
    return undefined;
  }
}

/** What a runtime finding says: the runtime, why the import fails under it, and the fix. */
export function runtimeProblem(runtime: Runtime, step: TsOnlyStep, specifier: string, target: string | undefined): string {
  const who = runtime === 'node' ? 'Node' : runtime === 'node-strip-types' ? "Node's type stripping" : runtime;
  switch (step) {
    case 'tsconfig-paths':
      return `'${specifier}', which resolves only through tsconfig paths/baseUrl${target ? ` (to ${target})` : ''}, and ${who} (runtime ${runtime}) does not read tsconfig paths: build with a tool that rewrites aliases (tsc-alias, esbuild, tsup) and pack the output, use package.json "imports" (#alias), preload tsconfig-paths/register (node -r tsconfig-paths/register), or run with tsx.`;
    case 'ts-extension':
      return `'${specifier}', a .js file that does not exist; only TypeScript maps it to ${target ?? 'the .ts source'}, and ${who} (runtime ${runtime}) loads exactly the path written: ${runtime === 'node-strip-types' ? `write the .ts extension (with allowImportingTsExtensions/rewriteRelativeImportExtensions)` : 'compile first and pack the output'}, or run with tsx.`;
    case 'extension-probe':
      return `'${specifier}', which names ${target ?? 'the file'} only with an extension or a folder index added; ${who} (runtime ${runtime}) ${target && /\.[mc]?tsx?$/.test(target) ? 'never adds a .ts extension' : 'loads ES modules by the exact path written (ERR_MODULE_NOT_FOUND / ERR_UNSUPPORTED_DIR_IMPORT)'}: write the path with its file name and extension, or run with tsx.`;
    case 'compiled-alias':
      return `'${specifier}', a tsconfig paths alias left in compiled JavaScript (a file inside the tsconfig outDir): no runtime applies tsconfig paths to compiled output, so Node fails at start with ERR_MODULE_NOT_FOUND / Cannot find module. Rewrite aliases at build time (tsc-alias, esbuild, tsup) or replace them with relative imports or package.json "imports" (#alias).`;
  }
}
