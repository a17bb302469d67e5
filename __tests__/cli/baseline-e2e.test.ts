// Adopting the gate on an existing repository, end to end through the CLI's main(argv, io)
// in-process (dist/ itself is covered by the smoke cases in e2e/): 20 findings today, one command (`shipset baseline`), the next check
// passes, and a change that adds a new stale import still fails.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import type { Manifest } from '../../src/core/types.js';
import { runCli } from '../helpers/cli.js';
import { cleanupFixtures, commit, gitProject } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const PACKAGES = Array.from({ length: 17 }, (_, i) => `vendor-lib-${String.fromCharCode(97 + i)}`);

/** A working service with 20 findings: 17 undeclared packages, an unresolved import, a .bak file, a stale pair. */
function existingRepository(): string {
  return gitProject([
    {
      date: '2025-09-01T09:00:00Z',
      files: {
        'package.json': JSON.stringify({ name: 'svc', type: 'module', main: 'src/index.ts', dependencies: {} }),
        'src/index.ts': [
          ...PACKAGES.map((p, i) => `import v${i} from '${p}';`),
          "import { quote } from './pricing.js';",
          "import { fmt } from './format.bak.js';",
          "import './generated/routes.js';",
          `console.log(${PACKAGES.map((_, i) => `v${i}`).join(', ')}, quote(1), fmt(2));`,
          '',
        ].join('\n'),
        'src/pricing.ts': 'export function quote(n: number): number {\n  return n * 2;\n}\n',
        'src/format.bak.ts': 'export const fmt = (n: number) => String(n);\n',
        // Dormant now; the change below starts importing the older one.
        'src/mailer.ts': 'export function send(to: string): string {\n  return `mail ${to}`;\n}\n',
      },
    },
    {
      // Newer replacements that nothing imports: each exports what the older file's importers use,
      // and neither imports the file it replaces.
      date: '2025-10-01T09:00:00Z',
      files: {
        'src/pricing_sessions.ts': 'export function quote(n: number): number {\n  return n * 3; // per session\n}\n',
        'src/mailer_queue.ts': 'export function send(to: string): string {\n  return `queued ${to}`;\n}\n',
      },
    },
  ]);
}

describe('adopting the gate with a baseline (the CLI end to end, in-process)', () => {
  it('baselines 20 findings in one command; the next check passes; a new stale import fails', async () => {
    const root = existingRepository();
    const before = await runCli(['check', '--json'], root);
    expect(before.status).toBe(1);
    const findings = (JSON.parse(before.stdout) as Manifest).findings;
    expect(findings.filter((f) => f.level === 'error')).toHaveLength(20);
    expect(findings.filter((f) => f.rule === 'stale')).toEqual([expect.objectContaining({ target: 'src/pricing.ts' })]);

    const adopt = await runCli(['baseline'], root);
    expect(adopt).toMatchObject({ status: 0, stderr: '' });
    expect(adopt.stdout).toContain('wrote 20 findings to .shipset-baseline.json');
    const baseline = JSON.parse(fs.readFileSync(path.join(root, '.shipset-baseline.json'), 'utf8')) as { findings: unknown[] };
    expect(baseline.findings).toHaveLength(20);
    expect(JSON.stringify(baseline)).not.toContain('"line"');

    const after = await runCli(['check'], root);
    expect(after.status).toBe(0);
    expect(after.stdout).toMatch(/^✔ shipset: PASS — .* 0 errors/);
    expect(after.stdout).toContain('20 suppressed findings (20 by baseline)');

    // The change: a new import of the older mailer, added at the top (every known finding moves down a line).
    const entry = path.join(root, 'src/index.ts');
    const source = fs.readFileSync(entry, 'utf8');
    commit(root, { 'src/index.ts': `import { send } from './mailer.js';\n${source}send('ops');\n` }, '2025-11-01T09:00:00Z', 'send mail');
    const change = await runCli(['check', '--json'], root);
    expect(change.status).toBe(1);
    const m = JSON.parse(change.stdout) as Manifest;
    const failing = m.findings.filter((f) => f.level === 'error' && !f.suppressed);
    expect(failing).toEqual([expect.objectContaining({ rule: 'stale', file: 'src/index.ts', line: 1, target: 'src/mailer.ts' })]);
    expect(failing[0].message).toContain('src/mailer_queue.ts');
    expect(m.findings.filter((f) => f.suppressed?.by === 'baseline')).toHaveLength(20);
    const text = await runCli(['check'], root);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/^✖ shipset: FAIL — .* 1 error,/);
  });

  it('reports fixed baseline entries', async () => {
    const root = existingRepository();
    expect((await runCli(['baseline'], root)).status).toBe(0);
    const entry = path.join(root, 'src/index.ts');
    commit(root, { 'src/index.ts': fs.readFileSync(entry, 'utf8').replace("import './generated/routes.js';\n", '') }, '2025-11-02T09:00:00Z');
    const r = await runCli(['check', '--json'], root);
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as Manifest).notices).toContainEqual(
      expect.stringMatching(/^1 baseline entry no longer occurs \(fixed\): unresolved in src\/index\.ts \(\.\/generated\/routes\.js\)/),
    );
  });
});
