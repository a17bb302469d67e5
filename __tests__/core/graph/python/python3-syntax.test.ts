// Python 3 syntax errors the lezer grammar alone accepts, and the valid code that looks
// like them. Expected positions and messages are CPython 3.11's (columns 1-based, at the
// offending statement or target).
import { describe, it, expect } from '@jest/globals';
import { parsePython } from '../../../../src/core/graph/python/parse.js';

const PRINT = "Missing parentheses in call to 'print'. Did you mean print(...)?";

function errorOf(source: string): { line: number; column: number; message: string } | undefined {
  return parsePython(source).error;
}

describe('Python 2 print statements', () => {
  it.each([
    ['print "hi"\n', 1, 1],
    ['import os\nprint os.sep, "x"\n', 2, 1],
    ['def f(x):\n    print "a" % x\n', 2, 5],
    ['if a:\n    pass\nprint x,\n', 3, 1],
  ])('rejects %j', (source, line, column) => {
    expect(errorOf(source)).toEqual({ line, column, message: PRINT });
  });

  it('reports the print statement even when a later line is broken too', () => {
    expect(errorOf('x = 1\nprint "a"\ndef f(:\n    pass\n')).toEqual({ line: 2, column: 1, message: PRINT });
  });

  it.each([
    'print("x")\n',
    'print(x, file=y)\n',
    'print ("x")\n',
    'f = print\nprint\nprint.__doc__\n',
    'print -1\n', // `print - 1` in Python 3
    'print [0]\n', // a subscript of the name print
    'print >>sys.stderr, "x"\n', // a tuple (print >> sys.stderr, "x")
    'print("a"), x\n',
    'def f(print=print):\n    return print\n',
  ])('accepts Python 3 use of print: %j', (source) => {
    expect(errorOf(source)).toBeUndefined();
  });

  it('still reads the imports of a file with print expressions', () => {
    const parsed = parsePython('print -1\nimport os\nprint >>f, __import__("json")\n');
    expect(parsed.error).toBeUndefined();
    expect(parsed.imports.map((i) => [i.module, i.line, i.column])).toEqual([
      ['os', 2, 8],
      ['json', 3, 23],
    ]);
  });
});

describe('indentation', () => {
  it.each([
    ['x = 1\n    y = 2\n', 2, 5, 'unexpected indent'],
    ['  x = 1\n', 1, 3, 'unexpected indent'],
    ['def f():\n    x = 1\n        y = 2\n', 3, 9, 'unexpected indent'],
    ['if a: b\n  c\n', 2, 3, 'unexpected indent'],
    ['a; b\n  c\n', 2, 3, 'unexpected indent'],
    ['if a:\n    x\n      y\n  z\n', 3, 7, 'unexpected indent'],
    ['if a:\n    x\n  z\n', 3, 3, 'unindent does not match any outer indentation level'],
    ['if a:\n        x\n    y\n', 3, 5, 'unindent does not match any outer indentation level'],
    ['if a:\n\tx\n        y\n', 3, 9, 'inconsistent use of tabs and spaces in indentation'],
  ])('rejects %j', (source, line, column, message) => {
    expect(errorOf(source)).toEqual({ line, column, message });
  });

  it.each([
    'if a:\n    x\n      # a comment may sit anywhere\n    y\n\n\n  # even here\nz = 1\n',
    'x = (1,\n        2)\ny = \\\n  3\nif a: \\\n   b\n',
    'def f():\n\tif x:\n\t\treturn 1\n\treturn 2\n',
    'class A:\n    def f(self): return 1; pass\n    x = 1\n',
    'if a:\n    b; c\n    d\nelse:\n  e\n',
    '\ufeffimport os\n',
    'x = 1\r\nif x:\r\n    y = 2\r\n',
    'x = """\n   not code\n"""\n',
    '@dec\n@other(1,\n   2)\ndef f():\n    pass\n',
  ])('accepts %j', (source) => {
    expect(errorOf(source)).toBeUndefined();
  });

  it('counts columns after a byte order mark from the first real character', () => {
    expect(parsePython('\ufeffimport os\n').imports[0]).toMatchObject({ module: 'os', line: 1, column: 8 });
  });
});

describe('assignment to a literal', () => {
  it.each([
    ['1 = x\n', 1, 1, 'cannot assign to literal'],
    ['"a" = x\n', 1, 1, 'cannot assign to literal'],
    ['x = 1\nNone = 1\n', 2, 1, 'cannot assign to None'],
    ['True = 1\n', 1, 1, 'cannot assign to True'],
    ['a, (1, b) = x\n', 1, 5, 'cannot assign to literal'],
    ['[a, *1] = 2\n', 1, 6, 'cannot assign to literal'],
    ['x = 1 = y\n', 1, 5, 'cannot assign to literal'],
    ['f"x" = 1\n', 1, 1, 'cannot assign to f-string expression'],
    ['... = 1\n', 1, 1, 'cannot assign to ellipsis'],
    ['def f():\n    1 += x\n', 2, 5, "'literal' is an illegal expression for augmented assignment"],
    ['1: int = 2\n', 1, 1, 'illegal target for annotation'],
  ])('rejects %j', (source, line, column, message) => {
    expect(errorOf(source)).toEqual({ line, column, message });
  });

  it.each([
    'x = 1\n',
    'a = b = "s"\n',
    'x: int = 1\ny: str\n',
    'a, (b, c) = 1, (2, 3)\n',
    'x += 1\nd["k"] += 1\n',
    'f(x=1)\nd = {1: 2}\nx == 1\n',
    'x = None\ny = True\n',
    'd[1] = 2\nobj.attr = "v"\n',
  ])('accepts %j', (source) => {
    expect(errorOf(source)).toBeUndefined();
  });
});

describe('Python 2 except clauses', () => {
  it('rejects `except E, e:`', () => {
    expect(errorOf('try:\n    pass\nexcept ValueError:\n    pass\nexcept  KeyError, e:\n    pass\n')).toEqual({
      line: 5,
      column: 9,
      message: 'multiple exception types must be parenthesized',
    });
  });

  it.each([
    'try:\n    pass\nexcept (A, B) as e:\n    pass\nexcept C as e:\n    pass\nexcept:\n    pass\n',
    'try:\n    pass\nexcept* (A, B):\n    pass\n',
    'try:\n    pass\nexcept A:  # a, b\n    x, y = 1, 2\nelse:\n    pass\nfinally:\n    pass\n',
  ])('accepts %j', (source) => {
    expect(errorOf(source)).toBeUndefined();
  });
});

describe('order of errors', () => {
  it('reports a bad indentation before a later grammar error', () => {
    expect(errorOf('x = 1\n    y = 2\ndef f(:\n    pass\n')).toEqual({ line: 2, column: 5, message: 'unexpected indent' });
  });

  it('reports the earlier of an indentation and an assignment error', () => {
    expect(errorOf('1 = x\n    y = 2\n')).toEqual({ line: 1, column: 1, message: 'cannot assign to literal' });
    expect(errorOf('x = 1\n    y = 2\n1 = x\n')).toEqual({ line: 2, column: 5, message: 'unexpected indent' });
  });
});
