// A change can silence findings as well as add them: a baseline entry, an inline directive. The
// comparison with the base runs the base with the base's own baseline file, and lists every
// finding suppressed now that was not suppressed at the base, so a reviewer sees it.
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { buildBaseline } from '../../src/core/baseline.js';
import { computeBaseDiff } from '../../src/core/base-diff.js';
import { defaultOptions } from '../../src/core/options.js';
import { runPipeline } from '../../src/core/pipeline.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { cleanupFixtures, commit, gitProject, gitRun } from '../helpers/fixture.js';

afterAll(cleanupFixtures);

const PKG = JSON.stringify({ name: 'svc', type: 'module' });

describe('suppressions a change adds', () => {
  it('lists a baseline entry and an inline directive the change adds, not one the base already had', async () => {
    // Base: index.ts imports ./gone (unresolved) and ./old.js, whose ./missing import the base's baseline already knows.
    const repo = gitProject([
      {
        date: '2025-03-01T10:00:00Z',
        files: {
          'package.json': PKG,
          'src/index.ts': "import './gone.js';\nimport './old.js';\n",
          'src/old.ts': "import './missing.js';\nexport {};\n",
        },
      },
    ]);
    const options = () => ({ ...defaultOptions(repo, ['src/index.ts']), baseline: path.join(repo, '.shipset-baseline.json') });
    const atBase = await runPipeline({ ...defaultOptions(repo, ['src/index.ts']) });
    const known = atBase.manifest.findings.filter((f) => f.file === 'src/old.ts');
    expect(known).toHaveLength(1);
    commit(repo, { '.shipset-baseline.json': JSON.stringify(buildBaseline(known)) }, '2025-03-02T10:00:00Z', 'baseline');
    const base = gitRun(repo, ['rev-parse', 'HEAD']).trim();

    // The change: the baseline now also holds ./gone, and a new file's broken import carries a directive.
    const now = await runPipeline(options());
    const gone = now.manifest.findings.filter((f) => f.file === 'src/index.ts' && f.rule === 'unresolved');
    commit(
      repo,
      {
        '.shipset-baseline.json': JSON.stringify(buildBaseline([...known, ...gone])),
        'src/index.ts': "import './gone.js';\nimport './old.js';\nimport './extra.js';\n",
        'src/extra.ts': "// shipset-ignore unresolved: vendored later\nimport './vendor.js';\nexport {};\n",
      },
      '2025-03-03T10:00:00Z',
      'silence',
    );
    const current = await runPipeline(options());
    expect(current.errorCount).toBe(0);
    const diff = await computeBaseDiff(options(), current.manifest, base, runPipeline);
    expect(diff.notice).toBeUndefined();
    expect(diff.newlySuppressed.map((f) => [f.file, f.rule, f.suppressed?.by])).toEqual([
      ['src/extra.ts', 'unresolved', 'inline'],
      ['src/index.ts', 'unresolved', 'baseline'],
    ]);

    const md = renderMarkdown(current, { baseDiff: diff });
    expect(md).toContain('**2** findings suppressed by this change');
    expect(md).toMatch(/src\/index\.ts.*baseline/);
    expect(md).toMatch(/src\/extra\.ts.*inline.*vendored later/);
    expect(md).not.toMatch(/src\/old\.ts.*baseline/);
  });
});
