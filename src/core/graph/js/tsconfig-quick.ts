// The tsconfig reader for the common case, without loading TypeScript (3.5 MB of JavaScript, a
// fifth of a cached run's time): a config whose `extends` chain is made of files inside the root
// named by path, whose every compiler option is one TypeScript knows with a value of the type it
// takes, and that has no `references`. The chain is walked here (each file through the same
// guarded reader as TypeScript's host: regular file, size cap, inside the root); get-tsconfig
// merges the options. Everything else returns undefined and goes to TypeScript's own parser
// (tsconfig.ts), which also words every error: a config this reader takes is one TypeScript
// reads without a diagnostic. __tests__/core/graph/js/tsconfig-quick.test.ts compares the two.
import fs from 'node:fs';
import path from 'node:path';
import { parseTsconfig } from 'get-tsconfig';
import { readProjectManifest } from '../../read-manifest.js';
import { isInside } from '../../paths.js';
import type { TsSettings } from './tsconfig.js';
import { type OptionType, TS_OPTIONS } from './ts-options.js';

type Json = Record<string, unknown>;

/** Top-level keys TypeScript checks beyond compilerOptions/files/include/exclude: left to it. */
const CHECKED_ELSEWHERE = ['references', 'watchOptions', 'typeAcquisition', 'typingOptions', 'buildOptions'];

/**
 * The settings of the tsconfig `file` (absolute, a regular file already read once by the caller),
 * or undefined when TypeScript must read it. `fileNames` of the result (and `rootDir` when it is
 * inferred) come from `listFiles`, called on first read only.
 */
export function quickSettings(root: string, file: string, listFiles: () => string[]): TsSettings | undefined {
  // The configs in the order TypeScript applies them: each base before the config that extends it.
  const applied: Array<{ file: string; json: Json }> = [];
  const extendsChain: string[] = [];
  const confined = isInside(root, file);
  const visit = (f: string, depth: number, seen: Set<string>): boolean => {
    if (depth > 20 || seen.has(f)) return false; // a cycle: TypeScript reports it
    const json = readConfig(root, f, confined);
    if (!json) return false;
    const bases = json.extends === undefined ? [] : typeof json.extends === 'string' ? [json.extends] : json.extends;
    if (!Array.isArray(bases)) return false;
    for (const base of bases) {
      const target = typeof base === 'string' ? extendedFile(f, base) : undefined;
      if (!target || (confined && !isInside(root, target))) return false;
      extendsChain.push(target);
      if (!visit(target, depth + 1, new Set([...seen, f]))) return false;
    }
    applied.push({ file: f, json });
    return true;
  };
  if (!visit(file, 0, new Set())) return undefined;
  const top = applied[applied.length - 1].json;
  if (CHECKED_ELSEWHERE.some((k) => top[k] !== undefined)) return undefined;

  // The config that sets an option last (nearest wins; among `extends` entries, the later one).
  const setBy = (option: string): { dir: string; value: unknown } | undefined => {
    for (let i = applied.length - 1; i >= 0; i--) {
      const options = applied[i].json.compilerOptions as Json | undefined;
      if (options && option in options) return { dir: path.dirname(applied[i].file), value: options[option] };
    }
    return undefined;
  };
  const pathOption = (option: string): string | undefined => {
    const set = setBy(option);
    return set ? path.resolve(set.dir, set.value as string) : undefined;
  };
  let merged: Json;
  try {
    merged = (parseTsconfig(file).compilerOptions ?? {}) as Json;
  } catch {
    return undefined;
  }
  const paths = setBy('paths')?.value as Record<string, string[]> | undefined;
  if (paths && !validPaths(paths)) return undefined; // tsconfig.ts words the error
  const baseUrl = pathOption('baseUrl');
  const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
  const jsx = lower(merged.jsx);
  // jsconfig.json: TypeScript starts from allowJs true (its defaults for a JavaScript project).
  const allowJs = setBy('allowJs')?.value ?? path.basename(file) === 'jsconfig.json';
  const rootDirSet = pathOption('rootDir');
  const composite = merged.composite === true;
  let rootDir: string | undefined;
  return {
    file,
    extendsChain: extendsChain.filter((f, i, all) => all.indexOf(f) === i),
    baseUrl,
    paths,
    pathsBase: baseUrl ?? (paths ? path.dirname(applied.findLast((c) => (c.json.compilerOptions as Json | undefined)?.paths)!.file) : path.dirname(file)),
    outDir: pathOption('outDir'),
    get rootDir() {
      return (rootDir ??= rootDirSet ?? (composite ? path.dirname(file) : inferRootDir(listFiles(), { allowJs }, file)));
    },
    rootDirSet: rootDirSet !== undefined,
    verbatimModuleSyntax: merged.verbatimModuleSyntax === true || ['preserve', 'error'].includes(lower(merged.importsNotUsedAsValues) ?? ''),
    preserveValueImports: merged.preserveValueImports === true,
    emitDecoratorMetadata: merged.emitDecoratorMetadata === true && merged.experimentalDecorators === true,
    moduleFormat: moduleFormatOf(lower(setBy('module')?.value), lower(setBy('target')?.value)),
    jsxRuntime: jsx === 'react-jsx' ? 'jsx-runtime' : jsx === 'react-jsxdev' ? 'jsx-dev-runtime' : undefined,
    jsxImportSource: (merged.jsxImportSource as string | undefined) || 'react',
    jsxFactory: merged.jsxFactory as string | undefined,
    jsxFragmentFactory: merged.jsxFragmentFactory as string | undefined,
    allowJs: allowJs === true,
    get fileNames() {
      return listFiles();
    },
    references: [],
    notices: [],
  };
}

