// The one place where CLI flags, action inputs and the config file become a validated Options.
// Each option has one function that takes the raw value and the label of where it came from
// ('--prefix', 'input prefix', 'shipset.config.json: prefix'), so a bad value gets the same
// message and exit code 2 whichever front end it came through.
import { describeJsonError } from './json-error.js';
import fs from 'node:fs';
import { parseSourceDateEpoch } from './pack/tarball.js';
import path from 'node:path';
import { manifestProblemText, readProjectManifest } from './read-manifest.js';
import { startScriptFiles } from './runtime.js';
import { FORMATS } from '../report/index.js';
import { RULE_NAMES, RULE_REGISTRY } from './rules/registry.js';
import { type Format, type IgnoreEntry, LEVELS, type Level, type Options, type RuleName, RUNTIMES, type Runtime, UsageError } from './types.js';

/** One `rule=level` setting with the label of where it was written. */
export interface RuleSpec {
  name: string;
  level: string;
  source: string;
}

/** Parse `name=level` / `name: level` specs (CLI `--rule`, action `rules` lines) into rule specs. */
export function parseRuleSpecs(specs: string[], source: string): RuleSpec[] {
  const out: RuleSpec[] = [];
  for (const raw of specs) {
    const spec = raw.trim();
    if (!spec || spec.startsWith('#')) continue;
    const m = /^([\w-]+)\s*[:=]\s*([\w-]+)$/.exec(spec);
    if (!m) {
      throw new UsageError(`${source}: '${spec}' is not 'rule=level'. Write it as e.g. 'stale=warn' (levels: ${LEVELS.join(', ')}).`);
    }
    out.push({ name: m[1], level: m[2], source });
  }
  return out;
}

/**
 * Check one rule's level. Rule names and levels are case-insensitive (`Stale=WARN`); a rule
 * the registry marks as not lowerable (outside-root) only takes its default level.
 */
export function ruleLevel(spec: RuleSpec): [RuleName, Level] {
  const name = ruleName(spec.name, spec.source);
  const level = spec.level.toLowerCase();
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`${spec.source}: unknown level '${spec.level}' for rule '${name}': use error, warn or off.`);
  }
  const info = RULE_REGISTRY[name as RuleName];
  if (!info.lowerable && level !== info.defaultLevel) {
    throw new UsageError(
      `${spec.source}: '${name}' cannot be lowered: a file outside the root would not ship or would leak into the archive. Remove '${spec.name}=${spec.level}'.`,
    );
  }
  return [name as RuleName, level as Level];
}

/** A rule name from the registry, case-insensitive. */
export function ruleName(value: string, source: string): RuleName {
  const name = value.toLowerCase();
  if (!(RULE_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`${source}: unknown rule '${value}'. Known rules: ${RULE_NAMES.join(', ')}.`);
  }
  return name as RuleName;
}

/** Rule levels from specs in precedence order (a later spec for the same rule wins). */
export function ruleLevels(specs: readonly RuleSpec[]): Partial<Record<RuleName, Level>> {
  const levels: Partial<Record<RuleName, Level>> = {};
  for (const spec of specs) {
    const [name, level] = ruleLevel(spec);
    levels[name] = level;
  }
  return levels;
}

/** Parse and check `name=level` specs in one step. */
export function parseRuleLevels(specs: string[], source: string): Partial<Record<RuleName, Level>> {
  return ruleLevels(parseRuleSpecs(specs, source));
}

