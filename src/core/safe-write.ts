// Every file shipset writes (tarball, manifest, SARIF) goes through here. The project under
// analysis may be a hostile pull request: it can commit the output path as a symlink (to
// `../../victim`, `/tmp/victim`, `.git/config`), a symlinked folder on the way, a FIFO or a
// folder. So an output is written to a fresh temp file beside the target (O_EXCL | O_NOFOLLOW:
// never an existing file, never through a link), then renamed into place; rename(2) replaces
// the directory entry itself and never follows a link at the target. Anything that is not a
// plain place for a regular file is refused with one line (exit 2), never worked around.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { onCleanup, removeOnCleanup } from './cleanup.js';
import { UsageError } from './types.js';

export interface WriteTarget {
  /** Absolute path of the file to write. */
  path: string;
  /** How the messages name it, e.g. 'the tarball path', 'the manifest path', 'input manifest: the manifest path'. */
  label: string;
  /** A file name to suggest in messages, e.g. 'shipset.json'. */
  example: string;
  /** The action's workspace: the output must lie inside it. Undefined: anywhere the user asked (CLI). */
  workspace?: string;
  /**
   * Folders (absolute) below which no folder on the way to the target may be a symlink: the
   * workspace or current folder, and the project root (what a pull request controls).
   */
  guarded: string[];
  /** Absolute paths of files the run read (sources, includes): never overwritten. */
  reads?: Iterable<string>;
  /**
   * Whether an existing non-empty regular file is shipset's own earlier output, which may be
   * replaced; anything else there is the user's and is refused. Default: any file may be replaced.
   */
  isOwnOutput?: (file: string) => boolean;
  /** What the refusal says about a file that is not ours, e.g. 'an existing file that is not a tarball: packing would overwrite it'. */
  notOursText?: string;
  /** Folder that messages show paths relative to (the user's current folder); absolute paths when unset. */
  displayBase?: string;
}

/** Where a path is shown: relative to the display base (the user's folder) when inside it, else absolute. */
function shown(abs: string, base: string | undefined): string {
  if (base === undefined) return abs;
  const rel = path.relative(base, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : abs;
}

function inside(base: string, abs: string): boolean {
  const rel = path.relative(base, abs);
  return !rel.startsWith('..') && !path.isAbsolute(rel);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Throws a UsageError (one line: the path, what is wrong, the fix) unless `target.path` is a
 * place shipset may write a regular file: not a symlink, no symlinked folder on the way below a
 * guarded folder, not a folder/device/FIFO/socket, not inside a `.git` folder, not a file the
 * run reads, not someone else's file, and (action) inside the workspace.
 */
export function checkWriteTarget(target: WriteTarget): void {
  const abs = path.resolve(target.path);
  const where = `${target.label} ${shown(abs, target.displayBase)}`;
  if (target.workspace && !inside(target.workspace, abs)) {
    throw new UsageError(
      `${where} is outside the workspace ${target.workspace}: outputs are written only inside it. Give a path inside the workspace, e.g. ${target.example}.`,
    );
  }
  if (abs.split(path.sep).some((part) => part.toLowerCase() === '.git')) {
    throw new UsageError(
      `${where} is inside a .git folder: writing there would change the repository's own data. Name a file outside .git, e.g. ${target.example}.`,
    );
  }
  checkFoldersOnTheWay(abs, target, where);

  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(abs, { throwIfNoEntry: false });
  } catch {
    stat = undefined; // ENOTDIR: a file stands where a folder should; checkParent says which
  }
  if (!stat) return checkParent(abs, where, target.displayBase);
  if (stat.isSymbolicLink()) {
    let to = '';
    try {
      to = ` (to ${fs.readlinkSync(abs)})`;
    } catch {
      // the link's text is only for the message
    }
    throw new UsageError(
      `${where} is a symbolic link${to}: shipset never writes through a link. Remove the link or name another path, e.g. ${target.example}.`,
    );
  }
  if (stat.isDirectory()) {
    throw new UsageError(`${where} is a folder. Name a file in it, e.g. ${path.join(shown(abs, target.displayBase), target.example)}.`);
  }
  if (!stat.isFile()) {
    throw new UsageError(`${where} is ${kindOf(stat)}, not a regular file: writing would replace it. Name a regular file, e.g. ${target.example}.`);
  }
  for (const read of target.reads ?? []) {
    if (path.resolve(read) === abs) {
      throw new UsageError(
        `${where} is a file this run reads (a source or an included file of the project): writing would overwrite it. Name another path, e.g. ${target.example}.`,
      );
    }
  }
  if (stat.size > 0 && target.isOwnOutput && !target.isOwnOutput(abs)) {
    throw new UsageError(
      `${where} is ${target.notOursText ?? 'an existing file that shipset did not write: writing would overwrite it'}. Name another path, e.g. ${target.example}, or remove that file first.`,
    );
  }
}

/** No folder between a guarded folder and the target may be a symlink (a PR can commit `out -> /etc`). */
function checkFoldersOnTheWay(abs: string, target: WriteTarget, where: string): void {
  for (const base of target.guarded) {
    const top = path.resolve(base);
    if (!inside(top, abs)) continue;
    for (let dir = path.dirname(abs); dir !== top && inside(top, dir); dir = path.dirname(dir)) {
      let stat: fs.Stats | undefined;
      try {
        stat = fs.lstatSync(dir, { throwIfNoEntry: false });
      } catch {
        stat = undefined;
      }
      if (stat?.isSymbolicLink()) {
        throw new UsageError(
          `${where} is under ${shown(dir, target.displayBase)}, which is a symbolic link: shipset never writes through a link. Name a path in a real folder, e.g. ${target.example}.`,
        );
      }
    }
  }
}

/** The nearest existing folder above a new file must be a folder (a file in the way cannot be made one). */
function checkParent(abs: string, where: string, base: string | undefined): void {
  for (let dir = path.dirname(abs); ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir, { throwIfNoEntry: false });
    } catch {
      continue; // ENOTDIR: a file is higher up
    }
    if (stat) {
      if (!stat.isDirectory()) throw new UsageError(`${where} is under ${shown(dir, base)}, which is a file, not a folder. Choose a path in a folder.`);
      return;
    }
    if (path.dirname(dir) === dir) return;
  }
}

