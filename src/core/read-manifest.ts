// The one way shipset reads a project manifest (package.json, requirements*.txt and their
// `-r`/`-c` includes, pyproject.toml, setup.cfg): a pull request controls these files and
// every name inside them, so a read takes only a regular file whose real path lies inside the
// root, and at most MAX_MANIFEST_BYTES of it. `-r /dev/zero` would otherwise read forever,
// `-r /dev/stdin` or a named pipe would block forever, and `-r /etc/passwd` or a package.json
// symlinked out of the root would read (and quote) a file of the machine.
import fs from 'node:fs';
import path from 'node:path';
import { describeFsError } from './errors.js';
import { isInside } from './paths.js';

/** Largest manifest shipset reads (real ones are a few kilobytes). */
export const MAX_MANIFEST_BYTES = 10 * 1024 * 1024;

export type ManifestProblemKind = 'missing' | 'outside-root' | 'not-a-file' | 'too-large' | 'unreadable';

export type ManifestRead =
  | { ok: true; text: string; rel: string }
  | {
      ok: false;
      kind: ManifestProblemKind;
      /** POSIX path relative to the root (or the absolute path when it lies outside). */
      rel: string;
      /** What is wrong, in words, without the fix: "is outside the root (a link to /etc/passwd)". */
      problem: string;
    };

/** The rule every refusal repeats, so a reader of the message knows what is accepted. */
export const MANIFEST_RULE = `shipset reads only regular files inside the root, at most ${MAX_MANIFEST_BYTES / 1024 / 1024} MB each`;

/**
 * Reads `abs` as UTF-8 when it is a regular file inside `root` by real path (symlinks resolved,
 * as the OS would open it) and at most `maxBytes` long. Never throws, never follows a link out of
 * the root, never opens a FIFO, device or socket (checked before opening, and again on the open
 * descriptor, which is opened non-blocking so a swapped-in FIFO cannot hang the run).
 */
export function readProjectManifest(root: string, abs: string, maxBytes: number = MAX_MANIFEST_BYTES): ManifestRead {
  const absRoot = path.resolve(root);
  const target = path.resolve(absRoot, abs);
  const rel = relOrAbs(absRoot, target);
  const fail = (kind: ManifestProblemKind, problem: string): ManifestRead => ({ ok: false, kind, rel, problem });
  if (!isInside(absRoot, target)) return fail('outside-root', 'is outside the root');

  let real: string;
  try {
    real = fs.realpathSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const dangling = isSymlink(target);
      return fail('missing', dangling ? `is a symlink to ${safeReadlink(target)}, which does not exist` : 'does not exist');
    }
    return fail('unreadable', `cannot be read (${describeFsError(error)})`);
  }
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(absRoot);
  } catch {
    realRoot = absRoot;
  }
  if (!isInside(realRoot, real)) return fail('outside-root', `is a link to ${real}, outside the root`);

  const stat = fs.statSync(real, { throwIfNoEntry: false });
  if (!stat) return fail('missing', 'does not exist');
  if (!stat.isFile()) return fail('not-a-file', `is ${kindOf(stat)}, not a regular file`);
  if (stat.size > maxBytes) return fail('too-large', `is ${megabytes(stat.size)}, over the ${megabytes(maxBytes)} limit`);

  let fd: number;
  try {
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    return fail('unreadable', `cannot be read (${describeFsError(error)})`);
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return fail('not-a-file', `is ${kindOf(opened)}, not a regular file`);
    // Read at most one byte past the limit: a file that grows while being read is still refused.
    const buffer = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) {
        if (length > maxBytes) return fail('too-large', `is over the ${megabytes(maxBytes)} limit`);
        break;
      }
    }
    return { ok: true, text: buffer.toString('utf8', 0, length), rel };
  } catch (error) {
    return fail('unreadable', `cannot be read (${describeFsError(error)})`);
  } finally {
    fs.closeSync(fd);
  }
}

/** "package.json is a link to /etc/passwd, outside the root: shipset reads only ... each. <fix>" */
export function manifestProblemText(read: Extract<ManifestRead, { ok: false }>, fix: string): string {
  return `${read.rel} ${read.problem}: ${MANIFEST_RULE}. ${fix}`;
}

function relOrAbs(root: string, p: string): string {
  return isInside(root, p) ? path.relative(root, p).split(path.sep).join('/') || '.' : p;
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function safeReadlink(p: string): string {
  try {
    return fs.readlinkSync(p);
  } catch {
    return '?';
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1).replace(/\.0$/, '')} MB`;
}
