import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
import { OwnerNormalizer } from '../../../src/core/pack/owners.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';

afterAll(cleanupFixtures);

/** An uncompressed portable tar 7 stream of `paths` under `root`. */
function portableTar(root: string, paths: string[]): Buffer {
  const chunks: Buffer[] = [];
  const pack = new tar.PackSync({ cwd: root, portable: true, mtime: new Date(0), noDirRecurse: true });
  pack.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  for (const p of paths) pack.add(p);
  pack.end();
  return Buffer.concat(chunks);
}

describe('OwnerNormalizer', () => {
  it('sets uid/gid 0 with valid checksums in file and pax headers, leaving the data as it was', () => {
    const root = tempDir();
    const long = `deep/${'long-name-'.repeat(11)}.txt`; // a name > 100 characters: a pax 'x' header first
    writeFiles(root, { 'a.txt': 'ustar'.repeat(200), [long]: 'x' });
    const stream = portableTar(root, ['a.txt', long]);
    const before = Buffer.from(stream);
    new OwnerNormalizer().patch(stream);

    const changed: number[] = [];
    for (let i = 0; i < stream.length; i++) if (stream[i] !== before[i]) changed.push(Math.floor(i / 512));
    // Only header blocks change: a.txt's header (0), the pax header (3) and long's header (5).
    expect([...new Set(changed)]).toEqual([0, 3, 5]);

    const file = path.join(tempDir(), 'x.tar');
    fs.writeFileSync(file, stream);
    const gnu = execFileSync('tar', ['-tvf', file, '--numeric-owner'], { encoding: 'utf8' }).trim().split('\n');
    expect(gnu).toHaveLength(2);
    for (const line of gnu) expect(line).toMatch(/^-rw-r--r-- 0\/0 /);
    expect(stream.toString('ascii', 108, 124)).toBe('0000000\u00000000000\u0000');
  });

  it('refuses pieces that are not whole blocks, and a stream it lost step with', () => {
    expect(() => new OwnerNormalizer().patch(Buffer.alloc(100))).toThrow(/not whole 512-byte blocks/);
    const junk = Buffer.alloc(512, 0x41);
    expect(() => new OwnerNormalizer().patch(junk)).toThrow(/out of step/);
  });
});
