// The whole run on one screen: options -> graph -> rules -> pack -> result.
import { buildGraph } from './graph/index.js';
import { buildManifest } from './manifest.js';
import { addDependencyFiles, checkTarballPath, closureFindings, removeStaleTarball, selectFiles, writeTarball } from './pack/index.js';
import { runRules } from './rules/index.js';
import { applySuppressions } from './suppress.js';
import type { Finding, Options, Result, TarballInfo } from './types.js';

/** A suppressed finding is reported but does not count: it neither fails the run nor blocks the pack. */
const counts = (f: Finding) => !f.suppressed;

/** Run the pipeline. `cwd` is where displayed paths are relative to (default: options.cwd, else the root); never the process's. */
export async function runPipeline(options: Options, cwd: string = options.cwd ?? options.root): Promise<Result> {
  // A tarball path that cannot take the archive is bad input: say so before the analysis, not after.
  if (options.pack) checkTarballPath(options);
  const graph = await buildGraph(options);
  const rules = await runRules(graph, options);
  let findings = [...rules.findings];
  const notices = (options.notices ?? []).concat(graph.notices, rules.notices);
  const { files, excluded, notices: selectNotices, findings: selectFindings } = selectFiles(graph, options);
  for (const notice of selectNotices) notices.push(notice);
  findings = findings.concat(selectFindings);
  if (options.nodeModules) for (const notice of await addDependencyFiles(files, graph)) notices.push(notice);
  // `check` predicts what `pack` would refuse: an import whose file the package leaves out.
  // concat, not push(...): 130,000 findings spread as arguments would overflow the stack.
  findings = findings.concat(closureFindings(files, new Set(files.map((f) => f.path)), graph, options));
  for (const notice of applySuppressions(findings, options)) notices.push(notice);

  let tarball: TarballInfo | null = null;
  const errorsBeforePack = findings.filter((f) => f.level === 'error' && counts(f)).length;
  if (options.pack && errorsBeforePack > 0) {
    notices.push(`No tarball written: ${errorsBeforePack} error finding(s). A failing set must not ship; fix them (or lower a rule's level) and pack again.`);
  } else if (options.pack) {
    const packed = await writeTarball(files, graph, options);
    tarball = packed.tarball;
    findings = findings.concat(packed.findings);
  }
  // A refused pack must not leave last run's tarball at the path a later step uploads.
  if (options.pack && !tarball) {
    const removed = removeStaleTarball(options);
    if (removed) notices.push(removed);
  }

  const manifest = buildManifest({ graph, files, findings, notices, tarball, cwd });
  return {
    manifest,
    graph,
    excluded,
    errorCount: findings.filter((f) => f.level === 'error' && counts(f)).length,
    warningCount: findings.filter((f) => f.level === 'warn' && counts(f)).length,
  };
}