/** The folder inside the archive: relative, no '..', no leading '/'; '.' or empty is not a folder. Returns it normalised. */
export function checkPrefix(value: string | undefined, source: string): string | undefined {
  if (value === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new UsageError(
      `${source}: ${JSON.stringify(value)} holds a control character (a newline, tab or NUL byte), which no archive path should. Use a plain folder name such as 'app'.`,
    );
  }
  const slashed = value.trim().replace(/\\/g, '/');
  const norm = path.posix.normalize(slashed || '.').replace(/\/+$/, '');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed) || norm === '..' || norm.startsWith('../')) {
    throw new UsageError(`${source}: '${value}' leaves the archive (absolute or with '..'). Use a plain folder name such as 'app'.`);
  }
  if (norm === '.' || norm === '') {
    throw new UsageError(
      `${source}: '${value}' is not a folder inside the archive. Leave the prefix unset for files at the top of the archive, or name a folder such as 'app'.`,
    );
  }
  return norm;
}

/**
 * An output file path (tarball, manifest, baseline), absolute. It must name a file: not empty,
 * not ending in '/', not an existing folder, and hold no control character (newline, NUL, ...). `base` is what a relative path is taken from.
 */
export function checkOutputFile(value: string, base: string, source: string, example: string): string {
  // A path is also shown in the summary and in step outputs (one line each): no control characters.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u001f\u007f]/.exec(value);
  if (control) {
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new UsageError(
      `${source}: ${JSON.stringify(value)} holds a control character (${code}: a newline, tab or NUL byte). Give a plain file path, e.g. ${example}.`,
    );
  }
  if (!value.trim() || /[\\/]$/.test(value)) {
    throw new UsageError(`${source}: '${value}' is not a file name. Name the file, e.g. ${value.trim() ? path.posix.join(value, example) : example}.`);
  }
  const abs = path.resolve(base, value);
  if (statOf(abs)?.isDirectory()) {
    throw new UsageError(`${source}: '${value}' is a folder. Give a file path, e.g. '${path.posix.join(value, example)}'.`);
  }
  return abs;
}

/**
 * The scan cache folder (`--cache DIR`, input `cache`), absolute; `base` is what a relative path is
 * taken from. It may not exist yet (it is created on the first write), but must not be a file.
 */
export function checkCacheDir(value: string, base: string, source: string): string {
  if (!value.trim()) throw new UsageError(`${source}: an empty path is not a folder. Name the cache folder, e.g. ${source} ~/.cache/shipset.`);
  const abs = path.resolve(base, value);
  const stat = statOf(abs);
  if (stat && !stat.isDirectory()) {
    throw new UsageError(`${source}: '${value}' is not a folder (${abs} exists and is a file). Name a folder for the cache, e.g. ${source} ~/.cache/shipset.`);
  }
  return abs;
}

/** A folder or file that must lie inside the root; returned relative to the root (POSIX, '.' for the root). */
export function checkInsideRoot(root: string, value: string, source: string, what = 'a folder'): string {
  const rel = path.relative(root, path.resolve(root, value));
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UsageError(`${source}: '${value}' is outside the root ${root}. Give ${what} inside it.`);
  }
  return rel.split(path.sep).join('/') || '.';
}

/** Extra Python import roots: folders inside the root, relative to it. */
export function checkPythonPath(root: string, values: string[], source: string): string[] {
  return values.map((value) => {
    if (value.includes('\0'))
      throw new UsageError(`${source}: ${JSON.stringify(value)} holds a NUL byte, which no folder name can. Give a folder inside the root.`);
    const rel = checkInsideRoot(root, value, source);
    const stat = statOf(path.join(root, rel));
    if (stat && !stat.isDirectory()) throw new UsageError(`${source}: '${value}' is a file, not a folder. Give a folder of Python modules.`);
    return rel;
  });
}

/** The tsconfig file: it must exist (relative to the root). The engine reads it and what it extends. */
export function checkTsconfig(root: string, value: string | undefined, source: string): string | undefined {
  if (!value) return undefined;
  if (!fs.existsSync(path.resolve(root, value))) {
    throw new UsageError(`${source}: '${value}' does not exist under ${root}. Give a path relative to the root, or leave it unset.`);
  }
  return value;
}

