// What a Python project declares it needs at run time: requirements*.txt (with -r
// includes), pyproject.toml `[project] dependencies` / optional-dependencies and Poetry's
// `[tool.poetry.dependencies]`, and setup.cfg `install_requires`. Dev-only lists
// (requirements-dev.txt, Poetry dev groups, dev/test extras) are kept apart: a production
// install omits them.
import fs from 'node:fs';
import path from 'node:path';
import { normalizeDistName } from './distributions.js';
import { readToml, type TomlTable } from './toml.js';

export interface PythonManifests {
  /** Files read, relative to the root. */
  files: string[];
  /** Normalised distribution names a production install provides. */
  production: Set<string>;
  /** Normalised distribution names declared for development only. */
  dev: Set<string>;
  /** Problems met while reading (unreadable file, missing -r target). */
  problems: string[];
  /** The project's own distribution name, normalised. */
  projectName?: string;
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
  const found: PythonManifests = { files: [], production: new Set(), dev: new Set(), problems: [] };
  const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');

  for (const name of requirements) {
    const abs = path.join(dir, name);
    const target = isDevRequirementsFile(name) ? found.dev : found.production;
    readRequirements(abs, target, found, rel, new Set());
  }
  if (hasPyproject) readPyproject(path.join(dir, 'pyproject.toml'), found, rel);
  if (hasSetupCfg) readSetupCfg(path.join(dir, 'setup.cfg'), found, rel);
  return found;
}

/** A PEP 508 requirement's distribution name (`requests[socks]>=2; python_version<"3.12"` -> requests). */
export function requirementName(line: string): string | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(line);
  return m ? normalizeDistName(m[1]) : undefined;
}

function readRequirements(abs: string, into: Set<string>, found: PythonManifests, rel: (a: string) => string, visiting: Set<string>): void {
  if (visiting.has(abs)) return;
  visiting.add(abs);
  const text = readManifestText(abs, found, rel);
  if (text === undefined) return;
  const logical = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of logical) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(line);
    if (include) {
      const target = path.resolve(path.dirname(abs), include[1]);
      const set = isDevRequirementsFile(path.basename(target)) && into === found.production ? found.dev : into;
      readRequirements(target, set, found, rel, visiting);
      continue;
    }
    const editable = /^(?:-e|--editable)(?:\s+|=)(\S+)/.exec(line);
    const location = editable ? editable[1] : /^[a-z+]+:\/\//i.test(line) ? line.split(/\s/)[0] : undefined;
    if (location !== undefined) {
      const egg = /[#&]egg=([A-Za-z0-9._-]+)/.exec(location);
      if (egg) into.add(normalizeDistName(egg[1]));
      continue;
    }
    if (line.startsWith('-')) continue; // -c constraints, --index-url and other options declare nothing
    const name = requirementName(line);
    if (name) into.add(name);
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function table(value: unknown): TomlTable | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as TomlTable) : undefined;
}

function readPyproject(abs: string, found: PythonManifests, rel: (a: string) => string): void {
  let doc: TomlTable;
  try {
    doc = readToml(fs.readFileSync(abs, 'utf8'));
  } catch (error) {
    found.problems.push(`${rel(abs)} cannot be read (${(error as Error).message})`);
    return;
  }
  found.files.push(rel(abs));
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
function readSetupCfg(abs: string, found: PythonManifests, rel: (a: string) => string): void {
  const text = readManifestText(abs, found, rel);
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
function readManifestText(abs: string, found: PythonManifests, rel: (a: string) => string): string | undefined {
  try {
    const text = fs.readFileSync(abs, 'utf8');
    found.files.push(rel(abs));
    return text;
  } catch {
    found.problems.push(`${rel(abs)} cannot be read`);
    return undefined;
  }
}
