// relativePath is path.relative with a shortcut; isInside and relativeInside are built on it.
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { isInside, relativeInside, relativePath } from '../../src/core/paths.js';

/** Every string of '/', 'a' and '.' up to `max` characters: absolute, relative, doubled slashes, `.` and `..` segments. */
function paths(max: number): string[] {
  const out: string[] = [];
  const grow = (s: string) => {
    if (s) out.push(s);
    if (s.length < max) for (const c of ['/', 'a', '.']) grow(s + c);
  };
  grow('');
  return out;
}

describe('relativePath', () => {
  it('answers what path.relative answers, for every pair of short paths', () => {
    const all = paths(5);
    const wrong: string[] = [];
    for (const from of all) for (const to of all) if (relativePath(from, to) !== path.relative(from, to)) wrong.push(`${from} -> ${to}`);
    expect(all.length).toBe(363);
    expect(wrong).toEqual([]);
  });

  it('slices a normal path below the base, and leaves the rest to path.relative', () => {
    expect(relativePath('/r', '/r/a/b.ts')).toBe('a/b.ts');
    expect(relativePath('/r', '/r')).toBe('');
    expect(relativePath('/r', '/rx/a')).toBe('../rx/a');
    expect(relativePath('/r', '/r/a/../../b')).toBe('../b');
    expect(relativePath('/r/', '/r/a')).toBe('a');
    expect(relativePath('/', '/a')).toBe('a');
  });
});

describe('isInside and relativeInside', () => {
  it('count a folder named ..x as inside and a .. segment as leaving', () => {
    expect(isInside('/r', '/r/..x/a')).toBe(true);
    expect(isInside('/r', '/r/a/../../x')).toBe(false);
    expect(isInside('/r', '/r')).toBe(true);
    expect(isInside('/r', '/rx')).toBe(false);
    expect(relativeInside('/r', '/r/..x/a')).toBe('..x/a');
    expect(relativeInside('/r', '/r')).toBeUndefined();
    expect(relativeInside('/r', '/r/a/../../x')).toBeUndefined();
  });
});
