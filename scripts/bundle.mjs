// Builds dist/index.js (the action) and dist/cli.js (the CLI): ESM for node20+, with every
// dependency inside so dist/ runs with no node_modules. Shared code goes in one chunk.
// The fixes a madge bundle needs are marked below (see docs/engine.md for why).
// dist/THIRD_PARTY_LICENSES.txt lists every package inside the bundle with its licence text.
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
// Imported only by precinct and filing-cabinet (checked against the metafile when this was written).
const MADGE_UNUSED = [
  'detective-amd',
  'detective-cjs',
  'detective-es6',
  '@dependents/detective-less',
  'detective-postcss',
  'detective-sass',
  'detective-scss',
  'detective-stylus',
  'detective-vue2',
  'module-definition',
  'sass-lookup',
  'stylus-lookup',
  'module-lookup-amd',
  'enhanced-resolve',
  'resolve',
  'tsconfig-paths',
  'app-module-path',
  'resolve-dependency-path',
];
fs.rmSync('dist', { recursive: true, force: true });

const result = await build({
  metafile: true,
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // 1. precinct's Vue detective: a stub instead of the template engines it cannot bundle.
  // 5. precinct's TypeScript detective: never called (shipset's scan answers for every file), so a
  //    stub keeps typescript-estree out of the bundle and out of every run's start-up.
  // 6. The rest of precinct's detectives and filing-cabinet's lookups: shipset answers them (see the stub).
  alias: {
    '@vue/compiler-sfc': './scripts/stubs/vue-compiler-sfc.cjs',
    'detective-typescript': './scripts/stubs/detective-typescript.cjs',
    ...Object.fromEntries(MADGE_UNUSED.map((name) => [name, './scripts/stubs/madge-unused.cjs'])),
  },
  define: { __SHIPSET_VERSION__: JSON.stringify(pkg.version) },
  // 5. @vercel/nft pulls in @mapbox/node-pre-gyp, whose S3 publishing and test mocks (never run
  // by a trace) require packages that are not installed, and whose command table globs an .html file.
  external: ['aws-sdk', 'nock', 'mock-aws-s3'],
  loader: { '.html': 'empty' },
  banner: {
    js: [
      // 2. CommonJS dependencies require() builtins; 3. typescript reads __filename/__dirname at load.
      "import { createRequire as __shipsetCreateRequire } from 'node:module';",
      "import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';",
      "import { dirname as __shipsetDirname } from 'node:path';",
      'const require = __shipsetCreateRequire(import.meta.url);',
      'const __filename = __shipsetFileURLToPath(import.meta.url);',
      'const __dirname = __shipsetDirname(__filename);',
      // 4. walkdir assigns an undeclared `cb`; shipset never hands madge a folder, but make the
      // name resolvable anyway. A global property, not `var cb`: the minifier does not see the
      // banner and may name a top-level function `cb` in a chunk, which `var cb` would redeclare.
      "if (!('cb' in globalThis)) globalThis.cb = undefined;",
    ].join('\n'),
  },
});

writeThirdPartyLicenses(result.metafile, 'dist/THIRD_PARTY_LICENSES.txt');

/**
 * The licence of every npm package whose code esbuild put into dist/, read from its package.json
 * and LICENSE file, sorted by name: the bundle redistributes that code, so it carries the notices.
 * Deterministic (same node_modules -> same bytes), so CI's "dist/ is in sync" check covers it.
 */
function writeThirdPartyLicenses(metafile, out) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.split('\\').join('/'));
    if (!m) continue;
    const dir = input.slice(0, m.index + m[0].length - 1);
    if (!packages.has(dir)) packages.set(dir, m[1]);
  }
  const entries = new Map();
  for (const [dir, name] of packages) {
    const pkg = JSON.parse(fs.readFileSync(`${dir}/package.json`, 'utf8'));
    const license = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see package');
    const file = fs
      .readdirSync(dir)
      .filter((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f))
      .sort()[0];
    const text = file ? fs.readFileSync(`${dir}/${file}`, 'utf8').trim() : `(no licence file in the package; package.json says ${license})`;
    entries.set(`${name}@${pkg.version}`, { license, text });
  }
  const names = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const body = names.map((n) => `${'='.repeat(72)}\n${n} (${entries.get(n).license})\n${'='.repeat(72)}\n${entries.get(n).text}\n`).join('\n');
  fs.writeFileSync(out, `Third-party software bundled in shipset's dist/ (${names.length} packages).\n\n${body}`);
}
