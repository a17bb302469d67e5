import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { removeStaleTarball } from '../../../src/core/pack/index.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';
import { packOptions } from '../../helpers/graph-builder.js';

afterAll(cleanupFixtures);

describe('removeStaleTarball (a refused pack leaves no earlier tarball to ship)', () => {
  it('deletes an earlier tarball and names it relative to the current folder', () => {
    const root = tempDir();
    writeFiles(root, { 'dist/app.tar.gz': 'an earlier, passing run', 'dist/keep.txt': 'mine' });
    const notice = removeStaleTarball(packOptions(root, { tarball: path.join(root, 'dist/app.tar.gz'), cwd: root }));
    expect(notice).toBe('Removed the earlier dist/app.tar.gz so no later step can ship it.');
    expect(fs.readdirSync(path.join(root, 'dist'))).toEqual(['keep.txt']);
  });

  it('names an absolute path when the tarball is outside the current folder', () => {
    const root = tempDir();
    const elsewhere = tempDir();
    writeFiles(root, { 'app.tar.gz': 'old' });
    const tarball = path.join(root, 'app.tar.gz');
    expect(removeStaleTarball(packOptions(root, { tarball, cwd: elsewhere }))).toBe(`Removed the earlier ${tarball} so no later step can ship it.`);
    expect(fs.existsSync(tarball)).toBe(false);
  });

  it('does nothing and says nothing when there is no earlier tarball', () => {
    const root = tempDir();
    expect(removeStaleTarball(packOptions(root, { tarball: path.join(root, 'out/app.tar.gz') }))).toBeUndefined();
    expect(fs.readdirSync(root)).toEqual([]);
  });

  it('never removes a folder at the tarball path, or anything in it', () => {
    const root = tempDir();
    writeFiles(root, { 'app.tar.gz/inside.txt': 'x' });
    expect(removeStaleTarball(packOptions(root, { tarball: path.join(root, 'app.tar.gz') }))).toBeUndefined();
    expect(fs.readFileSync(path.join(root, 'app.tar.gz/inside.txt'), 'utf8')).toBe('x');
  });

  it('never follows a symlink at the tarball path: neither the link nor its target is removed', () => {
    const root = tempDir();
    const outside = tempDir();
    writeFiles(outside, { 'precious.tar.gz': 'not ours' });
    fs.symlinkSync(path.join(outside, 'precious.tar.gz'), path.join(root, 'app.tar.gz'));
    fs.symlinkSync(outside, path.join(root, 'linked-dir.tar.gz'));
    expect(removeStaleTarball(packOptions(root, { tarball: path.join(root, 'app.tar.gz') }))).toBeUndefined();
    expect(removeStaleTarball(packOptions(root, { tarball: path.join(root, 'linked-dir.tar.gz') }))).toBeUndefined();
    expect(fs.lstatSync(path.join(root, 'app.tar.gz')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(outside, 'precious.tar.gz'), 'utf8')).toBe('not ours');
    expect(fs.readdirSync(outside)).toEqual(['precious.tar.gz']);
  });
});
