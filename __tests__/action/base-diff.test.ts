import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { compare, computeBaseDiff, findingKey, type Pipeline } from '../../src/core/base-diff.js';
import { defaultOptions } from '../../src/core/options.js';
import type { Finding, Manifest, Options, Result } from '../../src/core/types.js';
import { cleanupFixtures, commit, gitProject, gitRun, tempDir, writeFiles } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

// A stand-in for runPipeline: every .ts file under the root ships; a line with BROKEN is a finding.
// It records the roots it was given, so the test can check the temporary tree is gone afterwards.
function fakePipeline(seen: string[] = []): Pipeline {
  return async (options: Options) => {
    seen.push(options.root);
    const files: Manifest['files'] = [];
    const findings: Finding[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === '.git') continue;
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) walk(abs);
        else if (e.name.endsWith('.ts')) {
          const rel = path.relative(options.root, abs).split(path.sep).join('/');
          files.push({ path: rel, bytes: 0, sha256: '', reason: 'import', via: null });
          fs.readFileSync(abs, 'utf8')
            .split('\n')
            .forEach((l, i) => {
              if (l.includes('BROKEN'))
                findings.push({ rule: 'unresolved', level: 'error', file: rel, line: i + 1, chain: [rel], message: `${rel}:${i + 1} imports ./gone` });
            });
        }
      }
    };
    walk(options.root);
    return { manifest: { files, findings } as unknown as Manifest, errorCount: findings.length } as Result;
  };
}

async function headManifest(root: string): Promise<Manifest> {
  return (await fakePipeline()(defaultOptions(root, []))).manifest;
}

describe('compare', () => {
  it('reports added and removed files and findings new by rule, file and message without lines', () => {
    const f = (line: number, file = 'a.ts'): Finding => ({ rule: 'unresolved', level: 'error', file, line, chain: [], message: `${file}:${line} imports ./x` });
    const file = (p: string) => ({ path: p, bytes: 0, sha256: '', reason: 'import' as const, via: null });
    const d = compare({ files: [file('a.ts'), file('old.ts')], findings: [f(3)] }, { files: [file('a.ts'), file('new.ts')], findings: [f(9), f(1, 'new.ts')] });
    expect(d).toEqual({ added: ['new.ts'], removed: ['old.ts'], newFindings: [f(1, 'new.ts')], newlySuppressed: [] });
    expect(findingKey(f(3))).toBe(findingKey(f(30)));
  });

  it('lists findings suppressed now that the base did not suppress, whether the base had them or not', () => {
    const f = (file: string, by?: 'baseline' | 'inline'): Finding => ({
      rule: 'unresolved',
      level: 'error',
      file,
      line: 1,
      chain: [],
      message: `${file}:1 imports ./x`,
      ...(by && { suppressed: { by } }),
    });
    const base = { files: [], findings: [f('known.ts', 'baseline'), f('open.ts')] };
    const current = { files: [], findings: [f('known.ts', 'baseline'), f('open.ts', 'baseline'), f('new.ts', 'inline'), f('plain.ts')] };
    expect(compare(base, current).newlySuppressed.map((x) => x.file)).toEqual(['open.ts', 'new.ts']);
  });
});

