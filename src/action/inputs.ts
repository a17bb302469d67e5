// Every action input is read here, once, and handed as raw values to core/options.ts, which
// checks them with the same functions as the CLI's flags and the config file. The runner does
// not enforce `required` or types: a bad value becomes a UsageError starting with the input's name.
import path from 'node:path';
import * as core from '@actions/core';
import { loadConfig } from '../core/config.js';
import { tarballTarget } from '../core/pack/index.js';
import { checkWriteTarget, manifestTarget } from '../core/safe-write.js';
import { checkOutputFile, parseRuleSpecs, type RawOptions, resolveOptions, resolveRoot, splitList } from '../core/options.js';
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
  nodeModules: 'node-modules',
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

/** Read, check and map every input (over the config file, which inputs override). Throws UsageError naming the input. */
export function readInputs(env: NodeJS.ProcessEnv = process.env, now: number = Date.now()): ActionInputs {
  const workspace = path.resolve(workspaceDir(env));
  const wd = input(INPUT.workingDirectory) || '.';
  const root = resolveRoot(wd, workspace, `input ${INPUT.workingDirectory}`);
  const configInput = input(INPUT.config);
  const config = loadConfig(root, configInput ? { value: configInput, base: root, source: `input ${INPUT.config}` } : undefined);

  const pullRequest = pullRequestFromEvent(env);
  const repository = repositoryFromEnv(env);
  const token = input(INPUT.githubToken);
  const comment = bool(INPUT.comment, false);
  if (comment && !token) {
    throw new UsageError(`input ${INPUT.comment}: a comment needs a token, but input ${INPUT.githubToken} is empty. Remove 'github-token: ""' or pass a token.`);
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
  checkWriteTarget({ ...manifestTarget(settings.manifestPath, undefined, { label: `input ${INPUT.manifest}:`, guarded: [workspace] }), label: `input ${INPUT.manifest}:`, workspace, guarded: [workspace] });
  if (options.pack) {
    checkWriteTarget({ ...tarballTarget({ tarball: options.tarball, root: workspace, cwd: workspace }), label: `input ${INPUT.tarball}:`, workspace, guarded: [workspace] });
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
