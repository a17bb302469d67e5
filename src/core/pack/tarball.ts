// The byte-reproducible tar.gz: the same files give the same bytes on any machine, whatever
// the files' mtimes, owners or umask (see docs/dependencies.md, "Reproducible tar.gz with tar 7").
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { headCommitTime } from '../git.js';
import { UsageError } from '../types.js';
import { OwnerNormalizer } from './owners.js';

const gzip = promisify(zlib.gzip);

/** 8^11 - 1: the largest mtime a ustar header's 11 octal digits can hold. */
export const MAX_TAR_MTIME = 0o77777777777;

/**
 * Seconds since the epoch stamped on every entry: `sourceDateEpoch` (the front ends read
 * SOURCE_DATE_EPOCH into Options), else the HEAD commit time, else 0.
 */
export function packMtime(root: string, sourceDateEpoch?: number): number {
  if (sourceDateEpoch !== undefined) return sourceDateEpoch;
  return headCommitTime(root) ?? 0;
}

/**
 * The SOURCE_DATE_EPOCH convention (reproducible-builds.org): a whole number of seconds since
 * 1970. Returns undefined when `value` is unset or blank; throws UsageError when it is not a
 * number, or later than a tar header can hold (tar 7 would write 'NaN' and a corrupt archive).
 */
export function parseSourceDateEpoch(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`SOURCE_DATE_EPOCH='${value}' is not a whole number of seconds since 1970. Set it to e.g. $(git log -1 --format=%ct) or unset it.`);
  }
  if (Number(text) > MAX_TAR_MTIME) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH='${text}' is after the year 2242, the latest time a tar header can hold (${MAX_TAR_MTIME}). Set it to e.g. $(git log -1 --format=%ct) or unset it.`,
    );
  }
  return Number(text);
}

export interface ArchiveSpec {
  /** Absolute root; `paths` are relative to it, sorted, and already checked to stay inside it. */
  root: string;
  paths: string[];
  prefix: string;
  mtime: number;
}

/** Uncompressed bytes per gzip member: fixed, so the output does not depend on how reads are chunked. */
export const GZIP_MEMBER_BYTES = 1 << 20;

/**
 * Write the gzip tarball of `spec.paths` to `file` (one regular-file entry per path, no folders).
 *
 * tar 7 writes the tar stream (portable headers); gzip runs beside it. The stream is cut at
 * fixed 1 MiB offsets and each piece is compressed as its own gzip member (RFC 1952 allows a
 * series of members; gzip, GNU tar, Python, Go and Node read them as one stream), on the libuv
 * thread pool while tar 7 keeps reading files. One single-threaded deflate after the reads was
 * ~2.5x slower than GNU tar, whose gzip runs in a second process.
 */
export async function createArchive(spec: ArchiveSpec): Promise<{ data: Buffer; contentSha256: string }> {
  // Loaded here, not at start-up: a run that does not pack never compiles tar.
  const tar = await import('tar');
  const pack = new tar.PackSync({
    cwd: spec.root,
    portable: true, // no uid/gid/uname/gname/atime/ctime (owners are then set to 0:0 below)
    mtime: new Date(spec.mtime * 1000),
    prefix: spec.prefix || undefined,
    follow: true, // a symlink inside the root ships as the file it points to
    noDirRecurse: true,
    strict: true,
    // A second name for an inode becomes a full file entry, not a hard-link ('h') entry: the
    // archive then holds regular files only, the same as a fresh clone (git has no hard links).
    linkCache: new NoLinks(),
    onWriteEntry(entry) {
      // Only "executable or not" survives: 0600 or 0664 sources pack the same as 0644.
      const stat = entry.stat as fs.Stats;
      stat.mode = (stat.mode & ~0o7777) | (stat.mode & 0o111 ? 0o755 : 0o644);
    },
  });
  const members: Array<Promise<Buffer>> = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const owners = new OwnerNormalizer();
  const content = createHash('sha256');
  const compress = (piece: Buffer) => {
    owners.patch(piece); // pieces are cut at 1 MiB, so headers never straddle two of them
    content.update(piece);
    members.push(gzipMember(piece));
  };
  const flush = (all: boolean) => {
    if (!pendingBytes) return;
    let joined = Buffer.concat(pending, pendingBytes);
    while (joined.length >= GZIP_MEMBER_BYTES || (all && joined.length)) {
      compress(joined.subarray(0, GZIP_MEMBER_BYTES));
      joined = joined.subarray(Math.min(GZIP_MEMBER_BYTES, joined.length));
    }
    pending = joined.length ? [joined] : [];
    pendingBytes = joined.length;
  };
  let failure: unknown;
  pack.on('error', (error: unknown) => (failure ??= error));
  pack.on('data', (chunk: Buffer) => {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= GZIP_MEMBER_BYTES) flush(false);
  });
  for (const rel of spec.paths) pack.add(rel);
  pack.end();
  flush(true);
  const compressed = await Promise.all(members);
  if (failure) throw failure;
  return { data: Buffer.concat(compressed), contentSha256: content.digest('hex') };
}

/** A link cache that never remembers an inode, so tar 7 never writes a hard-link entry. */
class NoLinks extends Map<`${number}:${number}`, string> {
  override get(): undefined {
    return undefined;
  }
  override set(): this {
    return this;
  }
}

/** One gzip member with no timestamp, no name, and the OS byte set to "unknown" (zlib writes the build platform's). */
async function gzipMember(piece: Buffer): Promise<Buffer> {
  const member = await gzip(piece, { level: GZIP_LEVEL });
  member[9] = 0xff;
  return member;
}

/** gzip's own default, as GNU `tar -z` uses it. */
const GZIP_LEVEL = 6;

/**
 * The regular files in the archive as written: root-relative path (the prefix taken off) -> SHA-256
 * of the bytes it holds. Read back from the file, so it is what a deploy will unpack.
 */
export async function archivedFiles(file: string, prefix: string): Promise<Map<string, string>> {
  const lead = prefix ? prefix + '/' : '';
  const files = new Map<string, string>();
  const tar = await import('tar');
  await tar.list({
    file,
    onReadEntry(entry) {
      if (entry.type !== 'File' || !entry.path.startsWith(lead)) return entry.resume();
      const rel = entry.path.slice(lead.length);
      const hash = createHash('sha256');
      entry.on('data', (chunk: Buffer) => hash.update(chunk));
      entry.on('end', () => files.set(rel, hash.digest('hex')));
    },
  });
  return files;
}

export function sha256File(file: string): { bytes: number; sha256: string } {
  const content = fs.readFileSync(file);
  return { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}
