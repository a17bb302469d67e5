// Self-contained packing: the production dependency closure, at file level, traced from the
// installed node_modules with @vercel/nft (the tracer Vercel and Next.js use to ship functions:
// it follows require/import through packages' own code, `exports` conditions, JSON, and native
// addons loaded through bindings/node-gyp-build). shipset's own graph decides what of the
// project runs; nft is asked only about packages: each reachable file is shown to it as the list
// of its package imports, so project code is never parsed twice nor by a second parser.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { nodeFileTrace } from '@vercel/nft';
import type { ManifestFile, ModuleGraph } from '../types.js';
import { compareCodeUnits, isSafeRelative, realFileInside } from './paths.js';
import { secretMatch } from './secrets.js';

/**
 * The files under node_modules that the reachable set loads at run time, each at the path Node
 * resolves it from (a pnpm symlink `node_modules/x` becomes regular files under that path, as
 * well as under its real `.pnpm` folder, so resolution from both places works after unpacking).
 * Returns manifest entries (reason 'dependency') not already in `have`, and notices for what was
 * left out (outside the root, secrets, unreadable).
 */
export async function dependencyFiles(graph: ModuleGraph, have: Set<string>): Promise<{ files: ManifestFile[]; notices: string[] }> {
  const root = graph.root;
  const notices: string[] = [];
  const synthetic = new Map<string, string>();
  for (const node of graph.files.values()) {
    const lines: string[] = [];
    for (const edge of node.edges) {
      if (edge.class !== 'package' || !edge.packageName) continue;
      const spec = JSON.stringify(edge.specifier);
      lines.push(edge.kind === 'require' ? `require(${spec});` : `import ${spec};`);
    }
    if (lines.length) synthetic.set(path.join(root, node.path), lines.join('\n') + '\n');
  }
  const workspaceCopies = workspaceMirrors(graph, have);
  if (!synthetic.size && !workspaceCopies.length) return { files: [], notices };

  const traced = !synthetic.size
    ? { fileList: new Set<string>() }
    : await nodeFileTrace([...synthetic.keys()], {
        base: root,
        processCwd: root,
        mixedModules: true,
        conditions: ['node', 'module-sync', 'import', 'require', 'default'],
        readFile: async (abs: string) => {
          const own = synthetic.get(abs);
          if (own !== undefined) return own;
          // Project files reach nft only as import lists; everything it reads itself is a package file.
          if (!abs.split(path.sep).includes('node_modules')) return null;
          try {
            return await fs.promises.readFile(abs);
          } catch {
            return null;
          }
        },
      });

  const inModules = [...traced.fileList].map((p) => p.split(path.sep).join('/')).filter((rel) => rel.split('/').includes('node_modules'));
  const outside = inModules.filter((rel) => !isSafeRelative(rel));
  if (outside.length) {
    notices.push(
      `--node-modules: ${outside.length} dependency file(s) resolve outside the root (${outside.slice(0, 3).join(', ')}): nothing outside the root is packed. Install the dependencies inside the root (a workspace's hoisted node_modules: pack from the workspace root).`,
    );
  }
  const inside = inModules.filter(isSafeRelative);
  // Files under a symlinked package folder: mirror them to the link's path (Node resolves from there).
  const realFiles = new Set<string>();
  const linkedDirs: Array<{ link: string; real: string }> = [];
  for (const rel of inside) {
    const abs = path.join(root, rel);
    const stat = fs.lstatSync(abs, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isSymbolicLink()) {
      const real = safeRealpath(abs);
      const realRel = real && path.relative(root, real).split(path.sep).join('/');
      if (!realRel || !isSafeRelative(realRel)) continue;
      if (fs.statSync(real!).isDirectory()) linkedDirs.push({ link: rel, real: realRel });
      else realFiles.add(rel);
    } else if (stat.isFile()) realFiles.add(rel);
  }
  const wanted = new Set([...realFiles, ...workspaceCopies]);
  for (const { link, real } of linkedDirs) {
    for (const rel of realFiles) if (rel.startsWith(real + '/')) wanted.add(link + rel.slice(real.length));
  }

  const files: ManifestFile[] = [];
  let secrets = 0;
  for (const rel of [...wanted].sort(compareCodeUnits)) {
    if (have.has(rel)) continue;
    if (secretMatch(root, rel)) {
      secrets++;
      continue;
    }
    const found = realFileInside(root, rel);
    if (!found) continue;
    const data = fs.readFileSync(found.real);
    files.push({ path: rel, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), reason: 'dependency', via: null });
  }
  if (secrets) notices.push(`--node-modules: left out ${secrets} dependency file(s) named like secrets (.env, .npmrc): secrets never ship.`);
  return { files, notices };
}

/**
 * Workspace packages the set imports by name are installed as `node_modules/<name>` links into
 * the workspace. A tarball holds regular files only, so a self-contained one carries the packed
 * files of each such package again under the link's path, where Node looks for it.
 */
function workspaceMirrors(graph: ModuleGraph, have: Set<string>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  for (const node of graph.files.values()) {
    for (const edge of node.edges) {
      if (!edge.workspace) continue;
      for (let dir = path.posix.dirname(node.path); ; dir = path.posix.dirname(dir)) {
        const link = `${dir === '.' ? '' : dir + '/'}node_modules/${edge.workspace}`;
        const abs = path.join(graph.root, link);
        if (fs.lstatSync(abs, { throwIfNoEntry: false })) {
          if (!done.has(link)) {
            done.add(link);
            const real = safeRealpath(abs);
            const realRel = real && path.relative(graph.root, real).split(path.sep).join('/');
            if (realRel && isSafeRelative(realRel) && realRel !== '') {
              for (const rel of have) if (rel.startsWith(realRel + '/')) out.push(link + rel.slice(realRel.length));
            }
          }
          break;
        }
        if (dir === '.') break;
      }
    }
  }
  return out;
}

function safeRealpath(abs: string): string | undefined {
  try {
    return fs.realpathSync(abs);
  } catch {
    return undefined;
  }
}
