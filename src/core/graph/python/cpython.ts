// CPython's own verdict on a file's syntax, and the file's imports read from the same tree: one
// `python3` process for the whole run, fed the bytes of each file over a pipe. It only parses,
// compiles to a code object (which is where CPython rejects an unknown __future__ feature or
// `return` outside a function) and walks the tree (extract.ts); it never imports or runs anything, reads no project file itself, and starts isolated (-I: no
// PYTHON* variables, no user site, no script folder on sys.path; -S: no site module, so no .pth
// file runs; -B: no bytecode written).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import { onCleanup } from '../../cleanup.js';
import { EXTRACTOR } from './extract.js';
import type { ParsedPython } from './parse.js';

/** A syntax error as CPython reports it (1-based line and column). */
export interface CPythonError {
  line: number;
  column: number;
  message: string;
}

/**
 * The script run with `python3 -I -S -B -c`: one JSON batch per line in, one JSON list of verdicts
 * per line out. A verdict is `{"error": ...}`, or for a valid file `{"parsed": ...}` (the facts
 * extract.ts reads from the same tree; null when it cannot answer). Each file is parsed once: the
 * tree ast.parse returns is compiled (compile() on a tree runs the same symbol table and compiler
 * passes as on source, so the verdicts are those of compile(source)).
 */
const CHECKER = String.raw`
import ast, base64, gc, json, sys, warnings
warnings.simplefilter("ignore")
# Trees are freed by reference counting; the cyclic collector runs once per batch instead of
# scanning every few hundred new tree nodes.
gc.disable()
out = sys.stdout
out.write(json.dumps({"version": list(sys.version_info[:2])}) + "\n")
out.flush()

def check(name, source, fv):
    try:
        tree = ast.parse(source, name) if fv is None else ast.parse(source, name, feature_version=(3, fv))
        compile(tree, name, "exec", dont_inherit=True)
    except SyntaxError as e:
        return {"error": {"line": e.lineno or 1, "column": e.offset or 1, "message": e.msg or "invalid syntax"}}
    except (ValueError, MemoryError, RecursionError) as e:
        return {"error": {"line": 1, "column": 1, "message": str(e) or type(e).__name__}}
    try:
        return {"parsed": extract(source, tree)}
    except Exception:
        return {"parsed": None}
${EXTRACTOR}
for line in sys.stdin:
    req = json.loads(line)
    fv = req.get("feature")
    verdicts = [check(f["name"], base64.b64decode(f["source"]), fv) for f in req["files"]]
    out.write(json.dumps(verdicts) + "\n")
    out.flush()
    gc.collect()
`;

/** CPython's answer on one file: its syntax error, or for a valid file the facts it read (when able). */
export interface CPythonVerdict {
  error?: CPythonError;
  /** What parsePython would return for the file (never an `error`); absent when CPython cannot answer for it. */
  parsed?: ParsedPython;
}

/** ast.parse accepts feature_version down to 3.4 before Python 3.13 and 3.7 from it on. */
function lowestFeature(minor: number): number {
  return minor >= 13 ? 7 : 4;
}

export class CPythonParser {
  private readonly pending: Array<(verdicts: CPythonVerdict[] | Error) => void> = [];
  private failure?: Error;
  private readonly stopCleanup: () => void;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** The interpreter's version as [3, minor]. */
    readonly version: [number, number],
    lines: readline.Interface,
  ) {
    lines.on('line', (line) => {
      const resolve = this.pending.shift();
      if (!resolve) return;
      try {
        const verdicts = JSON.parse(line) as Array<{ error?: CPythonError; parsed?: ParsedPython | null } | null>;
        resolve(
          verdicts.map((v): CPythonVerdict => {
            if (v?.error) return { error: { line: v.error.line, column: v.error.column, message: v.error.message } };
            return v?.parsed ? { parsed: { imports: v.parsed.imports, dynamic: v.parsed.dynamic, pathChanges: v.parsed.pathChanges } } : {};
          }),
        );
      } catch {
        resolve(new Error(`python3 answered ${JSON.stringify(line.slice(0, 80))}`));
      }
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      for (const resolve of this.pending.splice(0)) resolve(this.failure);
    };
    child.on('error', fail);
    child.on('close', () => fail(new Error('python3 exited')));
    child.stdin.on('error', fail);
    this.stopCleanup = onCleanup(() => child.kill());
  }

  /**
   * Starts `command` (default `python3`, looked up on PATH) and waits for its version line.
   * Resolves to undefined when there is no usable Python 3 (not installed, Python 2, crashed).
   */
  static async start(command = 'python3'): Promise<CPythonParser | undefined> {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(command, ['-I', '-S', '-B', '-c', CHECKER], { cwd: os.tmpdir(), stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    } catch {
      return undefined;
    }
    child.stderr.resume();
    const lines = readline.createInterface({ input: child.stdout });
    const version = await new Promise<[number, number] | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 15000);
      const done = (v: [number, number] | undefined): void => {
        clearTimeout(timer);
        resolve(v);
      };
      child.once('error', () => done(undefined));
      child.once('close', () => done(undefined));
      lines.once('line', (line) => {
        try {
          const v = (JSON.parse(line) as { version: [number, number] }).version;
          done(v[0] === 3 ? v : undefined);
        } catch {
          done(undefined);
        }
      });
    });
    if (!version) {
      child.kill();
      return undefined;
    }
    return new CPythonParser(child, version, lines);
  }

  /**
   * CPython's answer on many files at once, in order: a syntax error (1-based line and column as
   * CPython reports them), or for a valid file what parsePython returns for it (imports, dynamic
   * sites, sys.path changes), read from CPython's own tree in the same pass (see extract.ts).
   * `parsed` is absent for a file CPython accepts but cannot answer for (not UTF-8, lone
   * carriage returns, Python older than 3.10): read it with parsePython. `minMinor` is the oldest
   * declared 3.x (requires-python): the parser then rejects syntax newer than that version, as
   * far as ast.parse's feature_version checks go. Rejects when the process fails.
   */
  async analyze(files: Array<{ name: string; source: Buffer }>, minMinor?: number): Promise<CPythonVerdict[]> {
    if (this.failure) throw this.failure;
    if (!files.length) return [];
    const feature = minMinor !== undefined && minMinor < this.version[1] ? Math.max(minMinor, lowestFeature(this.version[1])) : undefined;
    const answer = new Promise<CPythonVerdict[]>((resolve, reject) => {
      this.pending.push((v) => (v instanceof Error ? reject(v) : resolve(v)));
    });
    const batch = {
      files: files.map((f) => ({ name: f.name, source: f.source.toString('base64') })),
      ...(feature !== undefined ? { feature } : {}),
    };
    this.child.stdin.write(`${JSON.stringify(batch)}\n`);
    const verdicts = await answer;
    if (verdicts.length !== files.length) throw new Error(`python3 answered ${verdicts.length} verdicts for ${files.length} files`);
    return verdicts;
  }

  close(): void {
    this.stopCleanup();
    this.child.stdin.end();
    this.child.kill();
  }
}
