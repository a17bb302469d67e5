// Reads tsconfig once (with `extends`) into the few settings resolution needs. madge loses
// module/moduleResolution and the tsconfig location when given a path (FACTS.md), and the
// answer then changes with the working directory; everything here is absolute instead.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
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
  const problems: ts.Diagnostic[] = [];
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => problems.push(d),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(file, {}, host);
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
  return `${where}: invalid tsconfig: ${message}. Fix the file (it must be valid JSON with comments) or pass another with --tsconfig.`;
}
