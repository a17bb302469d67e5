// The pack stage: select the files, write the reproducible tarball, verify it is closed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Finding, ManifestFile, ModuleGraph, Options, TarballInfo } from '../types.js';
import { UsageError } from '../types.js';
import { closureFindings } from './closure.js';
import { compareCodeUnits, displayBase, displayPath, normalizePrefix, realFileInside } from './paths.js';
import { archivedFiles, createArchive, packMtime } from './tarball.js';
import { tarballTarget } from './destination.js';
import { writeAll, writeThroughTemp } from '../safe-write.js';

export { selectFiles } from './select.js';
export { checkTarballPath, tarballTarget } from './destination.js';
export { parseSourceDateEpoch } from './tarball.js';
export { isSecretPath, secretMatch } from './secrets.js';
export { closureFindings } from './closure.js';

/**
 * Self-contained packing: add the node_modules files the set loads (traced with @vercel/nft) to
 * `files`, in place and in path order. Returns the notices of the trace.
 */
export async function addDependencyFiles(files: ManifestFile[], graph: ModuleGraph): Promise<string[]> {
  // Loaded here, not at the top: @vercel/nft and its parser are only for --node-modules runs.
  const { dependencyFiles } = await import('./dependencies.js');
  const traced = await dependencyFiles(graph, new Set(files.map((f) => f.path)));
  files.push(...traced.files);
  files.sort((a, b) => compareCodeUnits(a.path, b.path));
  return traced.notices;
}

/**
 * Write the reproducible tarball of `files` to options.tarball through the safe-write helper
 * (temp file beside it, verified, renamed into place), and check its closure on the archive as
 * written. Returns the tarball, or null with the closure findings when the archive would not be
 * closed (nothing is written then). Throws UsageError for a path that cannot take the archive.
 */
export async function writeTarball(files: ManifestFile[], graph: ModuleGraph, options: Options): Promise<{ tarball: TarballInfo | null; findings: Finding[] }> {
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
  const mtime = packMtime(root, options.sourceDateEpoch);

  if (!paths.length) {
    const findings = closureFindings(files, new Set(), graph, options);
    if (findings.length) return { tarball: null, findings };
    throw new UsageError(`nothing to pack: no reachable or included file under ${root}. Check the entries and the include/exclude globs.`);
  }

  let findings: Finding[] = [];
  let written = { bytes: 0, sha256: '', contentSha256: '' };
  // Never overwrite a file the run read (a source named as --out).
  const reads = [...paths, ...graph.files.keys()].map((rel) => path.join(root, rel));
  const kept = await writeThroughTemp(tarballTarget(options, reads), async (fd, temp) => {
    const archive = await createArchive({ root, paths, prefix, mtime });
    writeAll(fd, archive.data);
    const archived = await archivedFiles(temp, prefix);
    findings = closureFindings(files, new Set(archived.keys()), graph, options);
    if (findings.length) return false;
    // The manifest's hashes are of the bytes the analysis read; tar read the files again. A file
    // written in between (a build step running beside shipset) would ship bytes nobody checked.
    const changed = files.filter((f) => archived.has(f.path) && archived.get(f.path) !== f.sha256).map((f) => f.path);
    if (changed.length) {
      const list = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
      throw new UsageError(
        `${list} changed while shipset ran (the bytes packed differ from the ones checked): no tarball was written. Run shipset again once no other step writes to the project.`,
      );
    }
    written = { bytes: archive.data.length, sha256: createHash('sha256').update(archive.data).digest('hex'), contentSha256: archive.contentSha256 };
    return true;
  });
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
  // Only a path the user chose (flag, input, default) is shipset's to clear: a path from the
  // config file may name any file (a pull request edits the config; the action ignores it).
  if (options.tarballFromConfig) {
    return `Left the earlier ${shown} in place: its path comes from the config file, so shipset cannot tell that it wrote it. Delete it so no later step can ship it.`;
  }
  try {
    fs.unlinkSync(destination);
  } catch (error) {
    return `Could not remove the earlier ${shown} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): delete it so no later step can ship it.`;
  }
  return `Removed the earlier ${shown} so no later step can ship it.`;
}
