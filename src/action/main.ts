// The action: inputs -> pipeline -> manifest, outputs, annotations, summary, PR comment.
// One try/catch ends in setFailed; the summary is written whatever happened after the run.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { type BaseDiff, computeBaseDiff } from '../core/base-diff.js';
import { runPipeline } from '../core/pipeline.js';
import { classifyError } from '../core/errors.js';
import { type Result, UsageError } from '../core/types.js';
import { COMMENT_MAX_CHARS, renderFailureMarkdown, renderMarkdown, verdictLine, type MarkdownExtras } from '../report/markdown.js';
import { annotationBudget, emitAnnotations, selectAnnotations, selectNotices } from './annotations.js';
import { apiClient, changedFiles, upsertComment, type Octokit, type PullRequestRef } from './github-api.js';
import { type ActionInputs, readInputs } from './inputs.js';

export async function run(): Promise<void> {
  let inputs: ActionInputs | undefined;
  let summary: string | undefined;
  try {
    inputs = readInputs();
    const { options, settings } = inputs;
    const result = await runPipeline(options, settings.workspace);

    fs.mkdirSync(path.dirname(settings.manifestPath), { recursive: true });
    fs.writeFileSync(settings.manifestPath, JSON.stringify(result.manifest, null, 2) + '\n');
    setOutputs(result, settings.manifestPath, options.tarball);

    const pr: PullRequestRef | undefined =
      settings.pullRequest && settings.repository ? { ...settings.repository, number: settings.pullRequest.number } : undefined;
    const octokit: Octokit | undefined = settings.token ? apiClient(settings.token, settings.apiUrl) : undefined;

    let baseDiff: BaseDiff | undefined;
    if (settings.baseRef) {
      baseDiff = await computeBaseDiff(options, result.manifest, settings.baseRef, (o) => runPipeline(o, settings.workspace));
      // On a pull request the ref is the base SHA: the branch name is what a reader knows it by.
      if (settings.baseName) baseDiff.branch = settings.baseName;
    }

    const extras: MarkdownExtras = {
      baseDiff,
      packRequested: options.pack,
      tarballPath: result.manifest.tarball ? path.relative(settings.workspace, options.tarball).split(path.sep).join('/') : undefined,
    };
    if (settings.annotations) {
      const changed = pr && octokit ? await prChangedFiles(octokit, pr) : new Set<string>();
      // The verdict (setFailed) and a comment warning share GitHub's cap of 10 per kind with the findings.
      const budget = annotationBudget({ failing: result.errorCount > 0, commentWarning: settings.comment && !!pr && !!octokit });
      const { annotations, leftOut } = selectAnnotations(result.manifest.findings, path.relative(settings.workspace, options.root), changed, budget);
      emitAnnotations(annotations);
      extras.annotationsLeftOut = leftOut;
    }
    // Notices share GitHub's cap of 10 per kind with the base-diff notice; the summary lists them all.
    for (const notice of selectNotices(result.manifest.notices, baseDiff?.notice)) core.notice(notice);
    summary = renderMarkdown(result, extras);

    if (settings.comment) {
      if (!pr || !octokit) {
        core.info('comment: true, but this run is not for a pull request: no comment written.');
      } else {
        await comment(octokit, pr, renderMarkdown(result, { ...extras, marker: true, maxBytes: COMMENT_MAX_CHARS }));
      }
    }

    // The one place that decides pass or fail: error findings fail the step, warnings do not.
    if (result.errorCount > 0) core.setFailed(verdictLine(result));
    else core.info(verdictLine(result));
  } catch (e) {
    const message = errorMessage(e);
    summary ??= renderFailureMarkdown(message);
    core.setFailed(message);
  } finally {
    // Even a failed run explains itself in the summary (unless the summary input itself was bad).
    if (summary && inputs?.settings.summary !== false && process.env.GITHUB_STEP_SUMMARY) {
      try {
        await core.summary.addRaw(summary).write();
      } catch (e) {
        core.warning(`shipset could not write the job summary: ${(e as Error).message}`);
      }
    }
  }
}

/** The comment is a courtesy: an API failure is a warning, never the verdict. */
async function comment(octokit: Octokit, pr: PullRequestRef, body: string): Promise<void> {
  try {
    const outcome = await upsertComment(octokit, pr, body);
    if (outcome.status === 'forbidden') core.warning(outcome.message);
    else core.info(`Pull-request comment ${outcome.status}${outcome.url ? `: ${outcome.url}` : ''}.`);
  } catch (e) {
    core.warning(`shipset could not write the pull-request comment: ${(e as Error).message}`);
  }
}

async function prChangedFiles(octokit: Octokit, pr: PullRequestRef): Promise<Set<string>> {
  try {
    return await changedFiles(octokit, pr);
  } catch (e) {
    // Ordering annotations is a nicety: without the list, they keep the findings' order.
    core.info(`Could not list the files of pull request #${pr.number} (${(e as Error).message}); annotations are not ordered by change.`);
    return new Set();
  }
}

function setOutputs(result: Result, manifestPath: string, tarballPath: string): void {
  const m = result.manifest;
  // Reachable files only: include globs add files that nothing imports.
  core.setOutput('reachable-count', m.files.filter((f) => f.reason !== 'include').length);
  core.setOutput('dormant-count', m.dormant.length);
  core.setOutput('error-count', result.errorCount);
  core.setOutput('warning-count', result.warningCount);
  core.setOutput('manifest', manifestPath);
  core.setOutput('tarball', m.tarball ? tarballPath : '');
  core.setOutput('tarball-sha256', m.tarball?.sha256 ?? '');
}

/** A message for the user: bad input as is, anything else without a stack trace (that goes to debug). */
function errorMessage(e: unknown): string {
  if (e instanceof UsageError || (e as Error)?.name === 'UsageError') return (e as Error).message;
  // EACCES, too large, too deep: the input's doing, said in one line.
  const known = classifyError(e);
  if (known) return known.message;
  if (e instanceof Error) {
    core.debug(e.stack ?? e.message);
    return `shipset failed: ${e.message}`;
  }
  return `shipset failed: ${String(e)}`;
}
