// The configuration file: `shipset.config.json` at the root, or a "shipset" key in package.json,
// or the JSON file `--config` / input `config` names. JSON only: a config that runs code (.js,
// .ts, ...) would run pull-request code, so such a file is never loaded. The file's shape is
// checked against the JSON Schema below (shipped as schema/shipset.config.schema.json); its
// values are then checked by the same functions as flags and inputs (core/options.ts).
import fs from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { jsonSyntaxError } from './json-error.js';
import { refuseSecretInput } from './pack/secrets.js';
import { readProjectManifest } from './read-manifest.js';
import { OPTION_KEYS, type OptionKey, type RawOptions, type RuleSpec } from './options.js';
import { FORMATS } from '../report/index.js';
import { RULE_NAMES, RULE_REGISTRY } from './rules/registry.js';
import { LEVELS, type RuleName, RUNTIMES, UsageError } from './types.js';

/** The config file looked for at the root. */
export const CONFIG_FILE = 'shipset.config.json';
/** Config files that would need code to run; present ones get a notice, never a load. */
export const CODE_CONFIG_FILES = [
  'shipset.config.js',
  'shipset.config.cjs',
  'shipset.config.mjs',
  'shipset.config.ts',
  'shipset.config.cts',
  'shipset.config.mts',
];
/** A config file is a few hundred bytes; anything past this is not one. */
export const CONFIG_MAX_BYTES = 1024 * 1024;

const globs = (description: string) => ({ description, type: 'array', items: { type: 'string', minLength: 1 } });

/**
 * The config key of each option: kebab-case, spelled as the action input and the CLI flag
 * (`stale-ignore`, `python-path`, `node-modules`), so a value can be moved between them as is.
 */
export const CONFIG_KEY: Readonly<Record<OptionKey, string>> = Object.freeze(
  Object.fromEntries(OPTION_KEYS.map((k) => [k, k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)])) as Record<OptionKey, string>,
);

/** JSON Schema (draft-07) of the config file. */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'shipset configuration',
  description: 'shipset.config.json at the project root, or the "shipset" key of package.json. CLI flags and action inputs override these values.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    entries: globs('Entry files, relative to the root. Default: package.json "main" and "bin".'),
    runtime: { title: 'a runtime', description: 'The runtime that starts the entries.', type: 'string', enum: [...RUNTIMES] },
    tsconfig: { description: 'tsconfig file for paths/baseUrl, relative to the root.', type: 'string', minLength: 1 },
    rules: {
      description: `Rule levels: { "rule": "level" }. Rules: ${RULE_NAMES.join(', ')}. Levels: ${LEVELS.join(', ')} (case-insensitive). outside-root cannot be lowered.`,
      type: 'object',
      additionalProperties: { type: 'string' },
    },
    deprecated: globs('Globs of files that must never ship.'),
    include: globs('Globs of extra files to pack, added to the defaults (package.json, the lockfile, workspace files; Python: requirements and pyproject).'),
    'default-include': {
      description: 'false: do not pack package.json, the lockfile and the workspace files by default (only the reachable set and include).',
      type: 'boolean',
    },
    exclude: globs('Globs of files to leave out of the tarball.'),
    'stale-ignore': globs('Extra name parts that never make two files variants (added to the built-in role suffixes).'),
    ignore: {
      description: 'Suppressions: findings of `rule` in files matching `file` are reported as suppressed and do not fail the run.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'file', 'reason'],
        properties: {
          rule: { description: 'Rule name (outside-root cannot be suppressed).', type: 'string' },
          file: { description: 'Glob of the files the finding is in, relative to the root.', type: 'string', minLength: 1 },
          reason: { description: 'Why the finding is wrong or accepted.', type: 'string', minLength: 1 },
          until: {
            title: 'a date (YYYY-MM-DD)',
            description: 'Last day the entry applies (UTC); after it the finding counts again.',
            type: 'string',
            pattern: '^\\d{4}-\\d{2}-\\d{2}$',
          },
        },
      },
    },
    baseline: {
      description: 'Baseline file written by `shipset baseline` (relative to the root), or false for none. Default: .shipset-baseline.json when it exists.',
      type: ['string', 'boolean'],
      not: { const: true },
    },
    'node-modules': {
      description: 'Self-contained: pack the production dependency closure from the installed node_modules, so the tarball runs with no install.',
      type: 'boolean',
    },
    'python-path': globs('Extra Python import roots, relative to the root.'),
    generated: globs('Globs of build output (root-relative): a missing relative import there is a warning in check and an error in pack.'),
    prefix: { description: 'Folder inside the tarball.', type: 'string', minLength: 1 },
    tarball: { description: 'Tarball path, relative to the root. CLI: --out.', type: 'string', minLength: 1 },
    manifest: { description: 'Manifest JSON path, relative to the root.', type: 'string', minLength: 1 },
    format: { title: 'an output format', description: 'CLI output format.', type: 'string', enum: [...FORMATS] },
  },
} as const;

let validate: ValidateFunction | undefined;
function validator(): ValidateFunction {
  // Compiled once per process: the schema is ours, not the project's.
  validate ??= new Ajv({ allErrors: false, strict: true, allowUnionTypes: true }).compile(CONFIG_SCHEMA);
  return validate;
}

