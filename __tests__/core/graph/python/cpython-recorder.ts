// What CPython really loads: runs a fixture's entry under python3 (in a temp copy, never the
// repository's tree) with tiny stand-ins for third-party packages on sys.path, then lists the
// project files among the loaded modules. The truth the Python engine is compared with.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const RECORDER = String.raw`
import importlib, json, os, runpy, sys
root, entry, mode, module, search, site = sys.argv[1:7]
os.chdir(root)
if mode == "module":
    sys.path[:0] = [search, site]
    importlib.import_module(module)
else:
    sys.path[:0] = [os.path.dirname(entry), site]
    runpy.run_path(entry, run_name="__main__")
real = os.path.realpath(root)
loaded = set()
if mode != "module":
    loaded.add(os.path.relpath(os.path.realpath(entry), real).replace(os.sep, "/"))  # run as __main__, not kept in sys.modules
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None)
    if f:
        f = os.path.realpath(f)
        if f.startswith(real + os.sep):
            loaded.add(os.path.relpath(f, real).replace(os.sep, "/"))
print(json.dumps(sorted(loaded)))
`;

export function hasPython3(): boolean {
  return spawnSync('python3', ['-c', 'import sys; assert sys.version_info >= (3, 8)'], { stdio: 'ignore' }).status === 0;
}

export interface RecordOptions {
  /** Entry file, relative to root. */
  entry: string;
  /** `script`: python3 entry.py; `module`: import `module` with `search` (relative) first on sys.path. */
  mode: 'script' | 'module';
  module?: string;
  search?: string;
  /** Folder of stand-in third-party packages (absolute). */
  site: string;
}

/** Project files (POSIX, relative to root) among sys.modules after the entry ran. Throws when it fails. */
export function recordLoaded(root: string, o: RecordOptions): string[] {
  const out = execFileSync(
    'python3',
    ['-I', '-B', '-c', RECORDER, root, path.join(root, o.entry), o.mode, o.module ?? '', path.join(root, o.search ?? '.'), o.site],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as string[];
}
