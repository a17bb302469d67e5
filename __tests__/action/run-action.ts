// Running the action for the tests in this folder: from dist/index.js as the runner does (a copy of
// dist/ with no node_modules), or in-process through helpers/action.ts. Both give the runner's
// view: exit code, log, the GITHUB_OUTPUT values and the job summary.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { runAction as runInProcess } from '../helpers/action.js';
import { cleanEnv, distCopy } from '../helpers/dist.js';
import { gitProject, tempDir } from '../helpers/fixture.js';

export interface ActionRun {
  status: number;
  /** stdout and stderr, in order of arrival. */
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Where runAction runs the action; `entry` names another built index.js (with no node_modules around it). */
export type ActionHost = { dist: true; entry?: string } | { dist: false };

/**
 * Run the action in `workspace` with `inputs` (by input name) and extra environment `env`, as
 * the runner does: GITHUB_WORKSPACE, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files of its own,
 * GITHUB_REPOSITORY octo/shop, GITHUB_API_URL `apiUrl` (default: a closed port), and an empty
 * github-token unless `inputs` gives one. Asynchronous on purpose: an API server of the test lives
 * in this process, and spawnSync would block the event loop it answers on.
 */
export async function runAction(
  host: ActionHost,
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  apiUrl = 'http://127.0.0.1:9',
): Promise<ActionRun> {
  const io = tempDir('shipset-runner-');
  const outputFile = path.join(io, 'output');
  const summaryFile = path.join(io, 'summary');
  fs.writeFileSync(outputFile, '');
  fs.writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]));
  const runnerEnv = {
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'octo/shop',
    GITHUB_API_URL: apiUrl,
    // The runner always provides the action.yml defaults; an empty token means "no API".
    'INPUT_GITHUB-TOKEN': '',
    ...inputEnv,
    ...env,
  };
  let status: number;
  let stdout = '';
  if (host.dist) {
    const child = spawn(process.execPath, [host.entry ?? path.join(distCopy(), 'dist', 'index.js')], { cwd: workspace, env: { ...cleanEnv(), ...runnerEnv } });
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stdout += c));
    status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  } else {
    const r = await runInProcess(workspace, runnerEnv);
    status = r.status;
    stdout = r.stdout + r.stderr;
  }
  return { status, stdout, outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')), summary: fs.readFileSync(summaryFile, 'utf8') };
}

/** GITHUB_OUTPUT holds `name<<DELIM\nvalue\nDELIM` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m; (m = re.exec(text));) out[m[1]] = m[3];
  return out;
}

export function pullRequestEvent(baseSha: string): Record<string, string> {
  const file = path.join(tempDir('shipset-event-'), 'event.json');
  fs.writeFileSync(
    file,
    JSON.stringify({ action: 'synchronize', number: 7, pull_request: { number: 7, base: { sha: baseSha, ref: 'main' }, head: { sha: 'x' } } }),
  );
  return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: file };
}

/** Incident 1: the entry imports the older of two variants; the newer one, ten days later, is dormant. */
export function incidentOne(): string {
  return gitProject([
    {
      date: '2025-11-05T12:00:00Z',
      files: {
        'app/package.json': JSON.stringify({ name: 'mcp', type: 'module', main: 'src/server_hosted.js' }),
        'app/src/server_hosted.js': "// hosted entry\nimport { mcp } from './claude_mcp_hybrid.js';\nmcp();\n",
        'app/src/claude_mcp_hybrid.js': 'export function mcp() {}\n',
      },
    },
    { date: '2025-11-15T12:00:00Z', files: { 'app/src/claude_mcp_hybrid_sessions.js': 'export function mcp() { /* fixed */ }\n' } },
  ]);
}
