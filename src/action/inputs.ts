// Every action input is read here, once, and handed as raw values to core/options.ts, which
// checks them with the same functions as the CLI's flags and the config file. The runner does
// not enforce `required` or types: a bad value becomes a UsageError starting with the input's name.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { loadConfig } from '../core/config.js';
import { tarballTarget } from '../core/pack/index.js';
import { checkWriteTarget, manifestTarget, type WriteTarget } from '../core/safe-write.js';
import { defaultCacheDir } from '../core/cache.js';
import { checkCacheDir, checkOutputFile, parseRuleSpecs, type RawOptions, resolveOptions, resolveRoot, splitList } from '../core/options.js';
import { type Options, UsageError } from '../core/types.js';
import { pullRequestFromEvent, repositoryFromEnv, workspaceDir, type PullRequestEvent } from './event.js';
import { githubCommitLookup } from './commit-times.js';

/** Input names, spelled once. */
export const INPUT = {
  entry: 'entry',
  workingDirectory: 'working-directory',
  tsconfig: 'tsconfig',
  rules: 'rules',
  deprecated: 'deprecated',
  include: 'include',
  exclude: 'exclude',
  pack: 'pack',
  tarball: 'tarball',
  manifest: 'manifest',
  prefix: 'prefix',
  summary: 'summary',
  annotations: 'annotations',
  comment: 'comment',
  baseRef: 'base-ref',
  githubToken: 'github-token',
  pythonPath: 'python-path',
  staleIgnore: 'stale-ignore',
  config: 'config',
  runtime: 'runtime',
  baseline: 'baseline',
  sarif: 'sarif',
  cache: 'cache',
  nodeModules: 'node-modules',
} as const;

/** `comment`: always (true), never (false), or only while the run fails (then "fixed" once it passes). */
export type CommentMode = 'true' | 'false' | 'on-failure';

/** What the action does with a Result, beyond the Options the core needs. */
export interface ActionSettings {
  /** Absolute path of the manifest JSON. */
  manifestPath: string;
  /** Absolute workspace (repository root): annotation paths are relative to it. */
  workspace: string;
  summary: boolean;
  annotations: boolean;
  /** Whether a comment may be written at all (`comment` is true or on-failure). */
  comment: boolean;
  commentMode: CommentMode;
  /** Absolute path of the SARIF file to write (inside the workspace); undefined: none. */
  sarifPath?: string;
  /** The commit report links point at: the PR's head, else GITHUB_SHA. */
  linkSha?: string;
  /** GITHUB_SERVER_URL (https://github.com on github.com). */
  serverUrl: string;
  /** Ref to compare the ship set with; undefined: no comparison. */
  baseRef?: string;
  /** The pull request's base branch, when baseRef is its SHA (for display). */
  baseName?: string;
  /** API token; empty when none was given. */
  token: string;
  repository?: { owner: string; repo: string };
  pullRequest?: PullRequestEvent;
  apiUrl?: string;
}

