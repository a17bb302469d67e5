// Build output: a missing file that the project says is made by a build step, not forgotten.
// Two ways to say it: git ignores the path (a Prisma client, GraphQL/OpenAPI codegen, a local
// config copied from a template), or the `generated` option lists it. Asked once per run for the
// candidate paths of every unresolved relative import.
import path from 'node:path';
import picomatch from 'picomatch';
import { git } from './git.js';
import { isInside, toPosix } from './paths.js';

/**
 * For each root-relative POSIX path, what declares it build output: `generated option (<glob>)` or
 * the ignore rule as git reports it (`.gitignore:19 src/config.ts`). Paths nothing declares are
 * absent from the map. The ignore rules are git's own (`git check-ignore --no-index -v`: every
 * .gitignore, .git/info/exclude and core.excludesFile, leading folders included, as `git status`
 * applies them, tracked or not). Without git (no repository, git missing or failing) only the
 * option counts. Paths go to git NUL-separated on standard input, never as arguments; one
 * starting with `:` (pathspec magic to git) is not asked.
 */
export function buildOutputOf(root: string, paths: readonly string[], generated: readonly string[] = []): Map<string, string> {
  const found = new Map<string, string>();
  if (paths.length === 0) return found;
  if (generated.length) {
    const matchers = generated.map((glob) => [glob, picomatch(glob, { dot: true })] as const);
    for (const p of paths) {
      const hit = matchers.find(([, matches]) => matches(p));
      if (hit) found.set(p, `the generated option (${hit[0]})`);
    }
  }
  const asked = new Set(paths.filter((p) => !found.has(p) && !p.includes('\0') && !p.startsWith('../') && !p.startsWith(':')));
  if (asked.size === 0) return found;
  // Exit code 1 means "none of them is ignored": the runner reports that as a failure (undefined).
  const out = git(root, ['check-ignore', '--no-index', '--stdin', '-v', '-z'], { input: [...asked].join('\0') + '\0' });
  if (out) {
    // -z -v: <source> NUL <linenum> NUL <pattern> NUL <pathname> NUL, per matched path.
    const fields = out.split('\0');
    for (let j = 0; j + 3 < fields.length; j += 4) {
      const [source, line, pattern, pathname] = fields.slice(j, j + 4);
      // A negated pattern (`!keep.ts`) that matched means "not ignored". A pattern for every file
      // of a kind (`*.js`, `**/*.js`: compiled output beside its sources) names no file in
      // particular: a missing `./x.js` under it is a missing source, not pending build output.
      if (!pattern || pattern.startsWith('!') || /^(\*\*\/)?\*\.[A-Za-z0-9]+$/.test(pattern) || !asked.has(pathname!)) continue;
      // git names exclude files by absolute path (.git/info/exclude): shown relative to the root when inside it.
      const file = path.isAbsolute(source!) && isInside(root, source!) ? toPosix(path.relative(root, source!)) : source;
      found.set(pathname!, `${file}:${line} ${pattern}`);
    }
  }
  return found;
}