/** Where the config came from and how to name a key of it in messages. */
export interface LoadedConfig {
  /** Raw values for resolveOptions (lowest precedence). */
  layer: RawOptions;
  /** Absolute path of the file read, or undefined when there is no config. */
  file?: string;
  notices: string[];
  /**
   * Set when the config lowers a rule below its default level or suppresses findings: the one
   * line saying so (also in `notices`). A pull request can edit the config, so a verdict it
   * softened is never silent.
   */
  relaxed?: string;
}

/**
 * Find, read and check the config. `explicit` is the `--config` / input `config` value (its
 * path taken from `explicit.base`); otherwise `shipset.config.json` or package.json's
 * "shipset" key at the root (both at once is an error: which one wins would be a guess).
 * Throws UsageError naming the file, the JSON path and the fix.
 */
export function loadConfig(root: string, explicit?: { value: string; base: string; source: string }): LoadedConfig {
  const notices: string[] = [];
  for (const name of CODE_CONFIG_FILES) {
    if (fs.lstatSync(path.join(root, name), { throwIfNoEntry: false })) {
      notices.push(`${name} is not read: shipset never runs project code, so its config is JSON only. Move the settings to ${CONFIG_FILE}.`);
    }
  }
  if (explicit) {
    if (/\.(c|m)?(js|ts)x?$/i.test(explicit.value)) {
      throw new UsageError(
        `${explicit.source}: '${explicit.value}' is code; shipset never runs project code, so its config is JSON only. Name a .json file such as ${CONFIG_FILE}.`,
      );
    }
    const abs = path.resolve(explicit.base, explicit.value);
    const text = readConfigText(root, abs, explicit.source);
    if (text === undefined)
      throw new UsageError(`${explicit.source}: '${explicit.value}' does not exist. Check the path, or leave it unset to use ${CONFIG_FILE} at the root.`);
    const label = shown(root, abs);
    return withRelaxed({ layer: toLayer(parseJson(text, label), label, '', root), file: abs, notices }, label);
  }
  const own = path.join(root, CONFIG_FILE);
  const ownText = readConfigText(root, own, CONFIG_FILE);
  const pkgPath = path.join(root, 'package.json');
  // package.json is read for its "shipset" key only; a package.json that cannot be read is
  // reported by the stages that need it (entries, undeclared), with their own messages.
  let pkgText: string | undefined;
  try {
    pkgText = readConfigText(root, pkgPath, 'package.json');
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
  }
  let fromPkg: unknown;
  if (pkgText !== undefined) {
    try {
      const pkg = JSON.parse(pkgText) as unknown;
      if (pkg && typeof pkg === 'object' && !Array.isArray(pkg)) fromPkg = (pkg as Record<string, unknown>).shipset;
    } catch {
      // A broken package.json is reported by the entry stage (with its line); it holds no config here.
    }
  }
  if (ownText !== undefined && fromPkg !== undefined) {
    throw new UsageError(
      `${CONFIG_FILE} and package.json "shipset" both configure shipset. Keep one: move the settings into ${CONFIG_FILE} and delete the "shipset" key.`,
    );
  }
  if (ownText !== undefined) return withRelaxed({ layer: toLayer(parseJson(ownText, CONFIG_FILE), CONFIG_FILE, '', root), file: own, notices }, CONFIG_FILE);
  if (fromPkg !== undefined)
    return withRelaxed({ layer: toLayer(fromPkg, 'package.json', 'shipset.', root), file: pkgPath, notices }, 'package.json "shipset"');
  return { layer: {}, notices };
}

const LEVEL_RANK: Readonly<Record<string, number>> = { off: 0, warn: 1, error: 2 };

/**
 * Add the `relaxed` line when the config lowers a rule below its default level (unresolved=off,
 * stale=warn) or has ignore entries. Unknown rules and levels are left to the options stage,
 * which refuses them.
 */
function withRelaxed(config: LoadedConfig, label: string): LoadedConfig {
  const lowered: string[] = [];
  for (const spec of config.layer.rules ?? []) {
    const info = RULE_REGISTRY[spec.name.toLowerCase() as RuleName];
    const level = spec.level.toLowerCase();
    if (info && level in LEVEL_RANK && LEVEL_RANK[level] < LEVEL_RANK[info.defaultLevel]) lowered.push(`${spec.name.toLowerCase()}=${level}`);
  }
  const ignore = (config.layer.ignore?.value as Array<{ rule?: unknown; file?: unknown }> | undefined) ?? [];
  const parts: string[] = [];
  if (lowered.length) parts.push(`lowers ${lowered.join(', ')}`);
  if (ignore.length) parts.push(`ignores ${ignore.map((e) => `${String(e.rule)} in ${JSON.stringify(String(e.file))}`).join(', ')}`);
  if (!parts.length) return config;
  const relaxed = `${label} ${parts.join('; ')}: findings of these rules do not fail this run. Check that the change meant to.`;
  return { ...config, relaxed, notices: [...config.notices, relaxed] };
}

