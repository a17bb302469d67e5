// What a Python project declares it needs at run time: requirements*.txt (with -r
// includes), pyproject.toml `[project] dependencies` / optional-dependencies and Poetry's
// `[tool.poetry.dependencies]`, and setup.cfg `install_requires`. Dev-only lists
// (requirements-dev.txt, Poetry dev groups, dev/test extras) are kept apart: a production
// install omits them.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeDistName } from './distributions.js';
import { manifestProblemText, MANIFEST_RULE, readProjectManifest } from '../../read-manifest.js';
import { readToml, type TomlTable } from './toml.js';

export interface PythonManifests {
  /** Files read, relative to the root. */
  files: string[];
  /** Normalised distribution names a production install provides. */
  production: Set<string>;
  /** Normalised distribution names declared for development only. */
  dev: Set<string>;
  /** Problems met while reading (unreadable file, missing or refused -r target), each a full sentence. */
  problems: string[];
  /** The project's own distribution name, normalised. */
  projectName?: string;
  /**
   * Lockfiles beside the manifest (uv.lock, poetry.lock, pdm.lock, Pipfile.lock) and the
   * normalised distribution names each pins: what an install from the lock provides today,
   * including packages only another declared package requires.
   */
  locked: Array<{ file: string; names: Set<string> }>;
}

const LOCKFILES = ['uv.lock', 'poetry.lock', 'pdm.lock', 'Pipfile.lock'];

/**
 * The distributions a lockfile pins. uv.lock, poetry.lock and pdm.lock are TOML with one
 * `[[package]]` table per distribution (its `name = "..."` key is read line by line, so a
 * multi-megabyte lock needs no full TOML parse); Pipfile.lock is JSON with `default` and
 * `develop` maps. Undefined when the file cannot be read or has no recognisable entries.
 */
export function readLockfile(root: string, abs: string): Set<string> | undefined {
  if (!fs.existsSync(abs)) return undefined;
  const read = readProjectManifest(root, abs);
  if (!read.ok) return undefined;
  const names = new Set<string>();
  if (abs.endsWith('.json') || path.basename(abs) === 'Pipfile.lock') {
    try {
      const doc = JSON.parse(read.text) as Record<string, unknown>;
      for (const section of ['default', 'develop']) {
        const table = doc[section];
        if (table && typeof table === 'object') for (const name of Object.keys(table)) names.add(normalizeDistName(name));
      }
    } catch {
      return undefined;
    }
    return names.size ? names : undefined;
  }
  let inPackage = false;
  for (const line of read.text.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) inPackage = /^\s*\[\[\s*package\s*\]\]\s*(?:#.*)?$/.test(line);
    else if (inPackage) {
      const m = /^\s*name\s*=\s*["']([A-Za-z0-9][A-Za-z0-9._-]*)["']/.exec(line);
      if (m) {
        names.add(normalizeDistName(m[1]));
        inPackage = false;
      }
    }
  }
  return names.size ? names : undefined;
}

const DEV_WORDS = /(^|[-_.])(dev|devel|develop|test|tests|testing|lint|docs?|ci|typing|mypy)([-_.]|$)/i;

export function isDevRequirementsFile(name: string): boolean {
  return DEV_WORDS.test(name.replace(/\.(txt|in)$/, '').replace(/^requirements/, ''));
}

/** Manifests of the folder `dir` (absolute); undefined when it holds none. */
export function readPythonManifests(root: string, dir: string): PythonManifests | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const requirements = names.filter((n) => /^requirements.*\.txt$/i.test(n) || /^(dev|test)-requirements.*\.txt$/i.test(n)).sort();
  const hasPyproject = names.includes('pyproject.toml');
  const hasSetupCfg = names.includes('setup.cfg');
  if (!requirements.length && !hasPyproject && !hasSetupCfg) return undefined;
  const found: PythonManifests = { files: [], production: new Set(), dev: new Set(), problems: [], locked: [] };
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');

  for (const name of requirements) {
    const abs = path.join(dir, name);
    const target = isDevRequirementsFile(name) ? found.dev : found.production;
    readRequirements(abs, target, found, root, new Map());
  }
  if (hasPyproject) readPyproject(path.join(dir, 'pyproject.toml'), found, root, rel);
  if (hasSetupCfg) readSetupCfg(path.join(dir, 'setup.cfg'), found, root);
  // The lock sits beside the manifest, or at the workspace root above it (uv, Poetry, PDM workspaces).
  const absRoot = path.resolve(root);
  for (let at = path.resolve(dir); !found.locked.length; at = path.dirname(at)) {
    for (const lock of LOCKFILES) {
      const pinned = readLockfile(root, path.join(at, lock));
      if (pinned) found.locked.push({ file: rel(path.join(at, lock)), names: pinned });
    }
    if (at === absRoot || !path.relative(absRoot, at) || path.relative(absRoot, at).startsWith('..') || path.dirname(at) === at) break;
  }
  return found;
}