export interface ActionInputs {
  options: Options;
  settings: ActionSettings;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/** Read, check and map every input (over the config file, which inputs override). Throws UsageError naming the input. */
export function readInputs(env: NodeJS.ProcessEnv = process.env, now: number = Date.now()): ActionInputs {
  const workspace = path.resolve(workspaceDir(env));
  const wd = input(INPUT.workingDirectory) || '.';
  const root = resolveRoot(wd, workspace, `input ${INPUT.workingDirectory}`);
  checkInsideWorkspace(root, workspace, wd);
  const configInput = input(INPUT.config);
  const config = loadConfig(root, configInput ? { value: configInput, base: root, source: `input ${INPUT.config}` } : undefined);
  // Output paths come only from the workflow (inputs): the config file is pull-request content,
  // and a pull request must not choose which file the action overwrites (or, on a refused pack,
  // deletes as a stale tarball). The CLI keeps them: there the user runs it on their own tree.
  for (const key of ['tarball', 'manifest'] as const) {
    const raw = config.layer[key];
    if (!raw) continue;
    delete config.layer[key];
    config.notices.push(`${raw.source} is ignored by the action: output paths come only from the workflow. Set input ${INPUT[key]} instead.`);
  }
  // A config that switches a rule off (or suppresses findings) changes the verdict: say so
  // where the workflow's reader looks, once, as a warning.
  if (config.relaxed) core.warning(config.relaxed);

  const pullRequest = pullRequestFromEvent(env);
  const repository = repositoryFromEnv(env);
  const token = input(INPUT.githubToken);
  const commentMode = commentInput();
  const comment = commentMode !== 'false';
  if (comment && !token) {
    throw new UsageError(
      `input ${INPUT.comment}: a comment needs a token, but input ${INPUT.githubToken} is empty. Remove 'github-token: ""' or pass a token.`,
    );
  }

  // An empty input is unset: the config's value (or the default) applies.
  const value = <T>(name: string, v: T | undefined, base = root) =>
    v === undefined || v === '' || (Array.isArray(v) && !v.length) ? undefined : { value: v, source: `input ${name}`, base };
  const layer: RawOptions = {
    entries: value(INPUT.entry, splitList(input(INPUT.entry)), workspace),
    runtime: value(INPUT.runtime, input(INPUT.runtime)),
    tsconfig: value(INPUT.tsconfig, input(INPUT.tsconfig)),
    rules: parseRuleSpecs(splitList(input(INPUT.rules)), `input ${INPUT.rules}`),
    deprecated: value(INPUT.deprecated, lines(input(INPUT.deprecated))),
    include: value(INPUT.include, lines(input(INPUT.include))),
    nodeModules: value(INPUT.nodeModules, input(INPUT.nodeModules) === '' ? undefined : bool(INPUT.nodeModules, false)),
    exclude: value(INPUT.exclude, lines(input(INPUT.exclude))),
    staleIgnore: value(INPUT.staleIgnore, splitList(input(INPUT.staleIgnore))),
    pythonPath: value(INPUT.pythonPath, lines(input(INPUT.pythonPath))),
    baseline: value(INPUT.baseline, input(INPUT.baseline)),
    prefix: value(INPUT.prefix, input(INPUT.prefix)),
    tarball: value(INPUT.tarball, input(INPUT.tarball), workspace),
    manifest: value(INPUT.manifest, input(INPUT.manifest), workspace),
  };
  const pack = bool(INPUT.pack, true);
  const { options, output } = resolveOptions(root, [config.layer, layer], { cwd: workspace, env, now, pack, notices: config.notices });
  // `true`: a folder outside the workspace, which actions/cache saves and restores (docs/cache.md).
  const cache = input(INPUT.cache);
  if (cache && !FALSE.includes(cache)) options.cache = TRUE.includes(cache) ? defaultCacheDir(env) : checkCacheDir(cache, workspace, `input ${INPUT.cache}`);
  if (token && repository) {
    options.commitTimes = githubCommitLookup({ token, ...repository, apiUrl: env.GITHUB_API_URL || undefined });
  }

  const base = baseRef(input(INPUT.baseRef), pullRequest);
  const settings: ActionSettings = {
    manifestPath: output.manifest ?? checkOutputFile('shipset.json', workspace, `input ${INPUT.manifest}`, 'shipset.json'),
    workspace,
    summary: bool(INPUT.summary, true),
    annotations: bool(INPUT.annotations, true),
    comment,
    commentMode,
    sarifPath: sarifInput(workspace),
    linkSha: [pullRequest?.headSha, env.GITHUB_SHA].find((sha) => sha && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(sha)),
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    baseRef: base?.ref,
    baseName: base?.name,
    token,
    repository,
    pullRequest,
    apiUrl: env.GITHUB_API_URL || undefined,
  };
  if (options.pack && path.resolve(options.tarball) === path.resolve(settings.manifestPath)) {
    throw new UsageError(`input ${INPUT.manifest}: the manifest and the tarball are the same file (${settings.manifestPath}). Give them different paths.`);
  }
  // Outputs stay inside the workspace and are never written through a link (a pull request can
  // commit `shipset.json -> /tmp/victim`): refused before any work is done.
  checkWriteTarget({
    ...manifestTarget(settings.manifestPath, undefined, { label: `input ${INPUT.manifest}:`, guarded: [workspace] }),
    label: `input ${INPUT.manifest}:`,
    workspace,
    guarded: [workspace],
  });
  if (settings.sarifPath) {
    const others = [settings.manifestPath, ...(options.pack ? [options.tarball] : [])].map((p) => path.resolve(p));
    if (others.includes(settings.sarifPath)) {
      throw new UsageError(
        `input ${INPUT.sarif}: the SARIF file would overwrite the manifest or the tarball (${settings.sarifPath}). Give it its own path, e.g. shipset.sarif.`,
      );
    }
    checkWriteTarget({ ...sarifTarget(settings.sarifPath, workspace), guarded: [workspace] });
  }
  if (options.pack) {
    checkWriteTarget({
      ...tarballTarget({ tarball: options.tarball, root: workspace, cwd: workspace }),
      label: `input ${INPUT.tarball}:`,
      workspace,
      guarded: [workspace],
    });
  }
  return { options, settings };
}

/**
 * The action's working-directory must lie inside the workspace, by real path: a committed
 * symlink (`app -> /etc`, `real/app -> ../../..`) or an absolute path must not make the action
 * read (and pack) a folder the checkout does not hold. Throws a UsageError.
 */
function checkInsideWorkspace(root: string, workspace: string, wd: string): void {
  let top: string;
  try {
    top = fs.realpathSync(workspace);
  } catch {
    throw new UsageError(`GITHUB_WORKSPACE: the workspace ${workspace} does not exist. Run the action after actions/checkout.`);
  }
  const rel = path.relative(top, root);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new UsageError(
      `input ${INPUT.workingDirectory}: '${wd}' is ${root} by real path, outside the workspace ${top}. Give a folder inside the checkout (a symlink out of it is not followed).`,
    );
  }
}

