// Where the tarball goes: one WriteTarget for the safe-write helper, so the early check (before
// the analysis) and the write itself refuse the same things. The tarball is renamed into place,
// and a rename replaces whatever is at the path: a symlink, a folder, a device or a file that is
// not an earlier tarball must be refused, never replaced or written through.
import path from 'node:path';
import { checkWriteTarget, startsWithGzipMagic, type WriteTarget } from '../safe-write.js';
import type { Options } from '../types.js';

const TARBALL_NAME = /\.(tgz|tar|gz)$/i;

/** The tarball as a write target: guarded below the root and the current folder. */
export function tarballTarget(options: Pick<Options, 'tarball' | 'root' | 'cwd'>, reads?: Iterable<string>): WriteTarget {
  return {
    path: path.resolve(options.tarball),
    label: 'the tarball path',
    example: 'shipset.tar.gz',
    guarded: [options.root, options.cwd ?? options.root],
    displayBase: options.cwd ?? options.root,
    reads,
    // Last run's tarball is replaced (or removed when packing is refused); any other file there is the user's.
    isOwnOutput: (file) => TARBALL_NAME.test(file) || startsWithGzipMagic(file),
    notOursText: 'an existing file that is not a tarball: packing would overwrite it (and a refused pack would delete it)',
  };
}

/** Throws a UsageError when the tarball path cannot take a regular file (see checkWriteTarget). */
export function checkTarballPath(options: Pick<Options, 'tarball' | 'root' | 'cwd'>): void {
  checkWriteTarget(tarballTarget(options));
}
