// The pack stage: select the files, write the reproducible tarball, verify it is closed.
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, ManifestFile, ModuleGraph, Options, TarballInfo } from '../types.js';
import { UsageError } from '../types.js';
import { closureFindings } from './closure.js';
import { compareCodeUnits, displayBase, displayPath, normalizePrefix, realFileInside } from './paths.js';
import { atomicWrite, createArchive, listArchive, packMtime, sha256File } from './tarball.js';

export { selectFiles } from './select.js';
export { checkTarballPath } from './destination.js';
export { closureFindings } from './closure.js';

export async function writeTarball(
  files: ManifestFile[],
  graph: ModuleGraph,
  options: Options,
): Promise<{ tarball: TarballInfo | null; findings: Finding[] }> {
  const root = graph.root;
  const prefix = normalizePrefix(options.prefix);
  const destination = path.resolve(options.tarball);
  const paths = files.map((f) => f.path).sort(compareCodeUnits);
  for (const rel of paths) {
    // selectFiles only yields such files; a caller that passes others must not make us read outside the root.
    if (!realFileInside(root, rel)) {
      throw new UsageError(`${rel} cannot be packed: it is not a regular file under the root ${root} (missing, or a link that leaves the root).`);
    }
  }
  const mtime = options.sourceDateEpoch ?? packMtime(root);

  if (!paths.length) {
    const findings = closureFindings(files, new Set(), graph, options);
    if (findings.length) return { tarball: null, findings };
    throw new UsageError(`nothing to pack: no reachable or included file under ${root}. Check the entries and the include/exclude globs.`);
  }

  let findings: Finding[] = [];
  let written = { bytes: 0, sha256: '' };
  let kept: boolean;
  try {
    kept = await atomicWrite(destination, async (temp) => {
      await createArchive(temp, { root, paths, prefix, mtime });
      findings = closureFindings(files, await listArchive(temp, prefix), graph, options);
      if (findings.length) return false;
      written = sha256File(temp);
      return true;
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code || error instanceof UsageError) throw error;
    // A file system refusal (folder in the way, no permission, disk full) is input to fix, not a crash.
    throw new UsageError(`cannot write the tarball ${displayPath(destination, displayBase(options))}: ${(error as Error).message}. Choose a tarball path in a writable folder.`);
  }
  if (!kept) return { tarball: null, findings };
  return { tarball: { path: displayPath(destination, displayBase(options)), ...written }, findings: [] };
}

/**
 * When packing is refused, delete the tarball an earlier run left at the same path: a later CI
 * step (upload, release) would otherwise ship it as if this run had passed. Only a regular file
 * is removed; a folder, a symlink (never followed) or anything else there is left alone.
 * Returns the notice to show, or undefined when there was nothing to remove.
 */
export function removeStaleTarball(options: Options): string | undefined {
  const destination = path.resolve(options.tarball);
  const stat = fs.lstatSync(destination, { throwIfNoEntry: false });
  if (!stat?.isFile()) return undefined;
  const shown = displayPath(destination, displayBase(options));
  try {
    fs.unlinkSync(destination);
  } catch (error) {
    return `Could not remove the earlier ${shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): delete it so no later step can ship it.`;
  }
  return `Removed the earlier ${shown} so no later step can ship it.`;
}
