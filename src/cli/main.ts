// argv -> Options -> runPipeline -> terminal text and exit code.
// Exit codes (DESIGN.md): 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultOptions, parseRuleLevels, resolveEntries, resolveRoot } from '../core/options.js';
import { runPipeline } from '../core/pipeline.js';
import { classifyError } from '../core/errors.js';
import { UsageError, type Options, type Result } from '../core/types.js';
import { VERSION } from '../core/version.js';
import { explainWhy } from '../core/why.js';
import { renderText, styleFor } from '../report/text.js';

export const USAGE = `shipset ${VERSION}: which files will actually run, and are they the right ones?

Usage:
  shipset check <entry...> [options]     check the set reachable from the entries
  shipset pack  <entry...> [options]     check, then write a reproducible tarball of that set
  shipset why   <file> --entry <entry>   the chains that make a file ship, or why it does not

Options:
  --root DIR             project root (default: .); entries and globs are relative to it
  --tsconfig FILE        tsconfig for paths/baseUrl (default: tsconfig.json, else jsconfig.json)
  --rule NAME=LEVEL      set a rule's level: error, warn or off (repeatable)
  --deprecated GLOB      files that must never ship (repeatable)
  --include GLOB         extra files to pack (repeatable; default: package.json + lockfile)
  --exclude GLOB         files to leave out (repeatable)
  --stale-ignore WORD    a name suffix that never makes two files variants (repeatable)
  --python-path DIR      extra Python import root (repeatable)
  --json                 print the manifest JSON instead of text
  --manifest FILE        also write the manifest JSON to FILE
  --out FILE             tarball path for pack (default: shipset.tar.gz)
  --prefix DIR           folder inside the tarball
  --entry FILE           entry for why (repeatable)
  -h, --help             this help
  -v, --version          the version

With no entry, package.json "main" and "bin" are the entries.
Exit codes: 0 clean (warnings allowed), 1 error findings, 2 bad usage or input.
`;

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    // Bad input, and what the input's environment causes (EACCES, too large, too deep): one line.
    const known = classifyError(e);
    if (known) {
      io.stderr.write(`shipset: ${known.message}\n`);
      return 2;
    }
    // Anything else is our bug: say so in one line, with a way to report it.
    io.stderr.write(`shipset: internal error: ${(e as Error)?.message ?? e}. Please report this with the command you ran.\n`);
    if (io.env.SHIPSET_DEBUG) io.stderr.write(`${(e as Error)?.stack}\n`);
    return 2;
  }
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const parsed = parse(argv);
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (command || values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['check', 'pack', 'why'].includes(command)) {
    throw new UsageError(`unknown command '${command}'. Use check, pack or why (see shipset --help).`);
  }

  const root = resolveRoot(values.root, io.cwd, '--root');
  if (command === 'why') {
    if (rest.length !== 1) throw new UsageError(`why takes one file: shipset why <file> --entry <entry>.`);
    const options = buildOptions(root, values.entry ?? [], values, io, false);
    const result = await runPipeline(options, io.cwd);
    const answer = explainWhy(result, rest[0], io.cwd);
    io.stdout.write(values.json ? JSON.stringify(answer, null, 2) + '\n' : answer.text.endsWith('\n') ? answer.text : answer.text + '\n');
    return answer.ships ? 0 : 1;
  }

  if (values.entry?.length) rest.push(...values.entry);
  const options = buildOptions(root, rest, values, io, command === 'pack');
  const result = await runPipeline(options, io.cwd);
  report(result, values, io);
  return result.errorCount > 0 ? 1 : 0;
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        root: { type: 'string' },
        tsconfig: { type: 'string' },
        rule: { type: 'string', multiple: true },
        deprecated: { type: 'string', multiple: true },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        'stale-ignore': { type: 'string', multiple: true },
        'python-path': { type: 'string', multiple: true },
        json: { type: 'boolean' },
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

function buildOptions(root: string, entries: string[], values: Values, io: Io, pack: boolean): Options {
  const options = defaultOptions(root, resolveEntries(root, entries, io.cwd, 'entry'));
  options.tsconfig = values.tsconfig;
  options.rules = parseRuleLevels(values.rule ?? [], '--rule');
  options.deprecated = values.deprecated ?? [];
  options.include = values.include;
  options.exclude = values.exclude ?? [];
  options.staleIgnore = values['stale-ignore'] ?? [];
  options.pythonPath = values['python-path'] ?? [];
  options.pack = pack;
  if (values.out !== undefined && (!values.out.trim() || /[\\/]$/.test(values.out))) {
    throw new UsageError(`--out '${values.out}' is not a file name. Name the tarball file, e.g. --out ${values.out.trim() ? path.posix.join(values.out, 'shipset.tar.gz') : 'shipset.tar.gz'}.`);
  }
  options.tarball = path.resolve(io.cwd, values.out ?? 'shipset.tar.gz');
  options.prefix = values.prefix;
  if (options.prefix !== undefined && (path.isAbsolute(options.prefix) || options.prefix.split(/[\\/]/).includes('..'))) {
    throw new UsageError(`--prefix '${options.prefix}' must be a relative folder without '..'.`);
  }
  return options;
}

function report(result: Result, values: Values, io: Io): void {
  const json = JSON.stringify(result.manifest, null, 2) + '\n';
  if (values.manifest) {
    const file = path.resolve(io.cwd, values.manifest);
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, json);
    } catch (e) {
      throw new UsageError(`--manifest: cannot write ${values.manifest}: ${(e as Error).message}.`);
    }
  }
  io.stdout.write(values.json ? json : renderText(result, styleFor(io.stdout, io.env)));
}
