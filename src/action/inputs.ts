// Every action input is read here, once, and mapped onto the same Options the CLI builds.
// The runner does not enforce `required` or types: each value is checked in code and a bad
// one becomes a UsageError whose message starts with the input's name.
import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { parseRuleLevels, resolveEntries, resolveRoot, splitList } from '../core/options.js';
import { parseSourceDateEpoch, tarballTarget } from '../core/pack/index.js';
import { checkWriteTarget, manifestTarget } from '../core/safe-write.js';
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
} as const;

/** What the action does with a Result, beyond the Options the core needs. */
export interface ActionSettings {
  /** Absolute path of the manifest JSON. */
  manifestPath: string;
  /** Absolute workspace (repository root): annotation paths are relative to it. */
  workspace: string;
  summary: boolean;
  annotations: boolean;
  comment: boolean;
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

/** Read, check and map every input. Throws UsageError naming the input. */
export function readInputs(env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const workspace = path.resolve(workspaceDir(env));
  const wd = input(INPUT.workingDirectory) || '.';
  const root = resolveRoot(wd, workspace, `input ${INPUT.workingDirectory}`);
  const entries = resolveEntries(root, splitList(input(INPUT.entry)), workspace, `input ${INPUT.entry}`);

  const tsconfig = input(INPUT.tsconfig) || undefined;
  if (tsconfig && !fs.existsSync(path.resolve(root, tsconfig))) {
    throw new UsageError(`input ${INPUT.tsconfig}: '${tsconfig}' does not exist under ${root}. Give a path relative to working-directory, or leave it empty.`);
  }

  const include = lines(input(INPUT.include));
  const pullRequest = pullRequestFromEvent(env);
  const repository = repositoryFromEnv(env);
  const token = input(INPUT.githubToken);
  const comment = bool(INPUT.comment, false);
  if (comment && !token) {
    throw new UsageError(`input ${INPUT.comment}: a comment needs a token, but input ${INPUT.githubToken} is empty. Remove 'github-token: ""' or pass a token.`);
  }

  const options: Options = {
    root,
    entries,
    tsconfig,
    rules: parseRuleLevels(splitList(input(INPUT.rules)), `input ${INPUT.rules}`),
    deprecated: lines(input(INPUT.deprecated)),
    include: include.length ? include : undefined,
    exclude: lines(input(INPUT.exclude)),
    staleIgnore: splitList(input(INPUT.staleIgnore)),
    pythonPath: lines(input(INPUT.pythonPath)).map((p) => insideRoot(root, p, INPUT.pythonPath)),
    pack: bool(INPUT.pack, true),
    tarball: workspacePath(workspace, input(INPUT.tarball) || 'shipset.tar.gz', INPUT.tarball, bool(INPUT.pack, true)),
    prefix: prefix(input(INPUT.prefix)),
  };
  // The core never reads the environment: the tarball's mtime comes in through Options.
  if (options.pack) options.sourceDateEpoch = parseSourceDateEpoch(env.SOURCE_DATE_EPOCH);
  if (token && repository) {
    options.commitTimes = githubCommitLookup({ token, ...repository, apiUrl: env.GITHUB_API_URL || undefined });
  }

  const base = baseRef(input(INPUT.baseRef), pullRequest);
  const settings: ActionSettings = {
    manifestPath: workspacePath(workspace, input(INPUT.manifest) || 'shipset.json', INPUT.manifest),
    workspace,
    summary: bool(INPUT.summary, true),
    annotations: bool(INPUT.annotations, true),
    comment,
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
  return { options, settings };
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

function bool(name: string, fallback: boolean): boolean {
  const value = input(name);
  if (!value) return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new UsageError(`input ${name}: '${value}' is not a boolean. Use true or false.`);
}

function workspacePath(workspace: string, value: string, name: string, written = true): string {
  const abs = path.resolve(workspace, value);
  if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
    throw new UsageError(`input ${name}: '${value}' is a folder. Give a file path, e.g. '${path.posix.join(value, name === INPUT.manifest ? 'shipset.json' : 'shipset.tar.gz')}'.`);
  }
  // Outputs stay inside the workspace and are never written through a link (a pull request can
  // commit `shipset.json -> /tmp/victim`): refused before any work is done.
  if (!written) return abs;
  const own = name === INPUT.manifest ? manifestTarget(abs, undefined, { label: `input ${name}:`, guarded: [workspace] }) : tarballTarget({ tarball: abs, root: workspace });
  checkWriteTarget({ ...own, label: `input ${name}:`, workspace, guarded: [workspace] });
  return abs;
}

function insideRoot(root: string, value: string, name: string): string {
  const rel = path.relative(root, path.resolve(root, value));
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new UsageError(`input ${name}: '${value}' is outside working-directory ${root}. Give a folder inside it.`);
  }
  return rel.split(path.sep).join('/') || '.';
}

function prefix(value: string): string | undefined {
  if (!value) return undefined;
  const norm = path.posix.normalize(value.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (value.startsWith('/') || norm === '..' || norm.startsWith('../') || norm === '.') {
    throw new UsageError(`input ${INPUT.prefix}: '${value}' must be a relative folder inside the archive, without '..' or a leading '/', e.g. 'app'.`);
  }
  return norm;
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
