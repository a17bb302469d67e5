// Reads tsconfig once (with `extends`) into the few settings resolution needs. madge loses
// module/moduleResolution and the tsconfig location when given a path (FACTS.md), and the
// answer then changes with the working directory; everything here is absolute instead.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { manifestProblemText, readProjectManifest } from '../read-manifest.js';
import { UsageError } from '../types.js';

export interface TsSettings {
  /** Absolute path of the tsconfig file. */
  file: string;
  /** Absolute baseUrl, when set. */
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** Folder the `paths` targets are relative to: baseUrl, else the folder of the tsconfig that set `paths`. */
  pathsBase?: string;
  outDir?: string;
  rootDir?: string;
  verbatimModuleSyntax: boolean;
  /** What could not be read but does not stop the run (an `extends` of a package not installed). */
  notices: string[];
}

/**
 * Load the tsconfig named by the user (relative to the root), or `tsconfig.json` (else
 * `jsconfig.json`) at the root when present. A named file that is missing or broken is bad input (exit 2).
 */
export function loadTsSettings(root: string, given: string | undefined): TsSettings | undefined {
  // JavaScript projects keep their aliases in jsconfig.json, which has the same shape.
  const file = given ? path.resolve(root, given) : ['tsconfig.json', 'jsconfig.json'].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  if (!file || !fs.existsSync(file)) {
    if (given) throw new UsageError(`tsconfig '${given}' does not exist under ${root}. Fix the path, or leave it out to use tsconfig.json (or jsconfig.json) when present.`);
    return undefined;
  }
  const rel = path.relative(root, file) || path.basename(file);
  // TypeScript would block forever reading a named pipe: only a regular file is a tsconfig.
  if (!fs.statSync(file).isFile()) {
    throw new UsageError(`${rel}: is not a regular file (a folder, pipe or device). Replace it with a tsconfig file, or pass another with --tsconfig.`);
  }
  // The project's own tsconfig.json is the pull request's: a link out of the root, or one over
  // 10 MB, is refused unread. A file the user names with --tsconfig may live anywhere.
  const guard = given ? path.parse(file).root : root;
  const top = readProjectManifest(guard, file);
  if (!top.ok) throw new UsageError(manifestProblemText(top, 'Replace it with a tsconfig file inside the root, or pass another with --tsconfig.'));
  const problems: ts.Diagnostic[] = [];
  const refused: Extract<ReturnType<typeof readProjectManifest>, { ok: false }>[] = [];
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    // Every file `extends` reaches goes through the same reader (regular file, size cap; inside
    // the root when it is under the root): TypeScript then reports a refused one as unreadable.
    readFile: (f) => {
      const read = readProjectManifest(isUnder(root, f) ? root : path.parse(f).root, f);
      if (read.ok) return read.text;
      if (read.kind !== 'missing') refused.push(read);
      return undefined;
    },
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(d),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, host);
  if (refused.length) throw new UsageError(manifestProblemText(refused[0], `${rel} extends it: point "extends" at a regular file inside the root, or pass another tsconfig with --tsconfig.`));
  // TypeScript reads broken JSON leniently; its syntax errors sit on each file read.
  const configFile = parsed?.options.configFile as ts.TsConfigSourceFile | undefined;
  const files = [file, ...(configFile?.extendedSourceFiles ?? [])];
  const syntax = files.flatMap((f) => jsonSyntaxErrors(f));
  const all = [...syntax, ...problems, ...(parsed?.errors ?? [])];
  // `extends: "@tsconfig/node20/tsconfig.json"` needs node_modules, which a check must not:
  // say what was left out and go on with the settings that were read.
  const missingPackages = all.filter((d) => d.code === 6053);
  const fatal = all.filter((d) => d.code !== 6053).find(isConfigError);
  if (!parsed || fatal) throw new UsageError(describe(fatal, root, rel));

  const o = parsed.options;
  if (o.paths) checkPaths(o.paths, [file, ...(configFile?.extendedSourceFiles ?? [])], root);
  const pathsBase = (o as { pathsBasePath?: string }).pathsBasePath;
  return {
    file,
    baseUrl: o.baseUrl ? path.resolve(o.baseUrl) : undefined,
    paths: o.paths,
    pathsBase: o.baseUrl ? path.resolve(o.baseUrl) : pathsBase ? path.resolve(pathsBase) : path.dirname(file),
    outDir: o.outDir ? path.resolve(o.outDir) : undefined,
    rootDir: o.rootDir ? path.resolve(o.rootDir) : undefined,
    verbatimModuleSyntax: !!o.verbatimModuleSyntax,
    notices: missingPackages.map(
      (d) => `${rel}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')} (an 'extends' of a package that is not installed); its settings were not applied. Install dependencies first if it sets paths or baseUrl.`,
    ),
  };
}

/**
 * `paths` values that tsc rejects when it builds (TS5061, TS5063, TS5066) but the config parser
 * lets through: a string instead of an array would otherwise be read letter by letter.
 */
function checkPaths(paths: ts.MapLike<string[]>, files: string[], root: string): void {
  for (const [pattern, targets] of Object.entries(paths)) {
    const problem = !Array.isArray(targets)
      ? `must map to an array of paths, e.g. "${pattern}": [${JSON.stringify(targets)}]`
      : targets.length === 0
        ? 'maps to an empty array: give at least one path'
        : targets.some((t) => typeof t !== 'string')
          ? 'must map to path strings only'
          : (pattern.match(/\*/g)?.length ?? 0) > 1 || targets.some((t) => (t.match(/\*/g)?.length ?? 0) > 1)
            ? "may hold at most one '*' in the pattern and in each path"
            : undefined;
    if (!problem) continue;
    throw new UsageError(`${whereKey(files, pattern, root)}: invalid tsconfig: paths '${pattern}' ${problem}. Fix the file or pass another with --tsconfig.`);
  }
}

function isUnder(root: string, f: string): boolean {
  const rel = path.relative(root, path.resolve(f));
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/** 'tsconfig.json:4' for the first file (the tsconfig, then what it extends) that spells the key. */
function whereKey(files: string[], key: string, root: string): string {
  for (const f of files) {
    const text = ts.sys.readFile(f) ?? '';
    const paths = text.indexOf('"paths"');
    const at = paths < 0 ? -1 : text.indexOf(JSON.stringify(key), paths);
    if (at >= 0) return `${path.relative(root, f) || path.basename(f)}:${text.slice(0, at).split('\n').length}`;
  }
  return path.relative(root, files[0]) || path.basename(files[0]);
}

function jsonSyntaxErrors(file: string): ts.Diagnostic[] {
  const text = ts.sys.readFile(file);
  if (text === undefined) return [];
  const source = ts.parseJsonText(file, text);
  return (source as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
}

// "No inputs were found" (18003) is about `include`, which shipset does not use.
function isConfigError(d: ts.Diagnostic): boolean {
  return d.category === ts.DiagnosticCategory.Error && d.code !== 18003;
}

function describe(d: ts.Diagnostic | undefined, root: string, rel: string): string {
  if (!d) return `${rel}: could not be read. Fix the file or pass another with --tsconfig.`;
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  let where = rel;
  if (d.file && d.start !== undefined) {
    // The error may sit in a file reached through `extends`: name that one.
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    where = `${path.relative(root, d.file.fileName)}:${line + 1}:${character + 1}`;
  }
  return `${where}: invalid tsconfig: ${message.replace(/\.+$/, '')}. Fix the file (it must be valid JSON with comments) or pass another with --tsconfig.`;
}
