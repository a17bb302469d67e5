// Owner normalisation of a tar stream: tar 7's `portable` mode leaves the uid/gid fields
// blank (readers see "no owner"), while the contract is numeric owner 0:0 with empty
// user/group names. Each header block gets uid and gid "0000000\0" (what GNU tar writes for
// 0) and a recomputed checksum; data blocks pass through untouched.

const BLOCK = 512;
const UID = 108;
const GID = 116;
const SIZE = 124;
const CHECKSUM = 148;
const UNAME = 265;
const GNAME = 297;
const MAGIC = 257;
const ZERO_ID = Buffer.from('0000000\0', 'ascii');
const USTAR = Buffer.from('ustar', 'ascii');
const ZERO_BLOCK = Buffer.alloc(BLOCK);

/**
 * Walks a tar stream block by block, across calls, and rewrites every header in place.
 * Feed it the stream in order, in pieces whose lengths are multiples of 512.
 */
export class OwnerNormalizer {
  /** Data blocks still to pass before the next header. */
  private dataBlocks = 0;

  patch(piece: Buffer): void {
    if (piece.length % BLOCK) throw new Error(`tar stream piece of ${piece.length} bytes is not whole 512-byte blocks`);
    for (let off = 0; off < piece.length; off += BLOCK) {
      if (this.dataBlocks > 0) {
        this.dataBlocks--;
        continue;
      }
      const header = piece.subarray(off, off + BLOCK);
      if (!USTAR.equals(header.subarray(MAGIC, MAGIC + USTAR.length))) {
        if (isZero(header)) continue; // end-of-archive blocks
        throw new Error(`tar stream out of step: no ustar header where one was expected (offset ${off} of a piece)`);
      }
      ZERO_ID.copy(header, UID);
      ZERO_ID.copy(header, GID);
      header.fill(0, UNAME, UNAME + 32);
      header.fill(0, GNAME, GNAME + 32);
      writeChecksum(header);
      // Every type (files, pax 'x'/'g' records, GNU 'L'/'K') is followed by its size in blocks.
      this.dataBlocks = Math.ceil(headerSize(header) / BLOCK);
    }
  }
}

function isZero(block: Buffer): boolean {
  return block.equals(ZERO_BLOCK);
}

/** The size field: octal text, or base-256 when its first byte has the high bit set (> 8 GiB). */
function headerSize(header: Buffer): number {
  const field = header.subarray(SIZE, SIZE + 12);
  if (field[0] & 0x80) {
    let n = field[0] & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i];
    return n;
  }
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  return text ? parseInt(text, 8) : 0;
}

/** Sum of the header bytes with the checksum field read as spaces, written as GNU tar does: 6 octal digits, NUL, space. */
function writeChecksum(header: Buffer): void {
  header.fill(0x20, CHECKSUM, CHECKSUM + 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += header[i];
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', CHECKSUM, 8, 'ascii');
}
