// argv -> Options -> runPipeline -> terminal text and exit code.
// Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
// Flags become raw values here; core/options.ts checks them (with the config file below them).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildBaseline, isBaselineFile } from '../core/baseline.js';
import { loadConfig } from '../core/config.js';
import {
  BASELINE_FILE,
  checkCacheDir,
  checkOutputFile,
  type OutputOptions,
  parseRuleSpecs,
  type RawOptions,
  resolveOptions,
  resolveRoot,
} from '../core/options.js';
import { checkWriteTarget, manifestTarget, writeFileSafely, type WriteTarget } from '../core/safe-write.js';
import { RULE_REGISTRY } from '../core/rules/registry.js';
import { type Format, type Options, type Result, RUNTIMES, UsageError } from '../core/types.js';
import { classifyError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { logLine, protectLines, terminalText } from '../report/escape.js';
import { FORMATS, reporters, renderJsonValue } from '../report/index.js';
import { count as plural, renderText, type Style, styleFor, terminalVerdict } from '../report/text.js';

// The analysis (TypeScript's parser, madge, the Python engine) is loaded only when a command runs
// it: `shipset --help`, `version` and `rules` start without parsing megabytes of code.
async function runPipeline(...args: Parameters<typeof import('../core/pipeline.js').runPipeline>): Promise<Result> {
  return (await import('../core/pipeline.js')).runPipeline(...args);
}

const COMMON_FLAGS = `  --root DIR             project root (default: .); entries and globs are relative to it
  --config FILE          JSON config file (default: shipset.config.json at the root, or "shipset" in package.json)
  --tsconfig FILE        tsconfig for paths/baseUrl (default: tsconfig.json, else jsconfig.json)
  --runtime R            the runtime that starts the entries: ${RUNTIMES.join(', ')}
  --rule NAME=LEVEL      set a rule's level: error, warn or off (repeatable; see shipset rules)
  --deprecated GLOB      files that must never ship (repeatable)
  --include GLOB         extra files to pack, added to the defaults (repeatable)
  --no-default-include   do not pack package.json, the lockfile and workspace files by default
  --node-modules         self-contained: pack the production dependencies from node_modules
  --exclude GLOB         files to leave out (repeatable)
  --stale-ignore WORD    a name part that never makes two files variants (repeatable)
  --python-path DIR      extra Python import root (repeatable)
  --baseline FILE        known findings (written by shipset baseline): reported, not failing
                         (default: .shipset-baseline.json at the root when it exists)
  --format F             output: ${FORMATS.join(', ')} (default: text); --json is --format json
  --manifest FILE        also write the manifest JSON to FILE
  --quiet                text output: only the verdict and the error findings
  --cache DIR            keep per-file scan results in DIR and reuse them on the next run`;

const COMMANDS: Record<string, { usage: string; flags: string }> = {
  check: { usage: 'shipset check <entry...> [options]     check the set reachable from the entries', flags: COMMON_FLAGS },
  pack: {
    usage: 'shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set',
    flags: `${COMMON_FLAGS}\n  --out FILE             tarball path (default: shipset.tar.gz)\n  --prefix DIR           folder inside the tarball`,
  },
  why: {
    usage: 'shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not',
    flags: `  --entry FILE           entry (repeatable; default: package.json main/bin and the file scripts.start runs)\n  --root DIR             project root (default: .)\n  --config FILE          JSON config file\n  --format F             text or json`,
  },
  baseline: {
    usage: 'shipset baseline [entry...] [options]  write the current findings as the baseline',
    flags: `${COMMON_FLAGS}\n  --out FILE             baseline file (default: .shipset-baseline.json at the root)`,
  },
  rules: { usage: 'shipset rules                          each rule, its default level and what it catches', flags: '  --format F             text or json' },
  help: { usage: "shipset help [command]                 this help, or a command's flags", flags: '' },
  version: { usage: 'shipset version                        the version', flags: '' },
};

export const USAGE = `shipset ${VERSION}: which files will actually run, and are they the right ones?

Usage:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
  .join('\n')}

Options (check, pack, baseline):
${COMMANDS.pack.flags}
  --entry FILE           entry (repeatable; also for why)
  -h, --help             this help (shipset <command> --help: the command's flags)
  -v, --version          the version

With no entry, the config's "entries", else package.json "main" and "bin" and the file
"scripts.start" runs (node dist/main.js, nodemon server.js) are the entries.
Flags override the config file (shipset.config.json); see docs/configuration.md.
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`;

function commandUsage(command: string): string {
  const c = COMMANDS[command];
  return `Usage: ${c.usage}\n${c.flags ? `\nOptions:\n${c.flags}\n` : ''}\nExit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.\n`;
}

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The clock (milliseconds since the epoch). Default: Date.now(). */
  now?: number;
}

const defaultIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    // Bad input, and what the input's environment causes (EACCES, too large, too deep): one line.
    const known = classifyError(e);
    if (known) {
      // Messages quote file names and arguments: one line, no control characters, no workflow command.
      io.stderr.write(`shipset: ${logLine(known.message)}\n`);
      return 2;
    }
    // Anything else is our bug: say so in one line, with a way to report it.
    io.stderr.write(`shipset: internal error: ${logLine(String((e as Error)?.message ?? e))}. Please report this with the command you ran.\n`);
    if (io.env.SHIPSET_DEBUG)
      io.stderr.write(
        `${protectLines(
          String((e as Error)?.stack)
            .split('\n')
            .map(terminalText)
            .join('\n'),
        )}\n`,
      );
    return 2;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.version || command === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'help') {
    if (rest[0] && !COMMANDS[rest[0]]) throw new UsageError(`unknown command '${rest[0]}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
    io.stdout.write(rest[0] ? commandUsage(rest[0]) : USAGE);
    return 0;
  }
  if (!command) {
    (values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  if (!COMMANDS[command]) {
    throw new UsageError(`unknown command '${command}'. Commands: ${Object.keys(COMMANDS).join(', ')} (see shipset --help).`);
  }
  if (values.help) {
    io.stdout.write(commandUsage(command));
    return 0;
  }
  const format = formatOf(values);
  if (command === 'rules') return listRules(io, format);

  const root = resolveRoot(values.root, io.cwd, '--root');
  const config = loadConfig(root, values.config !== undefined ? { value: values.config, base: io.cwd, source: '--config' } : undefined);

  if (command === 'why') {
    if (rest.length !== 1) throw new UsageError(`why takes one file: shipset why <file> --entry <entry>.`);
    const { options } = buildOptions(root, config, values.entry ?? [], values, io, false);
    const result = await withProgress(io, values.quiet === true, () => runPipeline(options, io.cwd));
    const { explainWhy } = await import('../core/why.js');
    const answer = explainWhy(result, rest[0], io.cwd, options.exclude);
    io.stdout.write(format === 'json' ? renderJsonValue(answer) : whyText(answer.text));
    return answer.ships ? 0 : 1;
  }

  if (values.entry?.length) rest.push(...values.entry);
  if (command === 'baseline') return writeBaseline(root, config, rest, values, io);

  const { options, output } = buildOptions(root, config, rest, values, io, command === 'pack');
  // A manifest path that cannot be written is bad input: refuse it before packing anything.
  if (output.manifest) checkWriteTarget(manifestOutput(output.manifest, undefined, io, root));
  const result = await withProgress(io, values.quiet === true, () => runPipeline(options, io.cwd));
  await report(result, { ...output, format: format ?? output.format }, values.quiet === true, io);
  return result.errorCount > 0 ? 1 : 0;
}

type Values = ReturnType<typeof parse>['values'];

/** A run shorter than this shows no progress line. */
export const PROGRESS_AFTER_MS = 1000;

/**
 * Runs `work`; when it takes longer than PROGRESS_AFTER_MS, a progress line (`shipset: checking…
 * 3 s`) is kept on stderr and erased before anything else is printed. Only on a terminal: never
 * when stderr is not a TTY (a pipe, a file, a CI log), never when CI is set (runners that fake a
 * TTY), never with --quiet. The line holds no repository text.
 */
export async function withProgress<T>(io: Pick<Io, 'stderr' | 'env'>, quiet: boolean, work: () => Promise<T>, afterMs = PROGRESS_AFTER_MS): Promise<T> {
  if (quiet || !io.stderr.isTTY || io.env.CI) return work();
  const started = Date.now();
  let shown = false;
  const draw = () => {
    shown = true;
    io.stderr.write(`\r\u001b[2Kshipset: checking… ${Math.floor((Date.now() - started) / 1000)} s`);
  };
  let tick: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    draw();
    tick = setInterval(draw, 1000);
    tick.unref();
  }, afterMs);
  first.unref();
  try {
    return await work();
  } finally {
    clearTimeout(first);
    if (tick) clearInterval(tick);
    if (shown) io.stderr.write('\r\u001b[2K');
  }
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        root: { type: 'string' },
        config: { type: 'string' },
        tsconfig: { type: 'string' },
        runtime: { type: 'string' },
        rule: { type: 'string', multiple: true },
        deprecated: { type: 'string', multiple: true },
        include: { type: 'string', multiple: true },
        'no-default-include': { type: 'boolean' },
        'node-modules': { type: 'boolean' },
        exclude: { type: 'string', multiple: true },
        'stale-ignore': { type: 'string', multiple: true },
        'python-path': { type: 'string', multiple: true },
        baseline: { type: 'string' },
        format: { type: 'string' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
        cache: { type: 'string' },
        manifest: { type: 'string' },
        out: { type: 'string' },
        prefix: { type: 'string' },
        entry: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    // parseArgs says e.g. "Unknown option '--frob'": keep its words, add the way out.
    throw new UsageError(`${(e as Error).message.replace(/\. To specify.*$/s, '')}. See shipset --help.`);
  }
}

/** `--format`, with `--json` as its alias; undefined when neither was given (the config may set it). */
function formatOf(values: Values): Format | undefined {
  if (values.json && values.format !== undefined && values.format.toLowerCase() !== 'json') {
    throw new UsageError(`--json and --format ${values.format} disagree. Use one of them (--json is --format json).`);
  }
  if (values.json) return 'json';
  if (values.format === undefined) return undefined;
  const lower = values.format.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(lower)) {
    throw new UsageError(`--format: '${values.format}' is not an output format: use ${FORMATS.join(', ')}.`);
  }
  return lower as Format;
}

/** The flags as one layer of raw values above the config file. Paths in flags are relative to the cwd. */
function flagLayer(entries: string[], values: Values, io: Io, tarballFlag: boolean): RawOptions {
  const at = <T>(value: T | undefined, source: string) => (value === undefined ? undefined : { value, source, base: io.cwd });
  return {
    entries: entries.length ? at(entries, 'entry') : undefined,
    runtime: at(values.runtime, '--runtime'),
    tsconfig: at(values.tsconfig, '--tsconfig'),
    rules: parseRuleSpecs(values.rule ?? [], '--rule'),
    deprecated: at(values.deprecated, '--deprecated'),
    include: at(values.include, '--include'),
    defaultInclude: values['no-default-include'] ? at(false, '--no-default-include') : undefined,
    nodeModules: values['node-modules'] ? at(true, '--node-modules') : undefined,
    exclude: at(values.exclude, '--exclude'),
    staleIgnore: at(values['stale-ignore'], '--stale-ignore'),
    pythonPath: at(values['python-path'], '--python-path'),
    baseline: at(values.baseline, '--baseline'),
    prefix: at(values.prefix, '--prefix'),
    tarball: tarballFlag ? at(values.out, '--out') : undefined,
    manifest: at(values.manifest, '--manifest'),
  };
}

function buildOptions(
  root: string,
  config: ReturnType<typeof loadConfig>,
  entries: string[],
  values: Values,
  io: Io,
  pack: boolean,
): { options: Options; output: OutputOptions } {
  const resolved = resolveOptions(root, [config.layer, flagLayer(entries, values, io, pack)], {
    cwd: io.cwd,
    env: io.env,
    now: io.now ?? Date.now(),
    pack,
    notices: config.notices,
  });
  if (values.cache !== undefined) resolved.options.cache = checkCacheDir(values.cache, io.cwd, '--cache');
  return resolved;
}

/**
 * Render a result in a format: the one place the CLI picks a reporter, so a format map can
 * replace this switch without touching the callers.
 */
export function renderFormat(format: Format, result: Result, io: Pick<Io, 'stdout' | 'env'>, quiet = false): string {
  const style = styleFor(io.stdout, io.env);
  if (format === 'text' && quiet) return quietText(result, style);
  return reporters[format](result, { style, sarif: { rules: Object.values(RULE_REGISTRY), rootInRepository: '' } });
}

/** --quiet: the verdict of the whole run, then its error findings only. */
function quietText(result: Result, style: Style): string {
  const m = result.manifest;
  const errorsOnly = {
    ...result,
    manifest: { ...m, findings: m.findings.filter((f) => f.level === 'error' && !f.suppressed), notices: [], dormant: [], tarball: null },
  };
  // The reporter's own first line would count the trimmed manifest: the whole run's verdict replaces it.
  const [, ...rest] = renderText(errorsOnly, style).split('\n');
  return [terminalVerdict(result, style), ...rest].join('\n');
}

async function report(result: Result, output: OutputOptions, quiet: boolean, io: Io): Promise<void> {
  // Temp file + rename, never through a symlink, never over a source or someone else's file.
  if (output.manifest) await writeFileSafely(manifestOutput(output.manifest, result, io, result.graph.root), reporters.json(result));
  io.stdout.write(renderFormat(output.format ?? 'text', result, io, quiet));
}

function manifestOutput(file: string, result: Result | undefined, io: Io, root: string): WriteTarget {
  return manifestTarget(path.resolve(io.cwd, file), result, { label: '--manifest', guarded: [io.cwd, root] });
}

/**
 * The why answer for the terminal. Its lines are ours, but they quote file names: control
 * characters inside a line are made visible and no line can read as a workflow command.
 */
function whyText(text: string): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return protectLines(body.split('\n').map(terminalText).join('\n')) + '\n';
}

/** `shipset baseline`: run the check without a baseline and write every finding it reports. */
async function writeBaseline(root: string, config: ReturnType<typeof loadConfig>, entries: string[], values: Values, io: Io): Promise<number> {
  // Checked before the run: a plain file path (no control characters), not a folder.
  const file = values.out !== undefined ? checkOutputFile(values.out, io.cwd, '--out', BASELINE_FILE) : path.join(root, BASELINE_FILE);
  const { options } = buildOptions(root, config, entries, values, io, false);
  options.baseline = undefined;
  const result = await withProgress(io, values.quiet === true, () => runPipeline(options, io.cwd));
  const baseline = buildBaseline(result.manifest.findings);
  await writeFileSafely(
    {
      path: file,
      label: '--out',
      example: '.shipset-baseline.json',
      guarded: [io.cwd, root],
      displayBase: io.cwd,
      isOwnOutput: isBaselineFile,
      notOursText: 'an existing file that is not a shipset baseline: writing would overwrite it',
    },
    renderJsonValue(baseline),
  );
  const count = baseline.findings.reduce((n, e) => n + e.count, 0);
  const shown = path.relative(io.cwd, file) || file;
  const unsuppressible = result.manifest.findings.filter((f) => !RULE_REGISTRY[f.rule].lowerable).length;
  const lines = [`shipset: wrote ${plural(count, 'finding')} to ${shown}. Checks now report them as known and fail only on new ones.`];
  if (file !== path.join(root, BASELINE_FILE)) lines.push(`Point checks at it: --baseline ${shown}, or "baseline" in shipset.config.json.`);
  if (unsuppressible)
    lines.push(
      `${plural(unsuppressible, 'outside-root finding')} ${unsuppressible === 1 ? 'is' : 'are'} not in it: ${unsuppressible === 1 ? 'it cannot' : 'they cannot'} be suppressed; fix ${unsuppressible === 1 ? 'that import' : 'those imports'}.`,
    );
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** `shipset rules`: the registry, as text or JSON. */
function listRules(io: Io, format: Format | undefined): number {
  const rules = Object.values(RULE_REGISTRY).map((r) => ({
    name: r.name,
    defaultLevel: r.defaultLevel,
    lowerable: r.lowerable,
    why: r.why,
    settings: r.settings.map((s) => ({ key: s.key, flag: s.flag, input: s.input, description: s.description })),
  }));
  if (format === 'json') {
    io.stdout.write(renderJsonValue(rules));
    return 0;
  }
  if (format === 'markdown') throw new UsageError(`shipset rules prints text or json; --format markdown is for check and pack.`);
  const width = Math.max(...rules.map((r) => r.name.length));
  const lines = rules.map((r) => {
    const level = `${r.defaultLevel}${r.lowerable ? '' : ' (cannot be lowered)'}`;
    const settings = r.settings.map((s) => `\n${' '.repeat(width + 4)}setting: ${s.flag} (config "${s.key}", input ${s.input}): ${s.description}`).join('');
    return `  ${r.name.padEnd(width)}  ${level}\n${' '.repeat(width + 4)}${r.why}${settings}`;
  });
  io.stdout.write(`Rules (set a level with --rule NAME=LEVEL, input rules, or "rules" in the config):\n${lines.join('\n')}\n`);
  return 0;
}
