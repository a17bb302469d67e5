// The source listing outside a git work tree is a direct folder walk; it must list exactly what
// the glob it replaced listed (tinyglobby, `**/*`, dot files, node_modules and .git ignored, links
// not followed), so the dormant files and the variants candidates stay the same.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { listSourceFiles, regularFilesUnder } from '../../../src/core/graph/source-files.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';

afterAll(cleanupFixtures);

function tree(): string {
  const root = tempDir();
  writeFiles(root, {
    'src/index.ts': '',
    'src/deep/er/x.mts': '',
    '.hidden/h.ts': '',
    'src/node_modules/dep/i.js': '',
    'node_modules/p/index.js': '',
    '.git/objects/f': '',
    'pkg/.git': 'gitdir: ../.git/worktrees/pkg',
    'pkg/node_modules': 'a file',
    'Node_Modules/n.ts': '',
    'sp ace [1].ts': '',
    'types.d.ts': '',
    'README.md': '',
  });
  fs.symlinkSync('src/index.ts', path.join(root, 'link.ts'));
  fs.symlinkSync('src', path.join(root, 'linkdir'));
  execFileSync('mkfifo', [path.join(root, 'pipe.ts')]);
  return root;
}

describe('source listing without git', () => {
  it('lists the regular files the glob listed: dot files in, links, pipes, node_modules and .git out', () => {
    const root = tree();
    const walked = regularFilesUnder(root).sort();
    expect(walked).toEqual(['.hidden/h.ts', 'Node_Modules/n.ts', 'README.md', 'sp ace [1].ts', 'src/deep/er/x.mts', 'src/index.ts', 'types.d.ts']);
    const globbed = globSync(['**/*'], { cwd: root, dot: true, ignore: ['**/node_modules/**', '**/.git/**'], followSymbolicLinks: false }).sort();
    expect(walked).toEqual(globbed);
  });

  it('keeps source files only, sorted, minus the excluded ones', () => {
    const root = tree();
    expect(listSourceFiles(root, ['src/deep/**'])).toEqual({
      files: ['.hidden/h.ts', 'Node_Modules/n.ts', 'sp ace [1].ts', 'src/index.ts'],
      fromGit: false,
    });
  });

  it('gives an empty listing for a root it cannot read', () => {
    expect(regularFilesUnder(path.join(tempDir(), 'missing'))).toEqual([]);
  });
});
