// shipset's Python engine: every .py file reachable from the entries, each with its
// classified import edges, dynamic import sites and syntax error (if any). The graph
// builder computes chains and dormant files from this and merges it with the JS graph.
import fs from 'node:fs';
import path from 'node:path';
import { describeFsError } from '../../errors.js';
import type { FileNode, ParseFailure } from '../../types.js';
import { UsageError } from '../../types.js';
import { CPythonParser, type CPythonVerdict } from './cpython.js';
import { dataFilesNotice } from '../data-files.js';
import { markLocalCandidates } from './local-candidates.js';
import { PathFinder } from './finder.js';
import { parsePython, type ParsedPython, type PythonPathChange } from './parse.js';
import { readRequiresPython, requiresPythonFor, type RequiresPython } from './requires-python.js';
import { relativeTo, resolveImport, type ResolveContext } from './resolve.js';
import { isInside } from '../../paths.js';

export interface PythonEngineInput {
  /** Absolute root. */
  root: string;
  /** .py entries, relative to root (POSIX). */
  entries: string[];
  /** Extra import roots, relative to root. */
  pythonPath: string[];
  /**
   * How the entries are started: `script` (`python3 app.py`: the entry's folder is sys.path[0])
   * or `module` (`python -m pkg.app`, gunicorn `pkg.app:app`: the folder above the top package is
   * searched and the packages' __init__.py files run first). Undefined: `module` for an entry
   * whose folder has an __init__.py (below the root), else `script`.
   */
  mode?: 'script' | 'module';
  /** Optional filter: a .py file for which this is false is treated as absent. */
  isSourceFile?: (rel: string) => boolean;
  /** Include globs (POSIX, relative to root): data folders they already match are not named in a notice. */
  include?: string[];
  /** The interpreter that judges syntax (default `python3` on PATH); false: the built-in grammar only. */
  python?: string | false;
}

export interface PythonGraph {
  files: Map<string, FileNode>;
  notices: string[];
}

const PROJECT_FILES = ['pyproject.toml', 'setup.cfg', 'setup.py'];

/** An entry run as a module: its dotted name, the folder sys.path starts from, and its packages. */
export interface ModuleEntry {
  /** `config.wsgi` for config/wsgi.py. */
  name: string;
  /** Absolute folder above the top package. */
  searchRoot: string;
  /** The __init__.py files CPython runs before the entry, outermost first (absolute), with their dotted names. */
  packages: Array<{ name: string; init: string }>;
}

/**
 * The module an entry is imported as when its folder is a package (has __init__.py): the
 * package chain goes up while each folder has an __init__.py, never above the root.
 * Undefined when the entry's folder is not a package (or is the root itself).
 */
export function moduleEntryOf(root: string, entryAbs: string, isFile: (abs: string) => boolean = (a) => fs.existsSync(a)): ModuleEntry | undefined {
  const dirs: string[] = [];
  for (let dir = path.dirname(entryAbs); dir !== root && isInside(root, dir) && isFile(path.join(dir, '__init__.py')); dir = path.dirname(dir))
    dirs.unshift(dir);
  if (!dirs.length) return undefined;
  const searchRoot = path.dirname(dirs[0]);
  const names = dirs.map((d) => path.relative(searchRoot, d).split(path.sep).join('.'));
  const base = path.basename(entryAbs, '.py');
  const name = base === '__init__' ? names[names.length - 1] : `${names[names.length - 1]}.${base}`;
  return { name, searchRoot, packages: dirs.map((d, i) => ({ name: names[i], init: path.join(d, '__init__.py') })).filter((p) => p.init !== entryAbs) };
}

/**
 * Import roots in sys.path order: each entry's folder (sys.path[0] for `python3 entry.py`; the
 * folder above its top package for an entry run as a module), the python-path roots
 * (PYTHONPATH), the root, and src/ for a src-layout project.
 */
export function importRoots(root: string, entries: string[], pythonPath: string[], moduleEntries: ReadonlyMap<string, ModuleEntry> = new Map()): string[] {
  const roots: string[] = [];
  const add = (dir: string): void => {
    if (!roots.includes(dir) && isDir(dir)) roots.push(dir);
  };
  for (const entry of entries) add(moduleEntries.get(entry)?.searchRoot ?? path.dirname(path.resolve(root, entry)));
  for (const extra of pythonPath) add(path.resolve(root, extra));
  add(root);
  if (isSrcLayout(root, entries)) add(path.join(root, 'src'));
  return roots;
}