/** One config of the chain, parsed and checked; undefined when TypeScript must read it (or report it). */
function readConfig(root: string, file: string, confined: boolean): Json | undefined {
  if (confined && !isInside(root, file)) return undefined;
  const read = readProjectManifest(isInside(root, file) ? root : path.parse(file).root, file);
  if (!read.ok) return undefined;
  const json = parseJsonc(read.text);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const config = json as Json;
  const options = config.compilerOptions;
  if (options !== undefined) {
    if (!options || typeof options !== 'object' || Array.isArray(options)) return undefined;
    for (const [name, value] of Object.entries(options)) {
      // Own keys only: `constructor` or `__proto__` would otherwise find Object.prototype's members.
      const type = Object.hasOwn(TS_OPTIONS, name) ? TS_OPTIONS[name] : undefined;
      if (!type || !fits(value, type)) return undefined;
    }
    // TypeScript 5.5 replaces `${configDir}` in path options with the folder of the config being
    // read (not of the base that spells it); get-tsconfig's merge and pathOption do not: left to it.
    if (JSON.stringify(options).includes('${configDir}')) return undefined;
  }
  if (config.compileOnSave !== undefined && typeof config.compileOnSave !== 'boolean') return undefined;
  for (const key of ['files', 'include', 'exclude']) {
    const list = config[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) return undefined;
    // An empty `files` list, and specs TypeScript rejects ('**' at the end, '..' after '**'), are its to report.
    if (key === 'files' && !list.length) return undefined;
    if (key !== 'files' && list.some((spec: string) => /\*\*\/?$|\*\*\/(?:.*\/)?\.\.(?:\/|$)/.test(spec))) return undefined;
  }
  return config;
}

/** Whether `value` is what TypeScript's option table takes for an option of `type`. */
function fits(value: unknown, type: OptionType): boolean {
  if (type === 'boolean' || type === 'string' || type === 'number') return typeof value === type;
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (Array.isArray(type)) return typeof value === 'string' && type.includes(value.toLowerCase());
  return Array.isArray(value) && value.every((v) => fits(v, type.list));
}

/**
 * The file an `extends` entry names, as TypeScript finds it: a relative or absolute path, tried
 * as written and then with `.json` added. undefined for a package name (TypeScript resolves those
 * through node_modules) and for a path that is not a regular file.
 */
function extendedFile(from: string, spec: string): string | undefined {
  if (!(spec.startsWith('./') || spec.startsWith('../') || path.isAbsolute(spec))) return undefined;
  const abs = path.resolve(path.dirname(from), spec);
  for (const candidate of abs.endsWith('.json') ? [abs] : [abs, `${abs}.json`]) {
    const stat = fs.statSync(candidate, { throwIfNoEntry: false });
    if (stat?.isFile()) return candidate;
    if (stat) return undefined;
  }
  return undefined;
}

/** What tsconfig.ts's checkPaths accepts: arrays of path strings, one `*` at most. */
function validPaths(paths: unknown): boolean {
  if (!paths || typeof paths !== 'object' || Array.isArray(paths)) return false;
  const stars = (t: string) => (t.match(/\*/g)?.length ?? 0) <= 1;
  return Object.entries(paths).every(([p, t]) => stars(p) && Array.isArray(t) && t.length > 0 && t.every((x) => typeof x === 'string' && stars(x)));
}

/** The emitted module format: `module`, else ES2015 modules from target ES2015 on, else CommonJS (TypeScript's default). */
function moduleFormatOf(module: string | undefined, target: string | undefined): TsSettings['moduleFormat'] {
  const kind = module ?? (target === undefined || target === 'es3' || target === 'es5' ? 'commonjs' : 'es2015');
  if (kind === 'node16' || kind === 'node18' || kind === 'node20' || kind === 'nodenext') return 'node';
  if (kind === 'commonjs' || kind === 'amd' || kind === 'umd') return 'commonjs';
  return 'esm';
}

/**
 * tsc's rootDir when none is set: the longest common folder of the program's non-declaration
 * input files (compiler option `rootDir`, "Default: the longest common path of all non-declaration
 * input files"). With no input files, the tsconfig's folder.
 */
export function inferRootDir(fileNames: string[], o: { composite?: unknown; allowJs?: unknown }, file: string): string {
  // composite projects use the config's folder.
  if (o.composite) return path.dirname(file);
  const inputs = fileNames.filter((f) => !/\.d\.[mc]?ts$/.test(f) && (o.allowJs || !/\.[mc]?jsx?$/.test(f)) && !/\.json$/.test(f));
  if (!inputs.length) return path.dirname(file);
  let common = path.dirname(inputs[0]).split(path.sep);
  for (const f of inputs.slice(1)) {
    const parts = path.dirname(f).split(path.sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(path.sep) || path.sep;
}

/**
 * JSON with comments and trailing commas (what tsconfig files are), or undefined when the text is
 * anything else: TypeScript's lenient parser then reads it and reports what is wrong.
 */
export function parseJsonc(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let out = '';
  let i = 0;
  // Index in `out` of a comma that may turn out to be trailing.
  let comma = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) return undefined;
      out += text.slice(i, j + 1);
      i = j + 1;
      comma = -1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      out += ' ';
      i = end + 2;
    } else {
      if ((c === '}' || c === ']') && comma >= 0) out = out.slice(0, comma) + ' ' + out.slice(comma + 1);
      if (c === ',') comma = out.length;
      else if (!/\s/.test(c)) comma = -1;
      out += c;
      i++;
    }
  }
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}