/**
 * Check `target`, create a fresh temp file beside it (O_CREAT | O_EXCL | O_NOFOLLOW, registered
 * with the signal cleanup), let `write(fd, temp)` fill it, and rename it into place when `write`
 * returns true. On false or a throw (or SIGINT/SIGTERM), the temp file and any folder made for it
 * are removed. The target is checked again just before the rename. A file system refusal
 * (EACCES, ENOSPC, EROFS) becomes a UsageError naming the path.
 */
export async function writeThroughTemp(target: WriteTarget, write: (fd: number, temp: string) => Promise<boolean>): Promise<boolean> {
  checkWriteTarget(target);
  const abs = path.resolve(target.path);
  const dir = path.dirname(abs);
  let madeDir: string | undefined;
  let temp: string | undefined;
  let fd: number | undefined;
  let renamed = false;
  const releases: Array<() => void> = [];
  try {
    madeDir = fs.mkdirSync(dir, { recursive: true });
    if (madeDir) {
      const top = madeDir;
      releases.push(onCleanup(() => removeEmptyFolders(dir, top)));
    }
    temp = path.join(dir, `.${path.basename(abs)}.${randomBytes(8).toString('hex')}.tmp`);
    const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW } = fs.constants;
    fd = fs.openSync(temp, O_WRONLY | O_CREAT | O_EXCL | (O_NOFOLLOW ?? 0), 0o666);
    releases.push(removeOnCleanup(temp));
    const keep = await write(fd, temp);
    fs.closeSync(fd);
    fd = undefined;
    if (!keep) return false;
    checkWriteTarget(target);
    fs.renameSync(temp, abs);
    renamed = true;
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code || error instanceof UsageError) throw error;
    throw new UsageError(`cannot write ${target.label} ${shown(abs, target.displayBase)}: ${(error as Error).message}. Choose a path in a writable folder.`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (!renamed) {
      if (temp) fs.rmSync(temp, { force: true });
      if (madeDir) removeEmptyFolders(dir, madeDir);
    }
    for (const release of releases) release();
  }
}

/** Write `data` to `target` through a temp file and a rename (see writeThroughTemp). */
export async function writeFileSafely(target: WriteTarget, data: string | Buffer): Promise<void> {
  await writeThroughTemp(target, async (fd) => {
    writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
    return true;
  });
}

/** Write the whole buffer at the file position of `fd` (writeSync may write less than asked). */
export function writeAll(fd: number, data: Buffer): void {
  for (let off = 0; off < data.length;) off += fs.writeSync(fd, data, off, data.length - off);
}

/** Remove `dir` and its parents up to `top` (the folders this run made), only while empty. */
function removeEmptyFolders(dir: string, top: string): void {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      fs.rmdirSync(d);
    } catch {
      return;
    }
    if (d === top || path.dirname(d) === d) return;
  }
}

/** Whether `file` starts like a shipset manifest (`{"schema": N, "tool": {"name": "shipset"`): only then is it replaced. */
export function isShipsetManifest(file: string): boolean {
  const head = readHead(file, 4096).toString('utf8');
  return /^\s*\{\s*"schema"\s*:\s*\d+\s*,\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"shipset"/.test(head);
}

/** Whether `file` starts with the gzip magic bytes. */
export function startsWithGzipMagic(file: string): boolean {
  const head = readHead(file, 2);
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function readHead(file: string, max: number): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    const head = Buffer.alloc(max);
    return head.subarray(0, fs.readSync(fd, head, 0, max, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The manifest JSON as a write target: never a file the run read (sources, includes, the files
 * of the graph, when `result` is given), never someone else's file (only an earlier shipset
 * manifest is replaced).
 */
export function manifestTarget(
  file: string,
  result: { graph: { root: string; files: Map<string, unknown> }; manifest: { files: Array<{ path: string }> } } | undefined,
  where: { label: string; guarded: string[]; workspace?: string },
): WriteTarget {
  const root = result?.graph.root;
  return {
    path: path.resolve(file),
    label: where.label,
    example: 'shipset.json',
    guarded: root ? [...where.guarded, root] : where.guarded,
    displayBase: where.guarded[0],
    workspace: where.workspace,
    reads: root ? [...result.graph.files.keys(), ...result.manifest.files.map((f) => f.path)].map((rel) => path.join(root, rel)) : [],
    isOwnOutput: isShipsetManifest,
    notOursText: 'an existing file that is not a shipset manifest: writing would overwrite it',
  };
}
