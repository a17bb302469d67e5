// Build output: a missing file that the project says is made by a build step, not forgotten.
// Two ways to say it: git ignores the path (a Prisma client, GraphQL/OpenAPI codegen, a local
// config copied from a template), or the `generated` option lists it. Asked once per run for the
// candidate paths of every unresolved relative import.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { git } from './git.js';
import { isInside, toPosix } from './paths.js';

/** Existing files looked at per folder to tell whether the build has already run there. */
const SIBLINGS = 200;

/**
 * For each root-relative POSIX path, what declares it build output that has not been made yet:
 * `the generated option (<glob>)` or the ignore rule as git reports it (`.gitignore:19
 * src/config.ts`). Paths nothing declares are absent from the map. The ignore rules are git's own
 * (`git check-ignore --no-index -v`: every .gitignore, .git/info/exclude and core.excludesFile,
 * leading folders included, as `git status` applies them, tracked or not), with three exceptions
 * that name no file in particular, so a missing file under them is a missing source:
 * - a pattern for every file of one extension (`*.js`, `**\/*.js`: compiled output beside sources);
 * - a match-everything pattern (`*`, `/*`, `**`) in a top-level ignore file (an allow-list
 *   .gitignore of `*` plus `!` lines); the same in a nested .gitignore (`generated/.gitignore`)
 *   does count;
 * - a rule that already matches an existing file in the same folder: the build has run there
 *   (`generated/client.ts` exists, so `generated/clinet.ts` is a typo).
 * Without git (no repository, git missing or failing) only the option counts. Paths go to git
 * NUL-separated on standard input, never as arguments; one starting with `:` (pathspec magic to
 * git) is not asked.
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
  const asked = paths.filter((p) => !found.has(p) && askable(p));
  const ignored = ignoreRules(root, asked);
  // The rule of each folder's existing files: a folder the build has filled under the same rule.
  const folders = new Set([...ignored.keys()].map((p) => path.posix.dirname(p)));
  const existing = [...folders].flatMap((dir) => filesIn(root, dir));
  const builtRules = new Set([...ignoreRules(root, existing.filter(askable)).entries()].map(([p, rule]) => `${path.posix.dirname(p)}\0${rule}`));
  for (const [p, rule] of ignored) {
    if (!builtRules.has(`${path.posix.dirname(p)}\0${rule}`)) found.set(p, rule);
  }
  return found;
}

function askable(p: string): boolean {
  return !p.includes('\0') && !p.startsWith('../') && !p.startsWith(':');
}

/** The files (not folders) directly inside `dir` (root-relative), at most SIBLINGS of them, root-relative. */
function filesIn(root: string, dir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(root, dir), { withFileTypes: true })
      .filter((e) => e.isFile())
      .slice(0, SIBLINGS)
      .map((e) => (dir === '.' ? e.name : `${dir}/${e.name}`));
  } catch {
    return []; // not there yet: nothing built in it
  }
}

/** path -> `source:line pattern` for the paths git ignores, less the patterns that name no file (see buildOutputOf). */
function ignoreRules(root: string, paths: readonly string[]): Map<string, string> {
  const rules = new Map<string, string>();
  const asked = new Set(paths);
  if (asked.size === 0) return rules;
  // Exit code 1 means "none of them is ignored": the runner reports that as a failure (undefined).
  const out = git(root, ['check-ignore', '--no-index', '--stdin', '-v', '-z'], { input: [...asked].join('\0') + '\0' });
  if (!out) return rules;
  // -z -v: <source> NUL <linenum> NUL <pattern> NUL <pathname> NUL, per matched path.
  const fields = out.split('\0');
  for (let j = 0; j + 3 < fields.length; j += 4) {
    const [source, line, pattern, pathname] = fields.slice(j, j + 4) as [string, string, string, string];
    // A negated pattern (`!keep.ts`) that matched means "not ignored".
    if (!pattern || pattern.startsWith('!') || !asked.has(pathname)) continue;
    // git names exclude files by absolute path (.git/info/exclude): shown relative to the root when inside it.
    const file = path.isAbsolute(source) && isInside(root, source) ? toPosix(path.relative(root, source)) : source;
    if (/^(\*\*\/)?\*\.[A-Za-z0-9]+$/.test(pattern)) continue;
    // Match-everything in a top-level ignore file (the root's or a parent's .gitignore, info/exclude, the global one).
    const nested = file.endsWith('/.gitignore') && !file.startsWith('../') && !file.startsWith('.git/') && !path.isAbsolute(file);
    if (/^\/?\*\*?(\/\*)?$/.test(pattern) && !nested) continue;
    rules.set(pathname, `${file}:${line} ${pattern}`);
  }
  return rules;
}