export function checkRuntime(value: string | undefined, source: string): Runtime | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(RUNTIMES as readonly string[]).includes(value)) {
    throw new UsageError(`${source}: '${value}' is not a runtime: use ${RUNTIMES.join(', ')}.`);
  }
  return value as Runtime;
}

export function checkFormat(value: string | undefined, source: string): Format | undefined {
  if (value === undefined || value === '') return undefined;
  const lower = value.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(lower)) {
    throw new UsageError(`${source}: '${value}' is not an output format: use ${FORMATS.join(', ')}.`);
  }
  return lower as Format;
}

/** Globs are relative to the root: '../x' or '/etc/x' would reach files of the machine. */
export function checkGlob(pattern: string, source: string): string {
  const p = pattern.replace(/\\/g, '/').replace(/^!/, '');
  if (!p.trim()) throw new UsageError(`${source}: an empty glob matches nothing. Remove it.`);
  if (p.includes('\0')) throw new UsageError(`${source}: ${JSON.stringify(pattern)} holds a NUL byte, which no file name can. Remove it from the glob.`);
  if (p.startsWith('/') || path.isAbsolute(p) || p.split('/').includes('..')) {
    throw new UsageError(`${source}: '${pattern}' points outside the root. Globs are relative to the root; write it without '..' or a leading '/'.`);
  }
  return pattern;
}

export function checkGlobs(patterns: string[], source: string): string[] {
  return patterns.map((p) => checkGlob(p, source));
}

/** Stale-ignore words: single name parts (letters, digits, '_'), compared case-insensitively. */
export function checkStaleIgnore(words: string[], source: string): string[] {
  return words.map((word) => {
    if (!/^[A-Za-z0-9_]+$/.test(word)) {
      throw new UsageError(`${source}: '${word}' is not a name part. Give single words such as 'draft' (letters, digits, '_'; no '.', '-' or '/').`);
    }
    return word.toLowerCase();
  });
}

/** 'YYYY-MM-DD' -> milliseconds at the end of that UTC day (the entry still applies on that day). */
export function untilEnd(until: string): number {
  return Date.parse(`${until}T00:00:00Z`) + 24 * 3600 * 1000;
}

/** Config `ignore` entries: a known rule that can be suppressed, a glob inside the root, a reason, and an optional date. */
export function checkIgnoreEntries(entries: unknown[], source: string): IgnoreEntry[] {
  return entries.map((raw, i) => {
    const at = `${source}[${i}]`;
    const e = raw as { rule?: unknown; file?: unknown; reason?: unknown; until?: unknown };
    const rule = ruleName(String(e.rule), `${at}.rule`);
    if (!RULE_REGISTRY[rule].lowerable) {
      throw new UsageError(
        `${at}.rule: '${rule}' findings cannot be suppressed: a file outside the root would not ship or would leak into the archive. Remove the entry and fix the import.`,
      );
    }
    const file = checkGlob(String(e.file), `${at}.file`);
    const reason = String(e.reason ?? '').trim();
    if (!reason) throw new UsageError(`${at}.reason: an ignore entry needs a reason (why the finding is wrong or accepted). Add "reason": "...".`);
    let until: string | undefined;
    if (e.until !== undefined) {
      until = String(e.until);
      const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(until);
      const valid = d && new Date(`${until}T00:00:00Z`).toISOString().startsWith(until);
      if (!valid) throw new UsageError(`${at}.until: '${until}' is not a date. Write it as YYYY-MM-DD, e.g. "2026-03-31".`);
    }
    return { rule, file, reason, ...(until ? { until } : {}), source: at };
  });
}

/** SOURCE_DATE_EPOCH from the environment (the tar header's limits are the pack's: see parseSourceDateEpoch). */
export function sourceDateEpoch(env: NodeJS.ProcessEnv): number | undefined {
  return parseSourceDateEpoch(env.SOURCE_DATE_EPOCH);
}

