// All source files under the root: git's tracked plus untracked-not-ignored files when the
// root is in a work tree (so build output and caches that git ignores are not "dormant"),
// else a folder walk. node_modules and VCS folders never count.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { gitListFiles } from '../git.js';
import { byCodeUnit } from '../paths.js';

export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts', '.py'];
const NEVER = /(^|\/)(node_modules|\.git|\.hg|\.svn|__pycache__)\//;

export interface SourceListing {
  files: string[];
  fromGit: boolean;
}

export function listSourceFiles(root: string, exclude: string[]): SourceListing {
  const tracked = gitListFiles(root);
  const all = tracked ?? globSync(['**/*'], { cwd: root, dot: true, ignore: ['**/node_modules/**', '**/.git/**'], followSymbolicLinks: false });
  const excluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
  const files = all
    .map((f) => f.split(path.sep).join('/'))
    // git still lists a file deleted in the work tree but not yet committed: it is gone.
    .filter((f) => isSourceFile(f) && !NEVER.test(f) && !excluded(f) && (!tracked || fs.existsSync(path.join(root, f))))
    .sort(byCodeUnit);
  return { files: [...new Set(files)], fromGit: tracked !== undefined };
}

export function isSourceFile(rel: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(rel)) && !/\.d\.[mc]?ts$/.test(rel);
}

export { byCodeUnit };
