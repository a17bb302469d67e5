// Files code reads from disk rather than imports (Flask/Django/Express templates and views, static
// assets, translations, migrations, mail templates, SQL): they never appear as imports, so the reachable set cannot
// contain them. One notice names those that sit in the folders of shipped code, with the
// `include` globs that would pack them.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

/** Per language: which shipped files count as code, and the folder names that usually hold data. */
export interface DataFileKind {
  language: string;
  code: RegExp;
  folders: ReadonlySet<string>;
}

export const PYTHON_DATA: DataFileKind = { language: 'Python', code: /\.py$/, folders: new Set(['templates', 'static', 'locales', 'locale', 'migrations']) };
export const JS_DATA: DataFileKind = {
  language: 'JavaScript/TypeScript',
  code: /\.(?:[cm]?[jt]sx?)$/,
  folders: new Set(['views', 'public', 'templates', 'locales', 'i18n', 'migrations', 'mail-templates', 'email-templates']),
};
const DATA_FILE = /\.(?:sql|html)$/i;
const SKIP = new Set(['__pycache__', 'node_modules', '.git']);
/** Enough to know a folder holds files; a huge static tree is not walked to the end. */
const WALK_LIMIT = 2000;

function hasFileOutside(dir: string, shipped: ReadonlySet<string>, root: string, budget: { left: number }): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (budget.left-- <= 0) return false;
    const abs = path.join(dir, e.name);
    if (e.isDirectory() && !SKIP.has(e.name)) {
      if (hasFileOutside(abs, shipped, root, budget)) return true;
    } else if (e.isFile() && !shipped.has(path.relative(root, abs).split(path.sep).join('/'))) {
      return true;
    }
  }
  return false;
}

/**
 * The notice for data folders (Python: `templates/`, `static/`, `locales/`, `locale/`,
 * `migrations/`; JavaScript: `views/`, `public/`, `templates/`, `locales/`, `i18n/`, `migrations/`,
 * `mail-templates/`, `email-templates/`) holding unshipped files, and `*.sql`/`*.html` files, in the
 * folders of shipped code files of `kind` and the folders above them; undefined when there are none or `include` already
 * matches them. `shipped` and `include` are POSIX, relative to `root`.
 */
export function dataFilesNotice(
  root: string,
  shipped: ReadonlySet<string>,
  include: readonly string[] = [],
  kind: DataFileKind = PYTHON_DATA,
): string | undefined {
  const included = include.length ? picomatch([...include], { dot: true }) : () => false;
  // The folders of shipped code and the folders above them (Express: app/controllers/x.js ships,
  // app/views/ is what it renders), up to the root.
  const dirs = [
    ...new Set(
      [...shipped]
        .filter((f) => kind.code.test(f) && !f.split('/').includes('node_modules'))
        .flatMap((f) => {
          const up: string[] = [];
          for (let d = path.posix.dirname(f); ; d = path.posix.dirname(d)) {
            up.push(d);
            if (d === '.' || d === '/') break;
          }
          return up;
        }),
    ),
  ].sort();
  const found: Array<{ shown: string; glob: string; probe: string }> = [];
  for (const dir of dirs) {
    const abs = path.join(root, dir);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const rel = dir === '.' ? e.name : `${dir}/${e.name}`;
      if (e.isDirectory() && kind.folders.has(e.name) && hasFileOutside(path.join(abs, e.name), shipped, root, { left: WALK_LIMIT })) {
        found.push({ shown: `${rel}/`, glob: `${rel}/**`, probe: `${rel}/x` });
      } else if (e.isFile() && DATA_FILE.test(e.name) && !shipped.has(rel)) {
        found.push({ shown: rel, glob: rel, probe: rel });
      }
    }
  }
  const missing = found.filter((f) => !included(f.probe));
  if (!missing.length) return undefined;
  const shown =
    missing
      .slice(0, 8)
      .map((f) => f.shown)
      .join(', ') + (missing.length > 8 ? `, and ${missing.length - 8} more` : '');
  const globs = missing
    .slice(0, 8)
    .map((f) => `--include '${f.glob}'`)
    .join(' ');
  return `Code may read files from disk that no import names, and these sit beside the shipped ${kind.language} code: ${shown}. They are not packed; if the service reads them, add them to include (${globs}, or "include" in shipset.config.json).`;
}