/** Every option a front end or the config file can set, by its config key. */
export const OPTION_KEYS = [
  'entries',
  'runtime',
  'tsconfig',
  'rules',
  'deprecated',
  'include',
  'defaultInclude',
  'exclude',
  'staleIgnore',
  'ignore',
  'baseline',
  'nodeModules',
  'pythonPath',
  'generated',
  'prefix',
  'tarball',
  'manifest',
  'format',
] as const;
export type OptionKey = (typeof OPTION_KEYS)[number];

/** A raw value as one source gave it: the label for messages, and the folder relative paths start from. */
export interface RawValue<T = unknown> {
  value: T;
  source: string;
  base: string;
  /** Set by the config loader: the value comes from a project file (pull-request input), not a flag or input. */
  fromConfig?: boolean;
}

/** Raw values of one layer (config file, CLI flags, action inputs). `rules` is a list of specs. */
export type RawOptions = { [K in Exclude<OptionKey, 'rules'>]?: RawValue } & { rules?: RuleSpec[] };

/** What the options stage needs besides the raw values: never read from the process. */
export interface OptionsContext {
  /** Where the user stands (CLI: the shell's cwd; action: the workspace). */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The clock, milliseconds since the epoch. */
  now: number;
  pack: boolean;
  /** Notices of earlier stages (the config loader). */
  notices?: string[];
}

/** The format and manifest path, which the front ends use and the core does not. */
export interface OutputOptions {
  format?: Format;
  /** Absolute manifest path. */
  manifest?: string;
}

/**
 * Merge the layers (lowest precedence first: the config file, then flags or inputs) and check
 * every value. A later layer replaces an earlier one's value; rule levels merge per rule.
 * Throws UsageError naming the source of the bad value.
 */
export function resolveOptions(root: string, layers: RawOptions[], ctx: OptionsContext): { options: Options; output: OutputOptions } {
  const merged: RawOptions = {};
  const rules: RuleSpec[] = [];
  for (const layer of layers) {
    for (const key of OPTION_KEYS) {
      if (key === 'rules') rules.push(...(layer.rules ?? []));
      else if (layer[key] !== undefined) merged[key] = layer[key];
    }
  }
  const list = (key: Exclude<OptionKey, 'rules'>): { values: string[]; source: string; base: string } | undefined => {
    const raw = merged[key];
    return raw ? { values: (raw.value as string[]).map(String), source: raw.source, base: raw.base } : undefined;
  };
  const str = (key: Exclude<OptionKey, 'rules'>): RawValue<string> | undefined => {
    const raw = merged[key];
    return raw ? { ...raw, value: String(raw.value) } : undefined;
  };

  const entries = list('entries');
  const entryNotices: string[] = [];
  const options = defaultOptions(
    root,
    resolveEntries(root, entries?.values ?? [], entries?.base ?? ctx.cwd, entries?.source ?? 'entry', entryNotices),
    ctx.cwd,
  );
  options.pack = ctx.pack;
  options.now = ctx.now;
  // Only a pack stamps times: a check is not refused over a variable it does not use.
  if (ctx.pack) options.sourceDateEpoch = sourceDateEpoch(ctx.env);
  options.rules = ruleLevels(rules);
  const tsconfig = str('tsconfig');
  options.tsconfig = tsconfig ? checkTsconfig(root, tsconfig.value, tsconfig.source) : undefined;
  const runtime = str('runtime');
  if (runtime) options.runtime = checkRuntime(runtime.value, runtime.source);
  for (const key of ['deprecated', 'exclude'] as const) {
    const l = list(key);
    if (l) options[key] = checkGlobs(l.values, l.source);
  }
  const include = list('include');
  if (include?.values.length) {
    options.include = checkGlobs(include.values, include.source);
    if (merged.include?.fromConfig) options.includeFromConfig = true;
  }
  const generated = list('generated');
  if (generated) options.generated = checkGlobs(generated.values, generated.source);
  const staleIgnore = list('staleIgnore');
  if (staleIgnore) options.staleIgnore = checkStaleIgnore(staleIgnore.values, staleIgnore.source);
  const pythonPath = list('pythonPath');
  if (pythonPath) options.pythonPath = checkPythonPath(root, pythonPath.values, pythonPath.source);
  if (merged.ignore) options.ignore = checkIgnoreEntries(merged.ignore.value as unknown[], merged.ignore.source);
  if (merged.nodeModules) options.nodeModules = merged.nodeModules.value === true;
  if (merged.defaultInclude && merged.defaultInclude.value === false) options.defaultInclude = false;
  const prefix = str('prefix');
  if (prefix) options.prefix = checkPrefix(prefix.value, prefix.source);
  const tarball = str('tarball');
  // The tarball path is an output only when packing: a check does not refuse it.
  if (!tarball) options.tarball = path.resolve(ctx.cwd, 'shipset.tar.gz');
  else options.tarball = ctx.pack ? checkOutputFile(tarball.value, tarball.base, tarball.source, 'shipset.tar.gz') : path.resolve(tarball.base, tarball.value);
  if (tarball?.fromConfig) options.tarballFromConfig = true;
  const baseline = merged.baseline;
  if (baseline && baseline.value !== false) {
    options.baseline = checkBaselineFile(root, String(baseline.value), baseline.base, baseline.source);
  } else if (!baseline && statOf(path.join(root, BASELINE_FILE))?.isFile()) {
    // The file `shipset baseline` writes is used when present: adopting the gate is one command.
    options.baseline = path.join(root, BASELINE_FILE);
  }
  options.notices = [...(ctx.notices ?? []), ...entryNotices];

  const output: OutputOptions = {};
  const format = str('format');
  if (format) output.format = checkFormat(format.value, format.source);
  const manifest = str('manifest');
  if (manifest) output.manifest = checkOutputFile(manifest.value, manifest.base, manifest.source, 'shipset.json');
  if (options.pack && output.manifest && output.manifest === options.tarball) {
    throw new UsageError(`${manifest!.source}: the manifest and the tarball are the same file (${output.manifest}). Give them different paths.`);
  }
  return { options, output };
}