function isDir(abs: string): boolean {
  try {
    return fs.statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** src/ holds the importable code when an entry lives there, or a packaging file sits at the root. */
function isSrcLayout(root: string, entries: string[]): boolean {
  const src = path.join(root, 'src');
  if (!isDir(src)) return false;
  if (entries.some((e) => e.startsWith('src/'))) return true;
  if (!PROJECT_FILES.some((f) => fs.existsSync(path.join(root, f)))) return false;
  return fs
    .readdirSync(src, { withFileTypes: true })
    .some((d) => (d.isDirectory() && fs.existsSync(path.join(src, d.name, '__init__.py'))) || (d.isFile() && d.name.endsWith('.py')));
}

export async function buildPythonGraph(input: PythonEngineInput): Promise<PythonGraph> {
  const root = path.resolve(input.root);
  const accept = (abs: string): boolean => !abs.endsWith('.py') || !input.isSourceFile || input.isSourceFile(relativeTo(root, abs));
  const finder = new PathFinder(accept);
  const notices = new Set<string>();
  const moduleEntries = new Map<string, ModuleEntry>();
  for (const entry of input.entries) {
    const abs = path.resolve(root, entry);
    if (!fs.existsSync(abs)) throw new UsageError(`Python entry ${entry} does not exist under ${root}. Pass a .py file relative to the root.`);
    if (input.mode === 'script') continue;
    const module = moduleEntryOf(root, abs, (a) => finder.isFile(a));
    if (module) {
      moduleEntries.set(relativeTo(root, abs), module);
      if (input.mode === undefined) {
        notices.add(
          `${relativeTo(root, abs)} is inside the package ${module.packages[0]?.name ?? module.name} (its folder has an __init__.py), so it was read as the module ${module.name}, as python -m, gunicorn, uvicorn and celery load it: imports are searched from ${relativeTo(root, module.searchRoot) || '.'}/ and the package's __init__.py files ship. If it is run as a file (python3 ${relativeTo(root, abs)}), pass --python-mode script.`,
        );
      }
    } else if (input.mode === 'module') {
      // No __init__.py: `python -m a.b` from the root still finds a/b.py through the namespace
      // package `a` (PEP 420), with the root as the first import root.
      const rel = relativeTo(root, abs);
      const parts = rel.replace(/\.py$/, '').split('/');
      if (parts.length > 1 && parts.every((p) => /^[A-Za-z_]\w*$/.test(p))) {
        moduleEntries.set(rel, { name: parts.join('.'), searchRoot: root, packages: [] });
      } else if (parts.length > 1) {
        notices.add(`${rel} cannot be run with python -m (its path is not a dotted module name): it was read as a script.`);
      }
    }
  }
  const entries = input.entries.map((e) => relativeTo(root, path.resolve(root, e)));
  const roots = importRoots(root, entries, input.pythonPath, moduleEntries);
  // A script entry whose folder is a package does not end a package for relative imports:
  // its siblings are top-level modules only for the entry itself.
  const packageRoots = roots
    .filter(
      (r) =>
        r === root || !finder.isFile(path.join(r, '__init__.py')) || !entries.some((e) => !moduleEntries.has(e) && path.dirname(path.resolve(root, e)) === r),
    )
    .sort((a, b) => b.length - a.length);
  // Explicitly run as a script from a package folder: the entry is __main__, with no package.
  const scriptEntries = new Set(
    input.mode === 'script' ? entries.filter((e) => moduleEntryOf(root, path.join(root, e), (a) => finder.isFile(a))).map((e) => path.join(root, e)) : [],
  );
  const ctx: ResolveContext = { root, realRoot: safeRealPath(root), roots, packageRoots, finder, notices, scriptEntries };
  const syntax = await SyntaxJudge.start(root, input.python, notices);

  const files = new Map<string, FileNode>();
  let wave: string[] = [...new Set(entries)];
  const seen = new Set(wave);
  try {
    while (wave.length) {
      const read = wave.map((rel) => readSource(root, rel));
      const verdicts = await syntax.judge(read);
      const next: string[] = [];
      for (let i = 0; i < read.length; i++) {
        const node = buildNode(ctx, read[i], verdicts[i], moduleEntries.get(read[i].rel));
        files.set(node.path, node);
        for (const edge of node.edges) {
          if (edge.class === 'file' && edge.target && !seen.has(edge.target)) {
            seen.add(edge.target);
            next.push(edge.target);
          }
        }
      }
      wave = next;
    }
  } finally {
    syntax.close();
  }
  markLocalCandidates(root, files, ctx.roots);
  const data = dataFilesNotice(root, new Set(files.keys()), input.include);
  if (data) notices.add(data);
  return { files, notices: [...notices] };
}

/** One file's bytes and what it imports (read by CPython, or by the built-in grammar). */
interface ReadSource {
  rel: string;
  abs: string;
  bytes?: Buffer;
  readError?: string;
  parsed?: ParsedPython;
}

function readSource(root: string, rel: string): ReadSource {
  const abs = path.join(root, rel);
  try {
    return { rel, abs, bytes: fs.readFileSync(abs) };
  } catch (error) {
    return { rel, abs, readError: describeFsError(error) };
  }
}

/**
 * CPython's errors that no newer Python lifts (bad characters and bytes, indentation,
 * unbalanced brackets, unterminated strings, statements outside their block): trusted even
 * from a python3 older than the declared minimum.
 */
const VERSION_INDEPENDENT =
  /^invalid character|^invalid non-printable character|unicode error|codec can't decode|^unexpected indent|^unindent does not match|^expected an indented block|^inconsistent use of tabs|^unterminated|^unmatched|^closing parenthesis|was never closed|^'(?:return|yield|await|break|continue)' outside|^Missing parentheses in call to|^invalid (?:decimal|hexadecimal|octal|binary) literal|^source code (?:string )?cannot contain null bytes/;

/**
 * Who decides whether a file parses: CPython (one process for the run) when a python3 is
 * available, else the built-in grammar. When the local python3 is older than the project's
 * declared minimum, a file it rejects may use syntax only newer versions know: for those the
 * built-in grammar (read for the declared version) decides, unless the error is one no newer
 * version lifts; a notice says so.
 */
class SyntaxJudge {
  /** Files the local python3 rejected that may use newer syntax, by the declaration that governs them. */
  private distrusted = new Map<string, { requires: RequiresPython; files: string[] }>();
  private readonly declarations = new Map<string, RequiresPython | undefined>();
  private constructor(
    private readonly root: string,
    private readonly cpython: CPythonParser | undefined,
    private readonly notices: Set<string>,
  ) {}

  static async start(root: string, python: string | false | undefined, notices: Set<string>): Promise<SyntaxJudge> {
    const cpython = python === false ? undefined : await CPythonParser.start(python ?? 'python3');
    if (!cpython) {
      const requires = readRequiresPython(root);
      notices.add(
        `No Python 3 found (python3 on PATH): syntax was checked with shipset's built-in Python grammar, which misses some valid forms and some errors CPython reports. Install Python 3${requires?.minMinor !== undefined ? `.${requires.minMinor} or newer` : ''} where shipset runs (actions/setup-python) for CPython's own verdict.`,
      );
    }
    return new SyntaxJudge(root, cpython, notices);
  }

  /** The declared minimum for one file: the nearest pyproject.toml / setup.cfg above it that sets one. */
  private requiresFor(rel: string): RequiresPython | undefined {
    return requiresPythonFor(this.root, rel, this.declarations);
  }

  /**
   * Reads each file's imports and returns the error that counts, if any. With a python3, CPython
   * judges the syntax and, for a file it accepts, reads the imports from its own tree in the same
   * pass (extract.ts); the built-in grammar reads only the files CPython rejects or cannot answer
   * for. Without one (or when it stops), the grammar reads and judges every file.
   */
  async judge(files: ReadSource[]): Promise<Array<ParseFailure | undefined>> {
    const readable = files.filter((f) => f.bytes);
    const requires = new Map(readable.map((f) => [f, this.requiresFor(f.rel)]));
    let cpython: Map<ReadSource, CPythonVerdict> | undefined;
    if (this.cpython) {
      // One CPython batch per declared minimum (a workspace's members may declare different ones).
      const groups = new Map<number | undefined, ReadSource[]>();
      for (const f of readable) {
        const minor = requires.get(f)?.minMinor;
        groups.set(minor, [...(groups.get(minor) ?? []), f]);
      }
      try {
        const answers = await Promise.all(
          [...groups].map(async ([minor, group]) => ({
            group,
            verdicts: await this.cpython!.analyze(
              group.map((f) => ({ name: f.rel, source: f.bytes! })),
              minor,
            ),
          })),
        );
        cpython = new Map(answers.flatMap(({ group, verdicts }) => group.map((f, i) => [f, verdicts[i]] as const)));
      } catch (error) {
        this.notices.add(
          `python3 stopped while checking syntax (${(error as Error).message}): the remaining files were checked with shipset's built-in Python grammar.`,
        );
      }
    }
    for (const f of readable) {
      f.parsed = cpython?.get(f)?.parsed;
      if (f.parsed) continue;
      const minMinor = requires.get(f)?.minMinor;
      f.parsed = parsePython(f.bytes!.toString('utf8'), minMinor !== undefined ? { minMinor } : {});
    }
    return files.map((f) => {
      if (f.readError !== undefined) return { file: f.rel, line: 1, column: 1, message: `cannot be read: ${f.readError}` };
      const grammar = f.parsed!.error;
      if (!cpython) return grammar && { file: f.rel, ...grammar };
      const verdict = cpython.get(f)?.error;
      if (!verdict) return undefined;
      const declared = requires.get(f);
      const tooOld = declared?.minMinor !== undefined && declared.minMinor > this.cpython!.version[1];
      if (tooOld && !grammar && !VERSION_INDEPENDENT.test(verdict.message)) {
        this.distrust(f.rel, declared);
        return undefined;
      }
      return { file: f.rel, ...verdict };
    });
  }

  private distrust(rel: string, requires: RequiresPython): void {
    const entry = this.distrusted.get(requires.file) ?? { requires, files: [] };
    entry.files.push(rel);
    this.distrusted.set(requires.file, entry);
    const v = this.cpython!.version;
    const prefix = `The local python3 is ${v[0]}.${v[1]}, older than requires-python ${requires.spec} in ${requires.file}:`;
    for (const n of [...this.notices]) if (n.startsWith(prefix)) this.notices.delete(n);
    const shown = entry.files.slice(0, 5).join(', ') + (entry.files.length > 5 ? ', ...' : '');
    this.notices.add(
      `${prefix} it rejects ${entry.files.length} file(s) (${shown}) that may use newer syntax, so shipset's built-in grammar judged them instead. Run shipset with Python 3.${requires.minMinor} or newer for CPython's verdict.`,
    );
  }

  close(): void {
    this.cpython?.close();
  }
}

function buildNode(ctx: ResolveContext, source: ReadSource, error: ParseFailure | undefined, moduleEntry: ModuleEntry | undefined): FileNode {
  const { rel, abs } = source;
  const node: FileNode = { path: rel, language: 'python', edges: [], dynamic: [] };
  if (error) {
    node.parseError = error;
    return node;
  }
  const parsed = source.parsed!;
  if (moduleEntry) {
    // `python -m a.b.c` imports a, then a.b, before it runs c.
    for (const pkg of moduleEntry.packages) {
      node.edges.push({
        from: rel,
        specifier: pkg.name,
        line: 1,
        column: 1,
        kind: 'python-import',
        class: 'file',
        target: relativeTo(ctx.root, pkg.init),
        loadedBy: `python -m ${moduleEntry.name}`,
      });
    }
  }
  // sys.path changes apply to the imports after them (and to every file read later).
  const changes = [...parsed.pathChanges];
  for (const imp of parsed.imports) {
    while (changes.length && (changes[0].line < imp.line || (changes[0].line === imp.line && changes[0].column < imp.column)))
      applyPathChange(ctx, rel, changes.shift()!);
    node.edges.push(...resolveImport(ctx, abs, imp));
  }
  for (const change of changes) applyPathChange(ctx, rel, change);
  node.dynamic = parsed.dynamic.map((d) => ({ file: rel, ...d }));
  return node;
}

function applyPathChange(ctx: ResolveContext, rel: string, change: PythonPathChange): void {
  const where = `${rel}:${change.line}`;
  if (change.path === undefined || change.base === undefined) {
    ctx.notices.add(
      `${where} changes sys.path with ${change.expression}, which shipset cannot evaluate without running code: imports from that folder may be reported as unresolved or undeclared. Name the folder with --python-path (python-path in the config).`,
    );
    return;
  }
  const base = change.base === 'cwd' ? ctx.root : path.dirname(path.join(ctx.root, rel));
  const dir = path.resolve(base, change.path);
  const shown = relativeTo(ctx.root, dir) || '.';
  if (!isInside(ctx.root, dir) || !isDir(dir)) {
    ctx.notices.add(
      `${where} adds ${change.expression} to sys.path, which is ${isInside(ctx.root, dir) ? 'not a folder' : 'outside the root'}: shipset does not search it.`,
    );
    return;
  }
  if (ctx.roots.includes(dir)) return;
  if (change.position === 'front') ctx.roots.unshift(dir);
  else ctx.roots.push(dir);
  ctx.packageRoots.push(dir);
  ctx.packageRoots.sort((a, b) => b.length - a.length);
  const relative = change.base === 'cwd' ? ' (a relative path: read from the root, the working directory shipset assumes)' : '';
  ctx.notices.add(`${where} puts ${shown}/ on sys.path${relative}: the imports after it also search there, and so does shipset.`);
}
function safeRealPath(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}
