// Do what a deploy does with a tarball: unpack it into an empty folder, run the package manager's
// frozen production install (offline: tests never reach a registry), start the service with its
// own start command on 127.0.0.1, and request a path until it answers. Always stops the service.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import * as tar from 'tar';

/** Unpack a .tar.gz into `dir` (made if missing); returns the list of archive paths. */
export async function unpack(tarball: string, dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const entries: string[] = [];
  await tar.x({ file: tarball, cwd: dir, onReadEntry: (e) => void entries.push(e.path) });
  return entries.sort();
}

/**
 * `npm <args>` in `dir`, offline (tests never reach a registry), with the cache folder `cache`, no
 * audit, no fund, no install scripts, and without npm's and jest's variables of the test process.
 * Returns stdout; throws with npm's output on failure.
 */
export function npmOffline(dir: string, args: string[], cache: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'NODE_OPTIONS'));
  const r = spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...env, npm_config_cache: cache, npm_config_update_notifier: 'false' },
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed in ${dir} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/** `npm ci --omit=dev` in `dir`, offline, with a cache of its own. Throws with npm's output on failure. */
export function npmCiProduction(dir: string, cache: string): void {
  npmOffline(dir, ['ci', '--omit=dev'], cache);
}

/** The test environment without npm's and jest's variables, with HOME and the XDG folders in `home` (no user config, no shared cache). */
function isolatedEnv(home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && !k.startsWith('YARN_') && k !== 'NODE_OPTIONS'));
  // pnpm and yarn read ci-info: on a CI machine they default to a frozen/immutable lockfile, so a
  // fixture's first install (the one that writes the lockfile) fails there and only there.
  // CI=false turns that detection off; a test that wants immutability passes the flag itself.
  env.CI = 'false';
  const xdg = { XDG_CACHE_HOME: 'cache', XDG_CONFIG_HOME: 'config', XDG_DATA_HOME: 'data', XDG_STATE_HOME: 'state' };
  return { ...env, HOME: home, ...Object.fromEntries(Object.entries(xdg).map(([k, v]) => [k, path.join(home, v)])) };
}

/** A package manager of the repository's devDependencies (node_modules/.bin, no global tool). */
export function repoBin(name: 'pnpm' | 'yarn' | 'tsx'): string {
  const bin = path.resolve('node_modules/.bin', name);
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: it is a devDependency of the repository`);
  return bin;
}

/**
 * Run the repository's pnpm in `dir` with its store, cache and state in `home` and no update check.
 * `args` are pnpm's (e.g. `install --prod --frozen-lockfile --offline`). Throws with pnpm's output on failure.
 */
export function pnpm(dir: string, args: string[], home: string): string {
  const r = spawnSync(repoBin('pnpm'), [...args, '--store-dir', path.join(home, 'store'), '--config.update-notifier=false'], {
    cwd: dir,
    encoding: 'utf8',
    env: isolatedEnv(home),
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`pnpm ${args.join(' ')} failed in ${dir} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Run the repository's yarn (berry) in `dir` with the network off (YARN_ENABLE_NETWORK=0), its
 * cache and global folder in `home`, no telemetry, and `env` on top (e.g. YARN_NODE_LINKER).
 * Throws with yarn's output on failure.
 */
export function yarn(dir: string, args: string[], home: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(repoBin('yarn'), args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...isolatedEnv(home),
      YARN_ENABLE_NETWORK: '0',
      YARN_ENABLE_TELEMETRY: '0',
      YARN_ENABLE_GLOBAL_CACHE: '0',
      YARN_CACHE_FOLDER: path.join(home, 'yarn-cache'),
      YARN_GLOBAL_FOLDER: path.join(home, 'yarn-global'),
      ...env,
    },
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`yarn ${args.join(' ')} failed in ${dir} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function get(port: number, pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, timeout: 1000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/**
 * Start `command` (argv) in `dir` with PORT and HOST=127.0.0.1, request `pathname` until it
 * answers (15 s at most), then stop the whole process group. `pathPrepend` puts a folder first on
 * PATH (a tool the deploy host provides, such as tsx); `env` adds variables (PORT and HOST win).
 */
export async function startAndGet(
  dir: string,
  command: string[],
  pathname: string,
  options: { pathPrepend?: string; env?: Record<string, string> } = {},
): Promise<{ status: number; body: string; output: string }> {
  const port = await freePort();
  const PATH = options.pathPrepend ? `${options.pathPrepend}${path.delimiter}${process.env.PATH}` : process.env.PATH;
  const env: NodeJS.ProcessEnv = {
    ...options.env,
    PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    npm_config_update_notifier: 'false',
  };
  const child = spawn(command[0], command.slice(1), { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited with ${child.exitCode}:\n${output}`);
      try {
        return { ...(await get(port, pathname)), output };
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no answer on port ${port} within 15 s (${(error as Error).message}):\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL'); // npm start runs node as a child: stop the group
      } catch {
        child.kill('SIGKILL');
      }
      await exited;
    }
  }
}

/** The `start` script of the package.json in `dir`, split on spaces (enough for `node src/x.js`). */
export function startScript(dir: string): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  if (!pkg.scripts?.start) throw new Error(`no start script in ${dir}/package.json`);
  return pkg.scripts.start.split(/\s+/);
}
