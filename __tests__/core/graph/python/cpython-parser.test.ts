// Syntax verdicts from CPython's own parser (python3 on PATH, one isolated process per run),
// the declared requires-python, and the built-in grammar as the fallback. Expected messages
// and positions are CPython 3.11's.
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildPythonGraph } from '../../../../src/core/graph/python/index.js';
import { CPythonParser } from '../../../../src/core/graph/python/cpython.js';
import { lowestMinor, readRequiresPython } from '../../../../src/core/graph/python/requires-python.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../../helpers/fixture.js';
import fs from 'node:fs';
import path from 'node:path';
import { hasPython3 } from './cpython-recorder.js';

afterAll(cleanupFixtures);

const withPython = hasPython3() ? describe : describe.skip;

/** Each source as its own entry of one run; returns the graph. */
async function judge(sources: Record<string, string | Buffer>, extra: Record<string, string> = {}, python?: string | false) {
  const root = tempDir('shipset-cpy-');
  writeFiles(root, extra);
  for (const [name, source] of Object.entries(sources)) fs.writeFileSync(path.join(root, name), source);
  return buildPythonGraph({ root, entries: Object.keys(sources), pythonPath: [], ...(python !== undefined ? { python } : {}) });
}

const VALID: Record<string, string> = {
  'fstring_walrus_spec.py': "x = 1\nprint(f'{x:=10}')\n",
  'star_in_subscript.py': "from typing import TypeVarTuple\nTs = TypeVarTuple('Ts')\ndef f(a: tuple[*Ts]): pass\n",
  'decorator_expression.py': 'null = None\n@False or null\ndef f(): pass\n',
  'empty_mapping_pattern.py': 'match {}:\n    case {}:\n        pass\n',
  'positional_only_lambda.py': 'f = lambda a, /, b: a + b\n',
  'parenthesised_with.py': "with (open('a') as a,\n      open('b') as b):\n    pass\n",
  'with_tuple_target.py': "with open('a') as (a,\n        b):\n    pass\n",
};

