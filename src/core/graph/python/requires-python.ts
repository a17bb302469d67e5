// The oldest Python 3 a project says it supports: pyproject.toml `[project] requires-python`,
// Poetry's `[tool.poetry.dependencies] python`, or setup.cfg `[options] python_requires`.
// Syntax is judged for that version, since the code must parse there too.
import path from 'node:path';
import { readProjectManifest } from '../../read-manifest.js';
import { readToml, type TomlTable } from './toml.js';

export interface RequiresPython {
  /** The declared specifier, as written. */
  spec: string;
  /** The file it came from, relative to the root. */
  file: string;
  /** Lowest 3.x minor version it allows; undefined when it sets no lower bound. */
  minMinor?: number;
}

const MAX_MANIFEST_BYTES = 1 << 20;

/** Through the project manifest reader: a pyproject.toml or setup.cfg linked out of the root (or to a device) is not read. */
function readSmallFile(root: string, abs: string): string | undefined {
  const read = readProjectManifest(root, abs, MAX_MANIFEST_BYTES);
  return read.ok ? read.text : undefined;
}

/**
 * The lowest 3.x minor a PEP 440 specifier (or Poetry's `^3.9`) allows: `>=3.9,<4` -> 9,
 * `>3.9` -> 10, `~=3.10` -> 10, `==3.11.*` -> 11. Undefined when no clause sets a lower bound.
 */
export function lowestMinor(spec: string): number | undefined {
  let lowest: number | undefined;
  for (const clause of spec.split(/[,|]/)) {
    const m = /^\s*(>=|>|~=|==|===|\^|~)?\s*3(?:\.(\d+))?(?:\.(\d+|\*))?\s*$/.exec(clause);
    if (!m) continue;
    const op = m[1] ?? '==';
    if (op === '<' || op === '<=' || op === '!=') continue;
    let minor = m[2] === undefined ? 0 : Number(m[2]);
    if (op === '>' && m[3] === undefined) minor += 1;
    lowest = lowest === undefined ? minor : Math.max(lowest, minor);
  }
  return lowest;
}

/**
 * The declaration that governs a file: the nearest pyproject.toml / setup.cfg above it (never
 * above the root) that declares a minimum, as a workspace member's own pyproject.toml does for
 * its code. `fileRel` is POSIX, relative to the root; `cache` maps folders to their declaration.
 */
export function requiresPythonFor(root: string, fileRel: string, cache: Map<string, RequiresPython | undefined>): RequiresPython | undefined {
  const parts = fileRel.split('/').slice(0, -1);
  const walked: string[] = [];
  let found: RequiresPython | undefined;
  for (let n = parts.length; n >= 0; n--) {
    const dir = parts.slice(0, n).join('/');
    if (cache.has(dir)) {
      found = cache.get(dir);
      break;
    }
    walked.push(dir);
    const here = readRequiresPython(path.join(root, dir));
    if (here) {
      found = dir ? { ...here, file: `${dir}/${here.file}` } : here;
      break;
    }
  }
  for (const dir of walked) cache.set(dir, found);
  return found;
}

/** The declaration in one folder (pyproject.toml first, then setup.cfg), or undefined. */
export function readRequiresPython(root: string): RequiresPython | undefined {
  const pyproject = readSmallFile(root, path.join(root, 'pyproject.toml'));
  if (pyproject !== undefined) {
    let doc: TomlTable | undefined;
    try {
      doc = readToml(pyproject);
    } catch {
      doc = undefined; // the manifest reader reports a broken pyproject.toml
    }
    const project = doc?.project as TomlTable | undefined;
    const poetry = ((doc?.tool as TomlTable | undefined)?.poetry as TomlTable | undefined)?.dependencies as TomlTable | undefined;
    const spec = typeof project?.['requires-python'] === 'string' ? project['requires-python'] : typeof poetry?.python === 'string' ? poetry.python : undefined;
    if (spec !== undefined) return { spec, file: 'pyproject.toml', minMinor: lowestMinor(spec) };
  }
  const setupCfg = readSmallFile(root, path.join(root, 'setup.cfg'));
  if (setupCfg !== undefined) {
    let section = '';
    for (const line of setupCfg.split(/\r?\n/)) {
      const header = /^\s*\[([^\]]+)\]/.exec(line);
      if (header) section = header[1].trim();
      const m = /^python_requires\s*[=:]\s*(.+?)\s*$/.exec(line);
      if (m && section === 'options') return { spec: m[1], file: 'setup.cfg', minMinor: lowestMinor(m[1]) };
    }
  }
  return undefined;
}
