// Files that hold credentials never ship by accident. One judgement for every way a file can
// reach the package (an import, an include glob, a folder include): the path itself, and the
// real path a symlink (or a symlinked folder on the way) leads to, in any letter case, because
// `src/settings.js -> ../.env` carries the same bytes as `.env` under an innocent name, and a
// case-insensitive file system (macOS, Windows) opens `.ENV` for `.env`.
import path from 'node:path';
import { realpathOrUndefined, toPosix } from './paths.js';

/**
 * A path segment that marks a secret: the `.git` folder (it holds actions/checkout's token in
 * `.git/config`), `.env*` files and folders, `.npmrc`, `.pypirc`. Any letter case.
 */
const SECRET_SEGMENT = /^(?:\.git|\.env.*|\.npmrc|\.pypirc)$/i;

/** What the messages call secrets. */
export const SECRET_KINDS = '.env*, .npmrc, .pypirc, .git/';

/** True when any segment of the POSIX path `rel` is a secret name (`.git/x`, `.ENV`, `.env/x.json`, `a/.npmrc`). */
export function isSecretPath(rel: string): boolean {
  return rel.split('/').some((part) => SECRET_SEGMENT.test(part));
}

export interface SecretMatch {
  /** The path that looks like a secret: `rel` itself, or where the link leads (root-relative, or absolute when outside the root). */
  secret: string;
  /** True when `rel` is not a secret by name but a symlink on its way leads to one. */
  throughLink: boolean;
}

/**
 * Judge the root-relative path `rel`: a secret by its own name, or by the real path it resolves to
 * (fs.realpath follows every symlink on the way, a linked folder included). Returns undefined for
 * an ordinary file, or one whose real path cannot be found (missing, dangling link: nothing to read).
 */
export function secretMatch(root: string, rel: string, realpath: (abs: string) => string | undefined = realpathOrUndefined): SecretMatch | undefined {
  if (isSecretPath(rel)) return { secret: rel, throughLink: false };
  const real = realpath(path.join(root, rel));
  const realRoot = realpath(root);
  if (real === undefined || realRoot === undefined) return undefined;
  const fromRoot = toPosix(path.relative(realRoot, real));
  // Outside the root only the segments below the common folder count: a workspace under
  // `~/.envs/` must not make every linked file a secret, but `../.env` must be one.
  const judged = fromRoot.split('/').filter((part) => part !== '..').join('/');
  if (!isSecretPath(judged)) return undefined;
  const inside = fromRoot && !fromRoot.startsWith('..') && !path.isAbsolute(fromRoot);
  return { secret: inside ? fromRoot : real, throughLink: true };
}

/** The reason and the fix for a secret kept out of the package, for findings and notices. */
export function describeSecret(rel: string, match: SecretMatch): { reason: string; fix: string } {
  if (match.throughLink) {
    return {
      reason: `it is a symbolic link to ${match.secret}, which looks like a secret (${SECRET_KINDS}), and shipset never packs a secret under another name`,
      fix: `Replace the link ${rel} with a real file that holds no credentials (read them from the environment at run time), or add '${rel}' to include by its exact path if it must ship`,
    };
  }
  return {
    reason: `it looks like a secret (${SECRET_KINDS}), which shipset never packs unless include names it exactly`,
    fix: `Read the values from the environment at run time, or add '${rel}' to include by its exact path`,
  };
}
