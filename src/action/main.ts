// The action: inputs -> pipeline -> manifest, outputs, annotations, summary, PR comment.
// One try/catch ends in setFailed; the summary is written whatever happened after the run.
import path from 'node:path';
import * as core from '@actions/core';
import { type BaseDiff, computeBaseDiff } from '../core/base-diff.js';
import { runPipeline } from '../core/pipeline.js';
import { RULE_REGISTRY } from '../core/rules/registry.js';
import { manifestTarget, writeFileSafely } from '../core/safe-write.js';
import { classifyError } from '../core/errors.js';
import { type Result, UsageError } from '../core/types.js';
import { annotationText, logLine } from '../report/escape.js';
import { renderJson } from '../report/json.js';
import {
  COMMENT_MAX_CHARS,
  commentMarker,
  renderFailureMarkdown,
  renderFixedMarkdown,
  renderMarkdown,
  stepVerdict,
  type MarkdownExtras,
} from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { annotationBudget, emitAnnotations, selectAnnotations, selectNotices } from './annotations.js';
import { apiClient, apiErrorText, changedFiles, upsertComment, type Octokit, type PullRequestRef } from './github-api.js';
import { type ActionInputs, readInputs, sarifTarget } from './inputs.js';

export async function run(): Promise<void> {
  let inputs: ActionInputs | undefined;
  let summary: string | undefined;
  try {
    inputs = readInputs();
    const { options, settings } = inputs;
    const result = await runPipeline(options, settings.workspace);

    // Temp file + rename inside the workspace, never through a symlink, never over a source.
    const manifestOut = manifestTarget(settings.manifestPath, result, {
      label: `input manifest:`,
      guarded: [settings.workspace],
      workspace: settings.workspace,
    });
    await writeFileSafely(manifestOut, renderJson(result));
    const rootInRepository = posixRelative(settings.workspace, options.root);
    if (settings.sarifPath) {
      // For github/codeql-action/upload-sarif: paths relative to the checkout, every rule described.
      const sarif = renderSarif(result.manifest, { rules: Object.values(RULE_REGISTRY), rootInRepository: rootInRepository === '.' ? '' : rootInRepository });
      await writeFileSafely(sarifTarget(settings.sarifPath, settings.workspace, manifestOut.reads), sarif);
    }
    setOutputs(result, settings.manifestPath, options.tarball, settings.sarifPath);

    const pr: PullRequestRef | undefined =
      settings.pullRequest && settings.repository ? { ...settings.repository, number: settings.pullRequest.number } : undefined;
    const octokit: Octokit | undefined = settings.token ? apiClient(settings.token, settings.apiUrl) : undefined;

    let baseDiff: BaseDiff | undefined;
    if (settings.baseRef) {
      baseDiff = await computeBaseDiff(options, result.manifest, settings.baseRef, (o) => runPipeline(o, settings.workspace), settings.workspace);
      // On a pull request the ref is the base SHA: the branch name is what a reader knows it by.
      if (settings.baseName) baseDiff.branch = settings.baseName;
    }

    const tarballPath = result.manifest.tarball ? posixRelative(settings.workspace, options.tarball) : undefined;
    const app = { workingDirectory: rootInRepository, entries: result.manifest.entries };
    const extras: MarkdownExtras = {
      baseDiff,
      packRequested: options.pack,
      tarballPath,
      // The heading names the app: a monorepo's jobs post one summary and one comment each.
      app,
      links:
        settings.repository && settings.linkSha
          ? { serverUrl: settings.serverUrl, owner: settings.repository.owner, repo: settings.repository.repo, sha: settings.linkSha, rootInRepository }
          : undefined,
    };
    if (settings.annotations) {
      const changed = pr && octokit ? await prChangedFiles(octokit, pr) : undefined;
      // The verdict (setFailed) and a comment warning share GitHub's cap of 10 per kind with the findings.
      const budget = annotationBudget({
        failing: result.errorCount > 0,
        commentWarning: settings.comment && !!pr && !!octokit,
        otherWarnings: changed === null ? 1 : 0,
      });
      const { annotations, leftOut } = selectAnnotations(
        result.manifest.findings.filter((f) => !f.suppressed),
        path.relative(settings.workspace, options.root),
        changed ?? new Set<string>(),
        budget,
      );
      emitAnnotations(annotations);
      extras.annotationsLeftOut = leftOut;
    }
    // Notices share GitHub's cap of 10 per kind with the base-diff notice; the summary lists them all.
    for (const notice of selectNotices(result.manifest.notices, baseDiff?.notice)) core.notice(annotationText(notice));
    summary = renderMarkdown(result, extras);

    if (settings.comment) {
      if (!pr || !octokit) {
        core.info(`comment: ${settings.commentMode}, but this run is not for a pull request: no comment written.`);
      } else {
        // One comment per app: matrix jobs over several working directories or entries keep theirs.
        const marker = commentMarker(app);
        const failing = result.errorCount > 0;
        if (settings.commentMode === 'on-failure' && !failing) {
          // Passing: a failing comment of this app becomes "fixed"; otherwise nothing is posted.
          await comment(octokit, pr, renderFixedMarkdown(result, { marker, app: extras.app }), marker, isFailingComment);
        } else {
          await comment(octokit, pr, renderMarkdown(result, { ...extras, marker, maxBytes: COMMENT_MAX_CHARS }), marker);
        }
      }
    }

    // The one place that decides pass or fail: error findings fail the step, warnings do not.
    if (result.errorCount > 0) core.setFailed(annotationText(stepVerdict(result, tarballPath)));
    else core.info(logLine(stepVerdict(result, tarballPath)));
  } catch (e) {
    const message = errorMessage(e);
    summary ??= renderFailureMarkdown(message);
    core.setFailed(annotationText(message));
    // Exit codes as the CLI's: 1 is "error findings", 2 bad input (an input, the event file, the project's own files).
    if (e instanceof UsageError || (e as Error)?.name === 'UsageError' || classifyError(e)) process.exitCode = 2;
  } finally {
    // Even a failed run explains itself in the summary (unless the summary input itself was bad).
    if (summary && inputs?.settings.summary !== false && process.env.GITHUB_STEP_SUMMARY) {
      try {
        await core.summary.addRaw(summary).write();
      } catch (e) {
        core.warning(`shipset could not write the job summary: ${annotationText((e as Error).message)}`);
      }
    }
  }
}

