// Where the tarball goes. It is written to a temp file and renamed into place, and a rename
// replaces whatever is at the path: a folder must be refused before the work starts, and a
// device, pipe or socket (`--out /dev/null` as root) must never be replaced by an archive.
import fs from 'node:fs';
import path from 'node:path';
import type { Options } from '../types.js';
import { UsageError } from '../types.js';
import { displayBase, displayPath, kindOfSpecial } from './paths.js';

const TARBALL_NAME = /\.(tgz|tar|gz)$/i;

/** Throws a UsageError when the tarball path cannot take a regular file. */
export function checkTarballPath(options: Pick<Options, 'tarball' | 'cwd' | 'root'>): void {
  const destination = path.resolve(options.tarball);
  const shown = displayPath(destination, displayBase(options));
  let link: fs.Stats | undefined;
  try {
    link = fs.lstatSync(destination, { throwIfNoEntry: false });
  } catch {
    link = undefined; // ENOTDIR: a file stands where a folder should; checkParent says which
  }
  if (!link) return checkParent(destination, displayBase(options));
  // A symlink is replaced, never written through: only a link to a folder says the user meant that folder.
  const stat = link.isSymbolicLink() ? fs.statSync(destination, { throwIfNoEntry: false }) : link;
  if (stat?.isDirectory()) {
    throw new UsageError(`the tarball path ${shown} is a folder. Name a file in it, e.g. ${path.join(shown, 'shipset.tar.gz')}.`);
  }
  if (!link.isSymbolicLink() && !link.isFile()) {
    throw new UsageError(`the tarball path ${shown} is ${kindOfSpecial(link)}, not a regular file: writing the tarball would replace it. Name a regular file, e.g. shipset.tar.gz.`);
  }
  // Last run's tarball is replaced (or removed when packing is refused); any other file there is the user's.
  if (link.isFile() && link.size > 0 && !TARBALL_NAME.test(destination) && !startsWithGzipMagic(destination)) {
    throw new UsageError(`the tarball path ${shown} is an existing file that is not a tarball: packing would overwrite it (and a refused pack would delete it). Name another path, e.g. shipset.tar.gz, or remove that file first.`);
  }
}

function startsWithGzipMagic(file: string): boolean {
  const head = Buffer.alloc(2);
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The nearest existing folder above a new tarball must be a folder (a file in the way cannot be made one). */
function checkParent(destination: string, base: string): void {
  for (let dir = path.dirname(destination); ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir, { throwIfNoEntry: false });
    } catch {
      continue; // ENOTDIR: a file is higher up
    }
    if (stat) {
      if (!stat.isDirectory()) throw new UsageError(`the tarball path ${displayPath(destination, base)} is under ${displayPath(dir, base)}, which is a file, not a folder. Choose a tarball path in a folder.`);
      return;
    }
    if (path.dirname(dir) === dir) return;
  }
}