/** stat, or undefined when the path does not exist or cannot be reached (ENOTDIR: a file where a folder should be; EACCES). */
function statOf(abs: string): fs.Stats | undefined {
  try {
    return fs.statSync(abs, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** The default baseline file at the root. */
export const BASELINE_FILE = '.shipset-baseline.json';

/** The baseline file to read: inside the root (it is project input), absolute. */
export function checkBaselineFile(root: string, value: string, base: string, source: string): string {
  const abs = path.resolve(base, value);
  checkInsideRoot(root, path.relative(root, abs) || '.', source, 'a baseline file');
  const stat = statOf(abs);
  if (!stat) throw new UsageError(`${source}: '${value}' does not exist. Write it with 'shipset baseline', or unset baseline.`);
  if (!stat.isFile()) throw new UsageError(`${source}: '${value}' is not a regular file. Point it at the file 'shipset baseline' wrote.`);
  return abs;
}

/** Split a multi-value input on newlines and commas, dropping blanks. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Resolve and check the root folder. */
export function resolveRoot(root: string | undefined, cwd: string, source: string): string {
  const abs = path.resolve(cwd, root || '.');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new UsageError(`${source}: root folder '${root}' does not exist. Point it at the project folder.`);
  }
  if (!stat.isDirectory()) throw new UsageError(`${source}: root '${root}' is not a folder.`);
  return fs.realpathSync(abs);
}

/**
 * Entries relative to the root. Given entries are checked (exist, inside the root, a file);
 * with none given, the root package.json's `main` and `bin` targets and the file a
 * `scripts.start` of the form `<runner> <file>` runs (`node dist/main.js`, `nodemon server.js`).
 * A start-script file that does not exist (build output not made yet) is left out with a notice
 * pushed to `notices`. Throws UsageError (exit 2) when nothing names an entry.
 */
export function resolveEntries(root: string, given: string[], cwd: string, source: string, notices: string[] = []): string[] {
  const entries = given.length ? given.map((e) => checkEntry(root, e, cwd, source)) : entriesFromPackageJson(root, source, notices);
  return [...new Set(entries)];
}

function checkEntry(root: string, entry: string, cwd: string, source: string): string {
  if (entry.includes('\0')) {
    const label = source === 'entry' ? 'entry' : `${source}: entry`;
    throw new UsageError(`${label} ${JSON.stringify(entry)} holds a NUL byte, which no file name can. Give the path of the entry file.`);
  }
  // An entry is taken relative to the root first (the documented meaning), then to the cwd.
  const candidates = [path.resolve(root, entry), path.resolve(cwd, entry)];
  let abs = candidates.find((c) => fs.lstatSync(c, { throwIfNoEntry: false })) ?? candidates[0];
  const outside = (r: string) => r.startsWith('..') || path.isAbsolute(r);
  // The root is a real path (resolveRoot): an entry spelled through a link to it (`$PWD/src/x.ts`
  // on macOS, where /tmp is /private/tmp) is inside when its folder's real path is. The entry
  // itself is not followed here; a link out of the root is refused below.
  if (outside(path.relative(root, abs))) {
    try {
      const viaReal = path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
      if (!outside(path.relative(root, viaReal))) abs = viaReal;
    } catch {
      /* a folder on the way is missing: reported as outside the root below */
    }
  }
  const rel = path.relative(root, abs);
  const label = source === 'entry' ? 'entry' : `${source}: entry`;
  if (outside(rel)) {
    throw new UsageError(`${label} '${entry}' is outside the root ${root}. Give an entry inside the root, or set the root to a folder that contains it.`);
  }
  const link = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (!link) {
    throw new UsageError(`${label} '${entry}' does not exist under ${root}. Check the path (entries are relative to the root).`);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    // lstat found it, stat did not: a link to nothing, or a loop of links.
    const code = (e as NodeJS.ErrnoException).code;
    const target = fs.readlinkSync(abs);
    throw new UsageError(
      code === 'ELOOP'
        ? `${label} '${entry}' is a symlink loop (${entry} -> ${target} -> ...). Point the link at a real file, or name the file itself.`
        : `${label} '${entry}' is a symlink to ${target}, which does not exist. Fix the link, or name the file itself.`,
    );
  }
  if (stat.isDirectory()) {
    throw new UsageError(`${label} '${entry}' is a folder. Name the file that starts the program, e.g. '${path.posix.join(entry, 'index.js')}'.`);
  }
  if (!stat.isFile()) {
    throw new UsageError(
      `${label} '${entry}' is ${stat.isFIFO() ? 'a named pipe (FIFO)' : stat.isSocket() ? 'a socket' : 'a device'}, not a regular file. Name the source file that starts the program.`,
    );
  }
  const real = fs.realpathSync(abs);
  const realRel = path.relative(root, real);
  if (realRel.startsWith('..') || path.isAbsolute(realRel)) {
    throw new UsageError(`${label} '${entry}' is a symlink to ${real}, outside the root. Give an entry inside the root.`);
  }
  return rel.split(path.sep).join('/');
}

function entriesFromPackageJson(root: string, source: string, notices: string[]): string[] {
  const pkgPath = path.join(root, 'package.json');
  if (!fs.existsSync(pkgPath)) {
    throw new UsageError(`${source}: no entry given and no package.json in ${root}. Name the entry file, e.g. 'shipset check src/index.ts'.`);
  }
  // A regular file inside the root, at most 10 MB: a package.json linked out of the root is not read.
  const read = readProjectManifest(root, pkgPath);
  if (!read.ok) {
    throw new UsageError(`${source}: no entry given, and ${manifestProblemText(read, 'Replace it with the package manifest, or name the entry file.')}`);
  }
  let parsed: unknown;
  const text = read.text;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // Never the parser's message as is: Node 20 quotes the first bytes of the file in it.
    throw new UsageError(
      `${pkgPath}${jsonErrorLine(text, e as Error)}: invalid JSON (${describeJsonError(text, e)}). Fix package.json or name the entry file.`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(
      `${pkgPath}: must be a JSON object ({ "main": ... }), not ${Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : typeof parsed}. Fix package.json or name the entry file.`,
    );
  }
  const pkg = parsed as { main?: unknown; bin?: unknown; scripts?: unknown };
  for (const field of ['main', 'bin'] as const) {
    const value = pkg[field];
    const ok = value === undefined || typeof value === 'string' || (field === 'bin' && !!value && typeof value === 'object' && !Array.isArray(value));
    if (!ok) {
      throw new UsageError(
        `${pkgPath}: "${field}" must be ${field === 'main' ? 'a path string' : 'a path string or an object of command: path'}, not ${JSON.stringify(value)}. Fix package.json or name the entry file.`,
      );
    }
  }
  const targets: string[] = [];
  if (typeof pkg.main === 'string') targets.push(pkg.main);
  if (typeof pkg.bin === 'string') targets.push(pkg.bin);
  else if (pkg.bin && typeof pkg.bin === 'object') {
    for (const v of Object.values(pkg.bin as Record<string, unknown>)) if (typeof v === 'string') targets.push(v);
  }
  const entries = targets.map((t) => checkEntry(root, withIndex(root, t), root, `package.json`));
  // `start: "node dist/main.js"` names an entry too; before the build has run, that file is missing.
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? (pkg.scripts as Record<string, unknown>) : {};
  const missing: string[] = [];
  for (const file of typeof scripts.start === 'string' ? startScriptFiles(scripts.start) : []) {
    const target = withIndex(root, file);
    if (statOf(path.join(root, target))?.isFile()) entries.push(checkEntry(root, target, root, 'package.json scripts.start'));
    else missing.push(file);
  }
  const unmade = missing.length ? `scripts.start runs ${missing.join(', ')}, which does not exist (build output not made yet?)` : undefined;
  if (!entries.length) {
    throw new UsageError(
      `${source}: no entry given, package.json has no 'main' or 'bin'${unmade ? `, and ${unmade}` : ' and its scripts.start runs no script file'}. Name the entry file, e.g. 'shipset check src/index.ts'${unmade ? ', or run shipset after the build' : ''}.`,
    );
  }
  if (unmade) notices.push(`${unmade}: it is not an entry of this run. Run shipset after the build to check it, or name the entries.`);
  return entries;
}

/** ':3' for a JSON.parse error at a known position (Node 20 says 'at position N'), else ''. */
function jsonErrorLine(text: string, error: Error): string {
  const position = /at position (\d+)/.exec(error.message);
  if (!position) return '';
  return `:${text.slice(0, Number(position[1])).split('\n').length}`;
}

/** `main: "lib"` means lib/index.js, `main: "server"` may mean server.js, as Node reads it. */
function withIndex(root: string, target: string): string {
  const abs = path.resolve(root, target);
  if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return target;
  for (const ext of ['.js', '.mjs', '.cjs', '.ts', '.json']) if (fs.existsSync(abs + ext)) return target + ext;
  for (const ext of ['.js', '.mjs', '.cjs', '.ts']) if (fs.existsSync(path.join(abs, 'index' + ext))) return path.posix.join(target, 'index' + ext);
  return target;
}

/** Options with every default filled in, for tests and front ends. */
export function defaultOptions(root: string, entries: string[], cwd: string = root): Options {
  return {
    root,
    cwd,
    entries,
    rules: {},
    deprecated: [],
    exclude: [],
    staleIgnore: [],
    pythonPath: [],
    pack: false,
    tarball: path.join(root, 'shipset.tar.gz'),
    ignore: [],
  };
}