function input(name: string): string {
  return core.getInput(name).trim();
}

/** Globs and paths are one per line (a comma is a legal glob character: `*.{ts,js}`). */
function lines(value: string): string[] {
  return value
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
}

function commentInput(): CommentMode {
  const value = input(INPUT.comment);
  if (!value || FALSE.includes(value)) return 'false';
  if (TRUE.includes(value)) return 'true';
  if (value.toLowerCase() === 'on-failure') return 'on-failure';
  throw new UsageError(`input ${INPUT.comment}: '${value}' is not one of true, false, on-failure.`);
}

/** `sarif`: a file path relative to the workspace, or empty for none. */
function sarifInput(workspace: string): string | undefined {
  const value = input(INPUT.sarif);
  if (!value) return undefined;
  return checkOutputFile(value, workspace, `input ${INPUT.sarif}`, 'shipset.sarif');
}

/** Whether `file` starts like shipset's own SARIF log: only then is it replaced. */
export function isShipsetSarif(file: string): boolean {
  let head = '';
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  return /^\s*\{\s*"\$schema"\s*:\s*"[^"]*sarif[^"]*"[\s\S]*"driver"\s*:\s*\{\s*"name"\s*:\s*"shipset"/.test(head);
}

/** Where the SARIF log goes: inside the workspace, never through a link, never over a file that is not ours. */
export function sarifTarget(file: string, workspace: string, reads: Iterable<string> = []): WriteTarget {
  return {
    path: file,
    label: `input ${INPUT.sarif}:`,
    example: 'shipset.sarif',
    workspace,
    guarded: [workspace],
    displayBase: workspace,
    reads,
    isOwnOutput: isShipsetSarif,
    notOursText: 'an existing file that is not a shipset SARIF log: writing would overwrite it',
  };
}

function bool(name: string, fallback: boolean): boolean {
  const value = input(name);
  if (!value) return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new UsageError(`input ${name}: '${value}' is not a boolean. Use true or false.`);
}

/** The ref to compare with, and the PR's base branch name when the ref is the PR's base SHA. */
function baseRef(value: string, pr: PullRequestEvent | undefined): { ref: string; name?: string } | undefined {
  if (value === 'none') return undefined;
  if (value) {
    // Passed to git as an argument: a leading '-' would be read as an option.
    if (value.startsWith('-') || /\s/.test(value)) {
      throw new UsageError(`input ${INPUT.baseRef}: '${value}' is not a git ref or SHA. Give e.g. 'main', 'origin/main' or a commit SHA, or 'none'.`);
    }
    return { ref: value };
  }
  // The SHA is exact (the branch may have moved since the event); the branch name is for people.
  if (pr?.baseSha) return { ref: pr.baseSha, name: pr.baseRef };
  return pr?.baseRef ? { ref: pr.baseRef } : undefined;
}
