// The action end to end (dist/index.js) on a pull request whose file names and import specifiers
// are hostile: the job summary keeps its structure with nothing active, and the log holds only
// the action's own workflow commands.
import { afterAll, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { distCopy } from '../helpers/dist.js';
import { cleanupFixtures, gitProject, tempDir } from '../helpers/fixture.js';
import { activeProblems, inMermaid, MERMAID_LINE, scanInline, tableCells } from './markdown-check.js';

afterAll(cleanupFixtures);

const withDist = fs.existsSync('dist/index.js') ? it : it.skip;

withDist('hostile names reach the summary and the log escaped', async () => {
  const repo = gitProject([
    {
      date: '2025-11-05T12:00:00Z',
      files: {
        'app/package.json': JSON.stringify({ name: 'x', type: 'module', main: 'src/index.js' }),
        'app/src/index.js': [
          "import './x\\r### ✅ shipset: passed';",
          "import './y\\n::warning::forged';",
          "import './``</details><h1>z</h1>|![i](https://e.x/i.png)';",
          "import './@octocat #123 [l](https://e.x)';",
          "import './ok.js';",
          '',
        ].join('\n'),
        'app/src/ok.js': 'export {};\n',
        'app/src/</details><img src=x>.js': 'export {};\n',
        'app/src/a\n::error::forged.js': 'export {};\n',
        'app/src/b|c`d.js': 'export {};\n',
      },
    },
  ]);
  const io = tempDir('shipset-runner-');
  const summaryFile = path.join(io, 'summary');
  const outputFile = path.join(io, 'output');
  fs.writeFileSync(summaryFile, '');
  fs.writeFileSync(outputFile, '');
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_)/.test(k) && !['NODE_OPTIONS', 'CI'].includes(k)));
  const child = spawn(process.execPath, [path.join(distCopy(), 'dist', 'index.js')], {
    cwd: repo,
    env: {
      ...clean,
      GITHUB_WORKSPACE: repo,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_OUTPUT: outputFile,
      'INPUT_WORKING-DIRECTORY': 'app',
      'INPUT_BASE-REF': 'none',
      'INPUT_GITHUB-TOKEN': '',
    },
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => (out += c));
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  expect(status).toBe(1); // the unresolved imports are errors

  // The log: only our commands, each on its own line; no forged one, no raw control character.
  for (const line of out.split('\n')) {
    if (/^\s*::/.test(line)) expect(line).toMatch(/^::(error|warning|notice|debug)( [^:]*)?::/);
    expect(line).not.toMatch(/^\s*::(warning|error)::forged/);
  }
  expect(out).not.toMatch(/[\r\u001b]/);

  // The summary: one heading (ours), table rows of five cells, nothing active.
  const summary = fs.readFileSync(summaryFile, 'utf8');
  expect(summary).toContain('x␍#\u2060#\u2060#\u2060 ✅ shipset: passed'); // shown, inert
  const lines = summary.split('\n');
  // Our headings only: the verdict naming the app, then one per rule group.
  expect(lines.filter((l) => /^#{1,6} /.test(l))).toEqual([
    expect.stringMatching(/^### ❌ shipset `app` \(`src\/index.js`\): \d+ errors?, this set must not ship$/),
    expect.stringMatching(/^#### ❌ unresolved · \d+ errors?$/),
  ]);
  const problems: string[] = [];
  const mermaid = inMermaid(lines);
  for (const [i, line] of lines.entries()) {
    if (mermaid[i]) {
      if (!MERMAID_LINE.test(line)) problems.push(`mermaid line: ${line}`);
      continue;
    }
    const scan = scanInline(line);
    if (scan.unmatchedTicks) problems.push(`unmatched backticks: ${line}`);
    problems.push(...activeProblems(scan.active));
    if (line.startsWith('| ❌') || line.startsWith('| ⚠️')) expect(tableCells(line)).toHaveLength(5);
  }
  expect(problems).toEqual([]);
  expect(summary).not.toMatch(/[\r\u0000-\u0009\u000b-\u001f]/);
});
