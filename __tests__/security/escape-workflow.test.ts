// Workflow commands and terminal escapes from untrusted text: file names and specifiers holding
// a newline then `::warning::` or `::stop-commands::`, ESC and C1 sequences, bidi overrides. In a
// `run:` step, GitHub's runner reads any stdout/stderr line whose trimmed start is `::` as a
// command; a terminal obeys ESC. Nothing printed may do either.
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import * as core from '@actions/core';
import { emitAnnotations, selectAnnotations } from '../../src/action/annotations.js';
import { main } from '../../src/cli/main.js';
import type { Finding, Result } from '../../src/core/types.js';
import { annotationText, commandData, commandProperty, logLine, protectLines, terminalText, workflowCommand } from '../../src/report/escape.js';
import { COLOR, PLAIN, renderText } from '../../src/report/text.js';
import { cleanupFixtures, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const ATTACKS = [
  'a.js\n::warning::forged',
  'a.js\r\n::error file=x.js,line=1::forged',
  '::stop-commands::tok3n',
  '  ::add-mask::x',
  '\t::set-output name=x::y',
  'x ##[error]legacy',
  '\r::warning::cr only',
  '\u001b[2J\u001b[31mred',
  '\u009b2J',
  '\u0085::warning::after NEL',
  '\u2028::warning::after LS',
  '\u202egnp.exe',
  '%0A::warning::encoded',
];

/** Problems a printed text has: a command line, a legacy command, raw controls other than our colours. */
function printedProblems(text: string, colours = false): string[] {
  const problems: string[] = [];
  const plain = colours ? text.replace(/\u001b\[\d+m/g, '') : text;
  for (const line of plain.split('\n')) {
    if (/^\s*::/.test(line)) problems.push(`command: ${JSON.stringify(line)}`);
    if (/##\[/.test(line)) problems.push(`legacy command: ${JSON.stringify(line)}`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(plain))
    problems.push(`control character in ${JSON.stringify(plain.slice(0, 200))}`);
  return problems;
}

function result(texts: string[]): Result {
  const findings: Finding[] = texts.map((t, i) => ({
    rule: 'unresolved',
    level: 'error',
    file: t,
    line: i + 1,
    column: 2,
    chain: [texts[(i + 1) % texts.length], t],
    message: `${t}:${i + 1} imports '${texts[(i + 2) % texts.length]}', which does not exist.`,
  }));
  return {
    manifest: {
      schema: 2,
      tool: { name: 'shipset', version: 't' },
      root: '.',
      entries: texts.slice(0, 2),
      runtime: 'node',
      typeOnly: [],
      files: texts.map((t) => ({ path: t, bytes: 1, sha256: 'a', reason: 'import', via: { file: t, line: 1 } })),
      dormant: [...texts],
      packages: {},
      findings,
      notices: texts,
      tarball: { path: texts[0], bytes: 1, sha256: 'c', contentSha256: 'd' },
    },
    graph: undefined as never,
    excluded: [],
    errorCount: findings.length,
    warningCount: 0,
  };
}

describe('the text report', () => {
  it('prints no workflow command and no control character, plain or coloured', () => {
    expect(printedProblems(renderText(result(ATTACKS), PLAIN))).toEqual([]);
    expect(printedProblems(renderText(result(ATTACKS), COLOR), true)).toEqual([]);
  });

  it('has as many lines as with harmless names: no untrusted line break', () => {
    const benign = ATTACKS.map((_, i) => `safe${i}.js`);
    expect(renderText(result(ATTACKS), PLAIN).split('\n')).toHaveLength(renderText(result(benign), PLAIN).split('\n').length);
  });

  it('shows the escaped text, not nothing', () => {
    const text = renderText(result(ATTACKS), PLAIN);
    expect(text).toContain('a.js\\n::warning::forged');
    expect(text).toContain('\\x1b[2J\\x1b[31mred');
    expect(text).toContain(':\u200b:stop-commands::tok3n');
  });
});

describe('escape primitives', () => {
  it.each(ATTACKS)('%j: terminalText and logLine leave one line with no control and no command', (s) => {
    expect(terminalText(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
    expect(printedProblems(logLine(s))).toEqual([]);
    expect(printedProblems(protectLines(`ok\n${terminalText(s)}`))).toEqual([]);
  });

  it('encodes command data and properties exactly as @actions/core does', () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (lines.push(String(chunk)), true));
    try {
      for (const s of ['100% sure\r\nnext', 'a:b,c', '%0A', 'plain']) {
        core.error(s, { file: s, title: s, startLine: 3 });
        expect(lines.pop()).toBe(workflowCommand('error', { title: s, file: s, line: 3 }, s) + '\n');
        expect(commandData(s)).not.toMatch(/[\r\n]/);
        expect(commandProperty(s)).not.toMatch(/[\r\n:,]/);
      }
    } finally {
      spy.mockRestore();
    }
  });
});

describe('annotations', () => {
  it('emit one command per finding, none with a raw control character or a forged command', () => {
    const findings = result(ATTACKS).manifest.findings;
    const { annotations } = selectAnnotations(findings, 'app', new Set(), { errors: 100, warnings: 100 });
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => (out.push(String(chunk)), true));
    try {
      emitAnnotations(annotations);
    } finally {
      spy.mockRestore();
    }
    const lines = out.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(ATTACKS.length);
    for (const line of lines) expect(line).toMatch(/^::error title=shipset unresolved,file=[^:,\r\n]*,line=\d+,col=2::/);
    expect(out.join('')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202e]/);
    expect(annotationText('a\u001bb\nc')).toBe('a\\x1bb\nc');
  });
});

describe('the CLI on a project with hostile file names and specifiers', () => {
  const root = tempDir('shipset-hostile-');
  writeFiles(root, {
    'package.json': JSON.stringify({ name: 'x', type: 'module' }),
    'src/index.js': [
      "import './missing\\n::warning::forged.js';",
      "import './m2\\r::error::forged.js';",
      "import './\\u001b[2Jclear.js';",
      "import './::stop-commands::tok3n.js';",
      "import './ok.js';",
      '',
    ].join('\n'),
    'src/ok.js': 'export {};\n',
    'src/a\n::error file=src/index.js,line=1::forged.js': 'export {};\n',
    'src/::warning::dormant.js': 'export {};\n',
    'src/\u001b]0;title\u0007.js': 'export {};\n',
    'src/\u202egnp.js': 'export {};\n',
  });

  async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const stdout = Object.assign(new PassThrough(), { isTTY: false });
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c) => (out += c));
    stderr.on('data', (c) => (err += c));
    const code = await main(args, { stdout, stderr, env: { NO_COLOR: '1' }, cwd: root });
    return { code, out, err };
  }

  it('check: text output and errors hold no command and no control character', async () => {
    const r = await cli(['check', 'src/index.js']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('missing\\n::warning::forged.js'); // shown, escaped
    expect(printedProblems(r.out)).toEqual([]);
    expect(printedProblems(r.err)).toEqual([]);
  });

  it('check --json: valid JSON, no raw control character, no command line', async () => {
    const r = await cli(['check', 'src/index.js', '--json']);
    expect(JSON.parse(r.out).dormant.length).toBeGreaterThanOrEqual(3);
    expect(printedProblems(r.out)).toEqual([]);
  });

  it('why: the answer quotes the names escaped', async () => {
    const r = await cli(['why', path.join('src', 'a\n::error file=src/index.js,line=1::forged.js'), '--entry', 'src/index.js']);
    expect(printedProblems(r.out + r.err)).toEqual([]);
    expect(r.out + r.err).toContain('forged.js');
  });

  it('a bad argument is one escaped line on stderr, exit 2', async () => {
    const r = await cli(['check', 'nope\n::error::forged.js']);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(printedProblems(r.err)).toEqual([]);
    expect(r.err).toContain('nope\\n::error::forged.js');
  });
});