describe('computeBaseDiff', () => {
  it('reads the base from a temporary worktree and leaves the work tree, index and worktree list as they were', async () => {
    const repo = gitProject([{ date: '2025-01-01T00:00:00Z', files: { 'app/src/index.ts': 'x', 'app/src/old.ts': 'x' } }]);
    const base = gitRun(repo, ['rev-parse', 'HEAD']).trim();
    gitRun(repo, ['rm', '-q', 'app/src/old.ts']);
    commit(repo, { 'app/src/new.ts': '// BROKEN\n', 'app/src/index.ts': 'y' }, '2025-01-02T00:00:00Z');
    writeFiles(repo, { 'app/src/uncommitted.ts': 'dirty' });
    gitRun(repo, ['add', 'app/src/uncommitted.ts']);
    const statusBefore = gitRun(repo, ['status', '--porcelain']);

    const root = path.join(repo, 'app');
    const seen: string[] = [];
    const diff = await computeBaseDiff(defaultOptions(root, ['src/index.ts']), await headManifest(root), base, fakePipeline(seen));

    expect(diff).toMatchObject({ ref: base, commit: base, added: ['src/new.ts', 'src/uncommitted.ts'], removed: ['src/old.ts'] });
    expect(diff.newFindings.map((f) => f.file)).toEqual(['src/new.ts']);
    expect(diff.notice).toBeUndefined();
    // The base ran elsewhere (the same subfolder of a worktree), which is gone now.
    expect(seen[0]).not.toContain(repo);
    expect(seen[0].endsWith(`${path.sep}app`)).toBe(true);
    expect(fs.existsSync(seen[0])).toBe(false);
    expect(gitRun(repo, ['status', '--porcelain'])).toBe(statusBefore);
    expect(gitRun(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });

  it('fetches the base once when the clone is shallow', async () => {
    const origin = gitProject([
      { date: '2025-01-01T00:00:00Z', files: { 'src/index.ts': 'x', 'src/old.ts': 'x' } },
      { date: '2025-01-02T00:00:00Z', files: { 'src/index.ts': 'y', 'src/added.ts': 'x' } },
    ]);
    const base = gitRun(origin, ['rev-parse', 'HEAD~1']).trim();
    gitRun(origin, ['config', 'uploadpack.allowReachableSHA1InWant', 'true']);
    const clone = path.join(tempDir(), 'clone');
    gitRun(origin, ['clone', '-q', '--depth=1', `file://${origin}`, clone]);
    expect(gitRun(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');

    const diff = await computeBaseDiff(defaultOptions(clone, ['src/index.ts']), await headManifest(clone), base, fakePipeline());
    expect(diff).toMatchObject({ commit: base, added: ['src/added.ts'], removed: [] });
    expect(diff.notice).toBeUndefined();
  });

  it('says to set fetch-depth: 0 when the base cannot be found or fetched', async () => {
    const repo = gitProject([{ date: '2025-01-01T00:00:00Z', files: { 'src/index.ts': 'x' } }]);
    const diff = await computeBaseDiff(defaultOptions(repo, ['src/index.ts']), await headManifest(repo), 'no-such-branch', fakePipeline());
    expect(diff.added).toEqual([]);
    expect(diff.notice).toContain("'no-such-branch'");
    expect(diff.notice).toContain('fetch-depth: 0');
  });

  it('treats entries new in this change as new, and a folder outside git as a notice', async () => {
    const repo = gitProject([{ date: '2025-01-01T00:00:00Z', files: { 'src/index.ts': 'x' } }]);
    const base = gitRun(repo, ['rev-parse', 'HEAD']).trim();
    commit(repo, { 'src/worker.ts': 'x' }, '2025-01-02T00:00:00Z');
    const diff = await computeBaseDiff(defaultOptions(repo, ['src/index.ts', 'src/worker.ts']), await headManifest(repo), base, fakePipeline());
    expect(diff.added).toEqual(['src/worker.ts']);
    expect(diff.notice).toContain('src/worker.ts');

    const plain = tempDir();
    writeFiles(plain, { 'src/index.ts': 'x' });
    const outside = await computeBaseDiff(defaultOptions(plain, ['src/index.ts']), await headManifest(plain), 'main', fakePipeline());
    expect(outside.notice).toContain('not in a git repository');
  });

  it('reports a base that cannot be analysed as a notice', async () => {
    const repo = gitProject([{ date: '2025-01-01T00:00:00Z', files: { 'src/index.ts': 'x' } }]);
    const failing: Pipeline = async () => {
      throw new Error('tsconfig.json: invalid JSON');
    };
    const diff = await computeBaseDiff(defaultOptions(repo, ['src/index.ts']), await headManifest(repo), 'HEAD', failing);
    expect(diff.notice).toContain('tsconfig.json: invalid JSON');
    expect(gitRun(repo, ['worktree', 'list', '--porcelain']).match(/^worktree /gm)).toHaveLength(1);
  });
});