/** A PEP 508 requirement's distribution name (`requests[socks]>=2; python_version<"3.12"` -> requests). */
export function requirementName(line: string): string | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(line);
  return m ? normalizeDistName(m[1]) : undefined;
}

/** Where an include was written: `requirements.txt:3`, for messages about its target. */
interface IncludeSite {
  file: string;
  line: number;
  option: string;
  target: string;
  /** Includes between the top requirements file and this one (1 for a direct include). */
  depth: number;
}

/** Deeper include chains are refused rather than followed (pip has no limit; nobody needs 100). */
const MAX_INCLUDE_DEPTH = 100;

function readRequirements(
  abs: string,
  into: Set<string>,
  found: PythonManifests,
  root: string,
  visiting: Map<string, 'open' | 'done'>,
  site?: IncludeSite,
): void {
  const read = readProjectManifest(root, abs);
  if (!read.ok) {
    if (site && read.kind === 'missing') {
      found.problems.push(
        `${site.file}:${site.line}: ${site.option} ${site.target} ${read.problem}: its declarations were not checked. Fix the path, or remove the include.`,
      );
    } else if (site) {
      // `-r /dev/zero`, `-r /dev/stdin`, `-r /etc/passwd`, a link out of the root: named where it is written.
      found.problems.push(
        `${site.file}:${site.line}: ${site.option} ${site.target} ${read.problem}: ${MANIFEST_RULE}; list those requirements in ${site.file} itself (the declarations in ${site.target} were not checked).`,
      );
    } else {
      found.problems.push(`${manifestProblemText(read, 'Make it a regular file inside the root (its declarations were not checked).')}`);
    }
    return;
  }
  // By real path, so a link to a file already being read is the same file.
  const key = realPathOf(abs);
  const state = visiting.get(key);
  if (state === 'open' && site) {
    found.problems.push(
      `${site.file}:${site.line}: ${site.option} ${site.target} includes a file that is still being read (an include cycle); it was read once. Remove the include that closes the cycle.`,
    );
  }
  if (state) return; // a cycle, or a file two includes share: read once
  if (site && site.depth > MAX_INCLUDE_DEPTH) {
    found.problems.push(
      `${site.file}:${site.line}: ${site.option} ${site.target} is more than ${MAX_INCLUDE_DEPTH} includes deep: shipset stops there (its declarations were not checked). Include the files from fewer levels.`,
    );
    return;
  }
  visiting.set(key, 'open');
  if (!found.files.includes(read.rel)) found.files.push(read.rel);
  const logical = joinContinuations(read.text);
  for (const { text: raw, line: lineNo } of logical) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    // pip's options: `-r file`, `-rfile` (a short option takes its value attached), `--requirement[= ]file`.
    const include = /^(-r)\s*(\S+)|^(--requirement)(?:\s+|=)(\S+)/.exec(line);
    if (include) {
      const [option, written] = include[1] ? [include[1], include[2]] : [include[3], include[4]];
      const target = path.resolve(path.dirname(abs), written);
      const set = isDevRequirementsFile(path.basename(target)) && into === found.production ? found.dev : into;
      readRequirements(target, set, found, root, visiting, { file: read.rel, line: lineNo, option, target: written, depth: (site?.depth ?? 0) + 1 });
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s+|=)(\S+)/.exec(line);
    const location = editable ? editable[1] : /^[a-z+]+:\/\//i.test(line) ? line.split(/\s/)[0] : undefined;
    if (location !== undefined) {
      const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(location);
      if (egg) into.add(normalizeDistName(egg[1]));
      continue;
    }
    // -c constraints files only pin versions: they declare nothing, so they are never opened.
    if (line.startsWith('-')) continue;
    const name = requirementName(line);
    if (name) into.add(name);
  }
  visiting.set(key, 'done');
}