/**
 * The config text, or undefined when there is no file at `abs`. Read through the one project
 * manifest reader (a regular file inside the root by real path, at most CONFIG_MAX_BYTES); a file
 * that is a secret by its name or by where its link leads (`shipset.config.json -> .env`) is
 * refused without being read, so no credential can be quoted in an error.
 */
function readConfigText(root: string, abs: string, source: string): string | undefined {
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(abs, { throwIfNoEntry: false });
  } catch {
    link = undefined; // ENOTDIR, EACCES on the way: there is no file to read
  }
  if (!link) return undefined;
  refuseSecretInput(root, abs, source, 'Point it at the JSON config file');
  const read = readProjectManifest(root, abs, CONFIG_MAX_BYTES);
  if (read.ok) return read.text;
  if (read.kind === 'missing' && !link.isSymbolicLink()) return undefined;
  const problem = read.kind === 'missing' ? 'is a broken symlink' : read.problem;
  throw new UsageError(
    `${source}: ${shown(root, abs)} ${problem}. The config is project input: keep it a regular JSON file inside the root (at most ${CONFIG_MAX_BYTES / 1024 / 1024} MB).`,
  );
}

function shown(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

function parseJson(text: string, label: string): unknown {
  const json = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(json);
  } catch (e) {
    // Never the parser's message as is: Node 20 quotes the first bytes of the file in it.
    const { line, column, what } = jsonSyntaxError(json, e);
    throw new UsageError(`${label}:${line}:${column}: invalid JSON (${what}). The config is plain JSON: no comments, no trailing commas.`);
  }
}

/** Check the shape against the schema and turn the object into raw option values labelled by key. */
function toLayer(config: unknown, file: string, keyPrefix: string, root: string): RawOptions {
  const at = (jsonPath: string) => `${file}: ${keyPrefix}${jsonPath}`;
  if (!validator()(config)) throw new UsageError(schemaMessage(validator().errors![0], config, at));
  const c = config as Record<string, unknown>;
  const layer: RawOptions = {};
  for (const key of OPTION_KEYS) {
    const name = CONFIG_KEY[key];
    if (c[name] === undefined) continue;
    if (key === 'rules') {
      layer.rules = Object.entries(c.rules as Record<string, string>).map(([name, level]): RuleSpec => ({ name, level, source: at(`rules.${name}`) }));
    } else {
      layer[key] = { value: c[name], source: at(name), base: root, fromConfig: true };
    }
  }
  return layer;
}

/** One ajv error as one line: the file, the JSON path, what is wrong and the fix. */
function schemaMessage(error: ErrorObject, config: unknown, at: (jsonPath: string) => string): string {
  const jsonPath = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  const where = jsonPath ? at(jsonPath) : at('').replace(/: $/, '').replace(/\.$/, '') || at('');
  const value = jsonPath
    .split(/\.|\[|\]/)
    .filter(Boolean)
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], config);
  // A value nested thousands deep would overflow JSON.stringify's stack: shown cut short instead.
  let show: string;
  try {
    show = JSON.stringify(value) ?? String(value);
  } catch {
    show = '(a value nested too deep to show)';
  }
  if (show.length > 200) show = `${show.slice(0, 200)}...`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/_/g, '-');
      const known = error.instancePath ? Object.keys((CONFIG_SCHEMA.properties.ignore.items as { properties: object }).properties) : Object.values(CONFIG_KEY);
      const hint =
        kebab !== key && known.includes(kebab) ? `Config keys are spelled like the CLI flags: write '${kebab}'.` : `Known keys: ${known.join(', ')}.`;
      return `${where}: unknown key '${key}'. ${hint}`;
    }
    case 'type':
      return `${where}: must be ${article(String(error.params.type))}, not ${describe(value)}. See the schema in schema/shipset.config.schema.json.`;
    case 'enum': {
      const allowed = (error.params.allowedValues as string[]).join(', ');
      return `${where}: ${show} is not ${titleAt(error.schemaPath) ?? 'allowed'}: use ${allowed}.`;
    }
    case 'required':
      return `${where}: missing "${String(error.params.missingProperty)}". An ignore entry is { "rule": ..., "file": ..., "reason": ... }.`;
    case 'pattern':
      return `${where}: ${show} is not ${titleAt(error.schemaPath) ?? 'in the expected form'}. Write it as YYYY-MM-DD, e.g. "2026-03-31".`;
    case 'minLength':
      return `${where}: must not be empty. Give a value or remove the key.`;
    case 'not':
      return `${where}: true is not a file. Name the baseline file (e.g. ".shipset-baseline.json") or use false.`;
    default:
      return `${where}: ${error.message ?? 'is not valid'}. See schema/shipset.config.schema.json.`;
  }
}

/** The `title` of the schema node an error points at ('#/properties/runtime/enum' -> 'a runtime'). */
function titleAt(schemaPath: string): string | undefined {
  const parts = schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
  const node = parts.reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], CONFIG_SCHEMA);
  return (node as { title?: string } | undefined)?.title;
}

function article(type: string): string {
  const parts = type.split(',');
  return parts.map((t) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`)).join(' or ');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