/** The comment is a courtesy: an API failure is a warning, never the verdict. */
async function comment(octokit: Octokit, pr: PullRequestRef, body: string, marker: string, updateOnlyIf?: (body: string) => boolean): Promise<void> {
  try {
    const outcome = await upsertComment(octokit, pr, body, { marker, updateOnlyIf });
    if (outcome.status === 'forbidden') core.warning(outcome.message);
    else if (outcome.status === 'skipped') core.info('comment: on-failure, and this run passes with no failing comment to update: no comment written.');
    else core.info(logLine(`Pull-request comment ${outcome.status}${outcome.url ? `: ${outcome.url}` : ''}.`));
  } catch (e) {
    core.warning(`shipset could not write the pull-request comment: ${apiErrorText(e)}`);
  }
}

/** The pull request's files, or null after a warning that they could not be listed. */
async function prChangedFiles(octokit: Octokit, pr: PullRequestRef): Promise<Set<string> | null> {
  try {
    return await changedFiles(octokit, pr);
  } catch (e) {
    // Ordering annotations is a nicety: without the list, they keep the findings' order.
    core.warning(`Could not list the files of pull request #${pr.number} (${apiErrorText(e)}); annotations are not ordered by change.`);
    return null;
  }
}

/** Whether our earlier comment reported a failure (its heading, right after the marker, is the ❌ verdict). */
function isFailingComment(body: string): boolean {
  return /^[^\n]*\n### ❌ /.test(body);
}

function posixRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/') || '.';
}

function setOutputs(result: Result, manifestPath: string, tarballPath: string, sarifPath: string | undefined): void {
  const m = result.manifest;
  // What ships, includes counted: the number the summary gives.
  core.setOutput('reachable-count', m.files.length);
  core.setOutput('dormant-count', m.dormant.length);
  core.setOutput('error-count', result.errorCount);
  core.setOutput('warning-count', result.warningCount);
  core.setOutput('manifest', manifestPath);
  core.setOutput('tarball', m.tarball ? tarballPath : '');
  core.setOutput('tarball-sha256', m.tarball?.sha256 ?? '');
  core.setOutput('content-sha256', m.tarball?.contentSha256 ?? '');
  core.setOutput('sarif', sarifPath ?? '');
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
