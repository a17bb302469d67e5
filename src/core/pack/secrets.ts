// Files that hold credentials never ship by accident. One judgement for every way a file can
// reach the package (an import, an include glob, a folder include): the path itself, and the
// real path a symlink (or a symlinked folder on the way) leads to, in any letter case, because
// `src/settings.js -> ../.env` carries the same bytes as `.env` under an innocent name, and a
// case-insensitive file system (macOS, Windows) opens `.ENV` for `.env`.
import path from 'node:path';
import { UsageError } from '../types.js';
import { realpathOrUndefined, toPosix } from './paths.js';

/**
 * A path segment that marks a secret, in any letter case: the `.git` folder (actions/checkout
 * keeps its token in `.git/config`), `.env*` files and folders, the package-registry configs
 * that carry tokens (`.npmrc`, `.pypirc`, `.yarnrc.yml` with its npmAuthToken), the machine
 * and git credential stores (`.netrc`, `_netrc` on Windows, `.git-credentials`) and the
 * credential files google-github-actions/auth writes into the workspace (`gha-creds-*.json`).
 */
const SECRET_SEGMENT = /^(?:\.git|\.env.*|\.npmrc|\.pypirc|\.yarnrc\.yml|\.netrc|_netrc|\.git-credentials|gha-creds-.*\.json)$/i;

/** The `.git` folder: never packed, not even when an include names a file in it. */
const GIT_SEGMENT = /^\.git$/i;

/** What the messages call secrets. */
export const SECRET_KINDS = '.env*, .npmrc, .pypirc, .yarnrc.yml, .netrc, _netrc, .git-credentials, gha-creds-*.json, .git/';

/** True when any segment of the POSIX path `rel` is a secret name (`.git/x`, `.ENV`, `.env/x.json`, `a/.npmrc`). */
export function isSecretPath(rel: string): boolean {
  return rel.split('/').some((part) => SECRET_SEGMENT.test(part));
}

/** True when the POSIX path `rel` is the `.git` folder or inside it, in any letter case. */
export function isGitPath(rel: string): boolean {
  return rel.split('/').some((part) => GIT_SEGMENT.test(part));
}

export interface SecretMatch {
  /** The path that looks like a secret: `rel` itself, or where the link leads (root-relative, or absolute when outside the root). */
  secret: string;
  /** True when `rel` is not a secret by name but a symlink on its way leads to one. */
  throughLink: boolean;
  /** True when the secret is in the `.git` folder (by name or real path): never packed, whatever names it. */
  git: boolean;
}

/**
 * Judge the root-relative path `rel`: a secret by the real path it resolves to (fs.realpath
 * follows every symlink on the way, a linked folder included) when that differs from `rel`,
 * else by its own name. A link whose name is a secret too (`.env -> .npmrc`) is still judged a
 * link: naming `.env` never opts in another file's credentials. Returns undefined for an
 * ordinary file; a path whose real path cannot be found (missing, dangling link) is judged by name.
 */
export function secretMatch(root: string, rel: string, realpath: (abs: string) => string | undefined = realpathOrUndefined): SecretMatch | undefined {
  const byName = isSecretPath(rel);
  const target = realTarget(root, rel, realpath);
  if (target && target.fromRoot !== rel && isSecretPath(target.judged)) {
    return { secret: target.inside ? target.fromRoot : target.real, throughLink: true, git: isGitPath(target.judged) || isGitPath(rel) };
  }
  return byName ? { secret: rel, throughLink: false, git: isGitPath(rel) } : undefined;
}

/** Where `rel` really leads: root-relative POSIX path, absolute path, and the part judged for secret names. */
function realTarget(
  root: string,
  rel: string,
  realpath: (abs: string) => string | undefined,
): { fromRoot: string; real: string; judged: string; inside: boolean } | undefined {
  const real = realpath(path.join(root, rel));
  const realRoot = realpath(root);
  if (real === undefined || realRoot === undefined) return undefined;
  // Real paths are absolute and normalized: one below the real root is the rest of it, with no
  // '..' segment to drop (the common case, once per packed file; path.relative for the others).
  if (real.startsWith(realRoot + path.sep)) {
    const fromRoot = toPosix(real.slice(realRoot.length + 1));
    return { fromRoot, real, judged: fromRoot, inside: !fromRoot.startsWith('..') };
  }
  const fromRoot = toPosix(path.relative(realRoot, real));
  // Outside the root only the segments below the common folder count: a workspace under
  // `~/.envs/` must not make every linked file a secret, but `../.env` must be one.
  const judged = fromRoot
    .split('/')
    .filter((part) => part !== '..')
    .join('/');
  const inside = !!fromRoot && !fromRoot.startsWith('..') && !path.isAbsolute(fromRoot);
  return { fromRoot, real, judged, inside };
}

/** The reason and the fix for a secret kept out of the package, for findings and notices. */
export function describeSecret(rel: string, match: SecretMatch): { reason: string; fix: string } {
  if (match.throughLink) {
    return {
      reason: `it is a symbolic link to ${match.secret}, which looks like a secret (${SECRET_KINDS}), and shipset never packs a secret under another name`,
      fix: match.git
        ? `Replace the link ${rel} with a real file: nothing in .git/ is ever packed (it holds the checkout's credentials)`
        : `Replace the link ${rel} with a real file that holds no credentials (read them from the environment at run time), or name the secret itself exactly in --include (action input include) if it must ship`,
    };
  }
  if (match.git) {
    return {
      reason: `it is in .git/, which holds the checkout's credentials (actions/checkout's token in .git/config) and is never packed, not even when include names it`,
      fix: `Ship the files the app needs from outside .git/`,
    };
  }
  return {
    reason: `it looks like a secret (${SECRET_KINDS}), which shipset never packs unless --include (action input include) names it exactly`,
    fix: `Read the values from the environment at run time, or name '${rel}' exactly in --include (action input include)`,
  };
}

/**
 * Throws UsageError when the input file `abs` (a config, a baseline) is a secret by its path or
 * by the real path its link leads to: such a file is never read, so its bytes cannot be quoted
 * in an error or steer the run. A path outside the root is left to the manifest reader to refuse.
 */
export function refuseSecretInput(root: string, abs: string, source: string, fix: string): void {
  const rel = toPosix(path.relative(path.resolve(root), path.resolve(abs)));
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return;
  const secret = secretMatch(root, rel);
  if (!secret) return;
  const what = secret.throughLink ? `is a symbolic link to ${secret.secret}, which looks like a secret` : 'looks like a secret';
  throw new UsageError(`${source}: ${rel} ${what} (${SECRET_KINDS}): shipset does not read it. ${fix}.`);
}
