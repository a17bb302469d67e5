// Builds dist/index.js (the action) and dist/cli.js (the CLI): ESM for node20+, with every
// dependency inside so dist/ runs with no node_modules. Shared code goes in one chunk.
// The four fixes a madge bundle needs are in FACTS.md; each is marked below.
import { build } from 'esbuild';
import fs from 'node:fs';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
fs.rmSync('dist', { recursive: true, force: true });

await build({
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
  alias: { '@vue/compiler-sfc': './scripts/stubs/vue-compiler-sfc.cjs' },
  define: { __SHIPSET_VERSION__: JSON.stringify(pkg.version) },
  banner: {
    js: [
      // 2. CommonJS dependencies require() builtins; 3. typescript reads __filename/__dirname at load.
      "import { createRequire as __shipsetCreateRequire } from 'node:module';",
      "import { fileURLToPath as __shipsetFileURLToPath } from 'node:url';",
      "import { dirname as __shipsetDirname } from 'node:path';",
      'const require = __shipsetCreateRequire(import.meta.url);',
      'const __filename = __shipsetFileURLToPath(import.meta.url);',
      'const __dirname = __shipsetDirname(__filename);',
      // 4. walkdir assigns an undeclared `cb`; shipset never hands madge a folder, but declare it anyway.
      'var cb;',
    ].join('\n'),
  },
});
