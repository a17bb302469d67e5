// CPython's path finder over the project's folders: for each import root in order, a
// regular package (folder with __init__.py) wins over a module file, an extension module
// (.so/.pyd) or module file wins over a namespace folder, and namespace portions are used
// only when no root has anything else. Folder listings are cached, so resolving is cheap.
import fs from 'node:fs';
import path from 'node:path';

/** What one dotted name resolved to (all paths absolute). */
export type FoundModule =
  | { kind: 'package'; init: string; dir: string; shadowed?: string }
  | { kind: 'module'; file: string; shadowed?: string }
  | { kind: 'extension'; file: string }
  | { kind: 'namespace'; dirs: string[] };

export class PathFinder {
  private readonly listings = new Map<string, Map<string, 'file' | 'dir'> | null>();
  /** Per folder: module name -> compiled extension file name (`x.cpython-311-x86_64-linux-gnu.so`). */
  private readonly extensions = new Map<string, Map<string, string>>();

  constructor(private readonly accept: (abs: string) => boolean = () => true) {}

  /** Entries of a folder by name (null when it is not a readable folder). */
  list(dir: string): Map<string, 'file' | 'dir'> | null {
    let listing = this.listings.get(dir);
    if (listing !== undefined) return listing;
    listing = null;
    try {
      listing = new Map();
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        let type: 'file' | 'dir' | undefined;
        if (entry.isFile()) type = 'file';
        else if (entry.isDirectory()) type = 'dir';
        else if (entry.isSymbolicLink()) {
          try {
            const stat = fs.statSync(path.join(dir, entry.name));
            type = stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : undefined;
          } catch {
            type = undefined; // dangling link: not a candidate
          }
        }
        if (type && this.accept(path.join(dir, entry.name))) listing.set(entry.name, type);
      }
      const extensions = new Map<string, string>();
      for (const [entry, type] of listing) {
        const m = type === 'file' ? /^([A-Za-z_]\w*)(\.[\w-]+)?\.(so|pyd)$/.exec(entry) : null;
        if (m && !extensions.has(m[1])) extensions.set(m[1], entry);
      }
      this.extensions.set(dir, extensions);
    } catch {
      listing = null;
    }
    this.listings.set(dir, listing);
    return listing;
  }

  isFile(abs: string): boolean {
    return this.list(path.dirname(abs))?.get(path.basename(abs)) === 'file';
  }

  /** Find `name` (one identifier) on a search path, the way importlib's FileFinder does. */
  find(name: string, searchPath: readonly string[]): FoundModule | undefined {
    const portions: string[] = [];
    for (const dir of searchPath) {
      const listing = this.list(dir);
      if (!listing) continue;
      const hasDir = listing.get(name) === 'dir';
      const moduleFile = listing.get(`${name}.py`) === 'file' ? path.join(dir, `${name}.py`) : undefined;
      if (hasDir) {
        const pkgDir = path.join(dir, name);
        if (this.list(pkgDir)?.get('__init__.py') === 'file') {
          return { kind: 'package', init: path.join(pkgDir, '__init__.py'), dir: pkgDir, ...(moduleFile ? { shadowed: moduleFile } : {}) };
        }
      }
      const extension = this.extensions.get(dir)?.get(name);
      if (extension) return { kind: 'extension', file: path.join(dir, extension) };
      if (moduleFile) {
        return { kind: 'module', file: moduleFile, ...(hasDir ? { shadowed: path.join(dir, name) + path.sep } : {}) };
      }
      if (hasDir) portions.push(path.join(dir, name));
    }
    return portions.length ? { kind: 'namespace', dirs: portions } : undefined;
  }
}