withPython('CPython decides (python3 on PATH)', () => {
  it('accepts valid code the grammar rejects, and still follows its imports', async () => {
    const g = await judge({ ...VALID, 'imports_after.py': "print(f'{1:=10}')\nimport helper\n" }, { 'helper.py': 'X = 1\n' });
    for (const name of [...Object.keys(VALID), 'imports_after.py']) expect([name, g.files.get(name)?.parseError]).toEqual([name, undefined]);
    expect(g.files.has('helper.py')).toBe(true);
    expect(g.notices.filter((n) => n.includes('built-in'))).toEqual([]);
  });

  it.each([
    ['euro.py', '€ = 2\n', 1, 1, "invalid character '€' (U+20AC)"],
    ['future.py', 'from __future__ import braces_please\n', 1, 1, 'future feature braces_please is not defined'],
    ['return.py', 'x = 1\nreturn x\n', 2, 1, "'return' outside function"],
    ['except_comma.py', 'try:\n    pass\nexcept ValueError, TypeError:\n    pass\n', 3, 8, 'multiple exception types must be parenthesized'],
  ])('rejects %s as CPython does', async (name, source, line, column, message) => {
    const g = await judge({ [name]: source });
    expect(g.files.get(name)!.parseError).toEqual({ file: name, line, column, message });
  });

  it('rejects bytes that are not UTF-8 (no coding declaration)', async () => {
    const g = await judge({ 'latin.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x27, 0xff, 0xfe, 0x27, 0x0a]) });
    expect(g.files.get('latin.py')!.parseError).toMatchObject({
      file: 'latin.py',
      line: 1,
      message: expect.stringContaining("'utf-8' codec can't decode byte 0xff"),
    });
  });

  it('honours a PEP 263 coding declaration', async () => {
    const g = await judge({ 'latin.py': Buffer.concat([Buffer.from("# -*- coding: latin-1 -*-\nx = '"), Buffer.from([0xe9]), Buffer.from("'\n")]) });
    expect(g.files.get('latin.py')!.parseError).toBeUndefined();
  });

  it('judges syntax for the oldest declared version (requires-python >=3.8 has no match statement)', async () => {
    const g = await judge({ 'm.py': 'match x:\n    case 1:\n        pass\n' }, { 'pyproject.toml': '[project]\nname = "p"\nrequires-python = ">=3.8"\n' });
    expect(g.files.get('m.py')!.parseError).toEqual({
      file: 'm.py',
      line: 3,
      column: 13,
      message: 'Pattern matching is only supported in Python 3.10 and greater',
    });
  });

  it('setup.cfg python_requires counts too', async () => {
    const g = await judge({ 'w.py': 'if (n := 1):\n    pass\n' }, { 'setup.cfg': '[metadata]\nname = p\n\n[options]\npython_requires = >=3.7\n' });
    expect(g.files.get('w.py')!.parseError?.message).toMatch(/Assignment expressions are only supported in Python 3.8 and greater/);
  });

  it('a python3 older than requires-python: its rejections of newer syntax go to the built-in grammar, with a notice', async () => {
    const local = (await CPythonParser.start())!;
    const minor = local.version[1];
    local.close();
    const g = await judge(
      {
        'pep758.py': 'try:\n    pass\nexcept ValueError, TypeError:\n    pass\n',
        'pep695.py': 'type Pair[T] = tuple[T, T]\n',
        'broken.py': '€ = 2\n',
        'with_as.py': 'try:\n    pass\nexcept ValueError, TypeError as e:\n    pass\n',
      },
      { 'pyproject.toml': `[project]\nname = "p"\nrequires-python = ">=3.${Math.max(14, minor + 1)}"\n` },
    );
    if (minor >= 14) return; // a 3.14 python3 accepts PEP 758 itself
    expect(g.files.get('pep758.py')!.parseError).toBeUndefined();
    expect(g.files.get('pep695.py')!.parseError).toBeUndefined();
    expect(g.files.get('broken.py')!.parseError).toMatchObject({ line: 1, column: 1 });
    expect(g.files.get('with_as.py')!.parseError).toMatchObject({ line: 3, message: 'multiple exception types must be parenthesized' });
    expect(g.notices).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^The local python3 is 3\\.${minor}, older than requires-python >=3\\.\\d+ in pyproject\\.toml: it rejects ${minor < 12 ? 2 : 1} file\\(s\\) \\(pep758\\.py${minor < 12 ? ', pep695\\.py' : ''}\\)`,
          ),
        ),
      ]),
    );
  });

  it('one process answers many files in order', async () => {
    const parser = (await CPythonParser.start())!;
    try {
      const files = Array.from({ length: 50 }, (_, i) => ({ name: `f${i}.py`, source: Buffer.from(i % 7 === 3 ? `x = (\n` : `x${i} = ${i}\n`) }));
      const verdicts = await parser.analyze(files);
      expect(verdicts.map((v, i) => [i, v.error === undefined])).toEqual(files.map((_, i) => [i, i % 7 !== 3]));
      if (parser.version[1] >= 10) expect(verdicts.map((v, i) => [i, v.parsed !== undefined])).toEqual(files.map((_, i) => [i, i % 7 !== 3]));
      expect(await parser.analyze([])).toEqual([]);
    } finally {
      parser.close();
    }
  });
});

describe('no python3: the built-in grammar, with a notice', () => {
  it.each([false as const, '/nonexistent/python3'])('python %j', async (python) => {
    const g = await judge({ 'ok.py': 'import os\n', 'bad.py': 'def f(:\n' }, {}, python);
    expect(g.files.get('ok.py')!.parseError).toBeUndefined();
    expect(g.files.get('bad.py')!.parseError).toMatchObject({ line: 1, message: 'invalid syntax' });
    expect(g.notices).toEqual(
      expect.arrayContaining([expect.stringContaining("No Python 3 found (python3 on PATH): syntax was checked with shipset's built-in Python grammar")]),
    );
  });
});

describe('requires-python', () => {
  it.each([
    ['>=3.9', 9],
    ['>=3.8,<4', 8],
    ['>3.9', 10],
    ['>3.9.1', 9],
    ['~=3.10', 10],
    ['==3.11.*', 11],
    ['^3.12', 12],
    ['<3.13', undefined],
    ['>=3.9, !=3.9.1', 9],
    ['>=2.7, >=3.6', 6],
  ])('%s -> %s', (spec, minor) => {
    expect(lowestMinor(spec)).toBe(minor);
  });

  it('reads Poetry and setup.cfg forms', () => {
    const a = tempDir('shipset-rp-');
    writeFiles(a, { 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\n' });
    expect(readRequiresPython(a)).toEqual({ spec: '^3.10', file: 'pyproject.toml', minMinor: 10 });
    const b = tempDir('shipset-rp-');
    writeFiles(b, { 'setup.cfg': '[options]\npython_requires = >=3.9\n' });
    expect(readRequiresPython(b)).toEqual({ spec: '>=3.9', file: 'setup.cfg', minMinor: 9 });
    const c = tempDir('shipset-rp-');
    writeFiles(c, { 'pyproject.toml': '[project\nbroken' });
    expect(readRequiresPython(c)).toBeUndefined();
  });
});