/** pip's logical lines: a trailing backslash joins the next line; each keeps its first physical line number. */
function joinContinuations(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const start = i + 1;
    let joined = physical[i];
    while (joined.endsWith('\\') && i + 1 < physical.length) joined = joined.slice(0, -1) + ' ' + physical[++i];
    out.push({ text: joined, line: start });
  }
  return out;
}

function realPathOf(abs: string): string {
  try {
    return fs.realpathSync(abs);
  } catch {
    return abs;
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function table(value: unknown): TomlTable | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as TomlTable) : undefined;
}

function readPyproject(abs: string, found: PythonManifests, root: string, rel: (a: string) => string): void {
  const text = readManifestText(abs, found, root);
  if (text === undefined) return;
  let doc: TomlTable;
  try {
    doc = readToml(text);
  } catch (error) {
    found.problems.push(`${rel(abs)} cannot be parsed as TOML (${(error as Error).message}): its declarations were not checked. Fix the file.`);
    return;
  }
  const project = table(doc.project);
  if (typeof project?.name === 'string') found.projectName = normalizeDistName(project.name);
  for (const req of strings(project?.dependencies)) addName(found.production, req);
  const extras = table(project?.['optional-dependencies']);
  for (const [extra, reqs] of Object.entries(extras ?? {})) {
    for (const req of strings(reqs)) addName(DEV_WORDS.test(extra) ? found.dev : found.production, req);
  }
  for (const reqs of Object.values(table(doc['dependency-groups']) ?? {})) {
    for (const req of strings(reqs)) addName(found.dev, req);
  }
  const poetry = table(table(doc.tool)?.poetry);
  if (poetry) {
    if (typeof poetry.name === 'string' && !found.projectName) found.projectName = normalizeDistName(poetry.name);
    for (const name of Object.keys(table(poetry.dependencies) ?? {})) if (name.toLowerCase() !== 'python') found.production.add(normalizeDistName(name));
    for (const name of Object.keys(table(poetry['dev-dependencies']) ?? {})) found.dev.add(normalizeDistName(name));
    for (const [groupName, group] of Object.entries(table(poetry.group) ?? {})) {
      const deps = table(table(group)?.dependencies) ?? {};
      const optional = table(group)?.optional === true;
      // A production install is `poetry install --only main`: other groups are development tools.
      for (const name of Object.keys(deps)) (groupName === 'main' && !optional ? found.production : found.dev).add(normalizeDistName(name));
    }
  }
}

function addName(into: Set<string>, requirement: string): void {
  const name = requirementName(requirement);
  if (name) into.add(name);
}

/** setup.cfg `[options] install_requires =` (an indented list) and `[metadata] name`. */
function readSetupCfg(abs: string, found: PythonManifests, root: string): void {
  const text = readManifestText(abs, found, root);
  if (text === undefined) return;
  let section = '';
  let inRequires = false;
  for (const raw of text.split(/\r?\n/)) {
    const sectionMatch = /^\[([^\]]+)\]/.exec(raw);
    if (sectionMatch) {
      section = sectionMatch[1].trim();
      inRequires = false;
      continue;
    }
    const key = /^([A-Za-z_][\w-]*)\s*[=:]\s*(.*)$/.exec(raw);
    if (key) {
      inRequires = section === 'options' && key[1] === 'install_requires';
      if (section === 'metadata' && key[1] === 'name' && !found.projectName) found.projectName = normalizeDistName(key[2].trim());
      if (inRequires && key[2].trim()) addName(found.production, key[2]);
      continue;
    }
    if (inRequires && /^\s+\S/.test(raw) && !raw.trim().startsWith('#')) addName(found.production, raw.trim());
  }
}

/** A manifest's text, recorded as read; or a problem recorded when it cannot be read. */
function readManifestText(abs: string, found: PythonManifests, root: string): string | undefined {
  const read = readProjectManifest(root, abs);
  if (!read.ok) {
    found.problems.push(manifestProblemText(read, 'Make it a regular file inside the root (its declarations were not checked).'));
    return undefined;
  }
  found.files.push(read.rel);
  return read.text;
}
