// ts-node reads its own options from the tsconfig: `"ts-node": { "require": [...] }` preloads
// modules before the entry, the way `ts-node -r x` does. tsconfig-paths' README recommends exactly
// that for `paths` under ts-node, so a project configured this way runs its aliases: judging it
// without this would report every alias as a runtime error.
import { readProjectManifest } from '../../read-manifest.js';
import { parseJsonc } from './tsconfig-quick.js';
import type { TsSettings } from './tsconfig.js';

/**
 * The modules ts-node preloads from `config` (the tsconfig that applies to the entry): the
 * `ts-node.require` list of that file, else of the nearest file it extends that sets one (ts-node
 * 10 merges its options along `extends`, the extending file winning). Files are read as project
 * input (regular files inside `root`, at most 10 MB); one that cannot be read or parsed sets nothing.
 * Returns the specifiers as written, e.g. ['tsconfig-paths/register']; [] when none.
 */
export function tsNodeRequires(root: string, config: TsSettings | undefined): string[] {
  if (!config) return [];
  for (const file of [config.file, ...(config.extendsChain ?? [])]) {
    const read = readProjectManifest(root, file);
    if (!read.ok) continue;
    const data = parseJsonc(read.text) as { 'ts-node'?: { require?: unknown } } | undefined;
    const list = data && typeof data === 'object' ? data['ts-node']?.require : undefined;
    if (Array.isArray(list)) return list.filter((s): s is string => typeof s === 'string');
  }
  return [];
}
