// The quick tsconfig reader (get-tsconfig plus our own walk of the `extends` chain, no TypeScript)
// must give exactly what TypeScript's config parser gives, field by field, for every config it
// takes; everything else it must leave to TypeScript. Differential: every tsconfig of the
// fixtures, plus configs written here for the features the settings depend on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { TS_OPTIONS, type OptionType } from '../../../../src/core/graph/js/ts-options.js';
import { loadTypeScript, type TsSettings, typescriptSettings } from '../../../../src/core/graph/js/tsconfig.js';
import { parseJsonc, quickSettings } from '../../../../src/core/graph/js/tsconfig-quick.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../../helpers/fixture.js';

beforeAll(loadTypeScript);
afterAll(cleanupFixtures);

/** Every field resolution and scanning read, with the lazy ones (rootDir, fileNames) evaluated. */
function fields(s: TsSettings) {
  return {
    file: s.file,
    extendsChain: s.extendsChain,
    baseUrl: s.baseUrl,
    paths: s.paths,
    pathsBase: s.pathsBase,
    outDir: s.outDir,
    rootDir: s.rootDir,
    rootDirSet: s.rootDirSet,
    verbatimModuleSyntax: s.verbatimModuleSyntax,
    preserveValueImports: s.preserveValueImports,
    emitDecoratorMetadata: s.emitDecoratorMetadata,
    moduleFormat: s.moduleFormat,
    jsxRuntime: s.jsxRuntime,
    jsxImportSource: s.jsxImportSource,
    jsxFactory: s.jsxFactory,
    jsxFragmentFactory: s.jsxFragmentFactory,
    allowJs: s.allowJs,
    fileNames: [...s.fileNames].sort(),
    references: s.references,
    notices: s.notices,
  };
}

/** Both readers on one config: the quick answer (or undefined when it declines) and TypeScript's. */
function both(root: string, rel: string) {
  const file = path.join(root, rel);
  const typescript = typescriptSettings(root, file, rel);
  const quick = quickSettings(root, file, () => typescript.fileNames);
  return { quick: quick && fields(quick), typescript: fields(typescript) };
}

function fixtureConfigs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...fixtureConfigs(abs));
    else if (/^[tj]sconfig.*\.json$/.test(entry.name)) out.push(abs);
  }
  return out.sort();
}

describe('quick tsconfig reader vs TypeScript', () => {
  it("knows TypeScript's compiler options and their types (ts-options.ts is up to date)", () => {
    const typeOf = (o: { type: unknown; element?: unknown }): OptionType =>
      typeof o.type === 'string'
        ? o.type === 'list' || o.type === 'listOrElement'
          ? { list: typeOf(o.element as { type: unknown }) }
          : (o.type as OptionType)
        : [...(o.type as Map<string, unknown>).keys()].sort();
    const declarations = (ts as unknown as { optionDeclarations: Array<{ name: string; type: unknown; element?: unknown; isCommandLineOnly?: boolean }> })
      .optionDeclarations;
    const expected = Object.fromEntries(
      declarations
        .filter((o) => !o.isCommandLineOnly)
        .map((o) => [o.name, typeOf(o)] as const)
        .sort(([a], [b]) => (a < b ? -1 : 1)),
    );
    expect(TS_OPTIONS).toEqual(expected);
  });

  const fixtures = [...fixtureConfigs(path.resolve('__fixtures__')), ...fixtureConfigs(path.resolve('examples'))];
  it('has fixture configs to compare', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
  });
  it.each(fixtures.map((f) => [path.relative(process.cwd(), f)]))('%s', (rel) => {
    const file = path.resolve(rel);
    const { quick, typescript } = both(path.dirname(file), path.basename(file));
    expect(quick).toEqual(typescript);
  });

  const cases: Array<[string, Record<string, string>]> = [
    [
      'extends chain (nested, array, without .json), paths from a base without baseUrl',
      {
        'tsconfig.json':
          '{ // comment\n "extends": ["./config/base", "./config/jsx.json"],\n "compilerOptions": { "outDir": "out", "module": "NodeNext", }, "include": ["src"] }',
        'config/base.json': '{ "extends": "./deeper/root.json", "compilerOptions": { "paths": { "@x/*": ["../src/x/*"] }, "allowJs": true } }',
        'config/deeper/root.json': '{ "compilerOptions": { "target": "ES5", "rootDir": "../../src", "verbatimModuleSyntax": true } }',
        'config/jsx.json': '{ "compilerOptions": { "jsx": "react-jsx", "jsxImportSource": "preact" } }',
        'src/a.ts': 'export {};\n',
      },
    ],
    [
      'baseUrl set in a base, overridden paths, decorators, classic JSX, importsNotUsedAsValues',
      {
        'tsconfig.json':
          '{ "extends": "./base.json", "compilerOptions": { "paths": { "~/*": ["*"] }, "experimentalDecorators": true, "emitDecoratorMetadata": true, "jsx": "react", "jsxFactory": "h", "jsxFragmentFactory": "Fragment", "importsNotUsedAsValues": "preserve" } }',
        'base.json': '{ "compilerOptions": { "baseUrl": "./lib", "paths": { "@/*": ["./*"] }, "module": "commonjs" } }',
        'lib/a.ts': 'export {};\n',
      },
    ],
    [
      'rootDir inferred (outDir without rootDir), target only (no module)',
      {
        'tsconfig.json': '{ "compilerOptions": { "outDir": "dist", "target": "es2020", "preserveValueImports": true } }',
        'src/app/a.ts': 'export {};\n',
        'src/app/b/c.ts': 'export {};\n',
        'src/app/types.d.ts': 'export {};\n',
      },
    ],
    ['jsconfig defaults (allowJs)', { 'jsconfig.json': '{ "compilerOptions": { "baseUrl": "." } }', 'a.js': '' }],
    ['composite', { 'tsconfig.json': '{ "compilerOptions": { "composite": true, "outDir": "o", "jsx": "react-jsxdev" } }', 'src/a.tsx': '' }],
  ];
  it.each(cases)('%s', (_name, files) => {
    const root = tempDir();
    writeFiles(root, files);
    const config = Object.keys(files).find((f) => /^[tj]sconfig\.json$/.test(f))!;
    const { quick, typescript } = both(root, config);
    expect(quick).toBeDefined();
    expect(quick).toEqual(typescript);
  });

  const declined: Array<[string, Record<string, string>]> = [
    ['an extends of a package', { 'tsconfig.json': '{ "extends": "@tsconfig/node20/tsconfig.json" }' }],
    ['references (solution style)', { 'tsconfig.json': '{ "files": [], "references": [{ "path": "./app" }] }', 'app/tsconfig.json': '{}' }],
    ['an unknown option', { 'tsconfig.json': '{ "compilerOptions": { "modul": "commonjs" } }' }],
    ['a value TypeScript rejects', { 'tsconfig.json': '{ "compilerOptions": { "module": "commonjs2" } }' }],
    ['a value of the wrong type', { 'tsconfig.json': '{ "compilerOptions": { "strict": "yes" } }' }],
    ['a lib TypeScript does not have', { 'tsconfig.json': '{ "compilerOptions": { "lib": ["es2099"] } }' }],
    ['broken JSON', { 'tsconfig.json': '{ "compilerOptions": { "strict": true }' }],
    ['a missing base', { 'tsconfig.json': '{ "extends": "./nope.json" }' }],
    ['an extends cycle', { 'tsconfig.json': '{ "extends": "./a.json" }', 'a.json': '{ "extends": "./tsconfig.json" }' }],
    ['invalid paths', { 'tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": "src/*" } } }' }],
    ['an option named like an Object.prototype member', { 'tsconfig.json': '{ "compilerOptions": { "constructor": [], "__proto__": [], "toString": [] } }' }],
    [
      '${configDir} in a base (TypeScript 5.5 reads it as the folder of the config being read)',
      {
        'tsconfig.json': '{ "extends": "./base/tsconfig.json" }',
        'base/tsconfig.json': '{ "compilerOptions": { "baseUrl": "${configDir}/src", "paths": { "@/*": ["${configDir}/src/*"] } } }',
      },
    ],
    ['an empty files list', { 'tsconfig.json': '{ "files": [] }' }],
    ['an include ending in **', { 'tsconfig.json': '{ "include": ["src/**"] }' }],
  ];
  it.each(declined)('leaves to TypeScript: %s', (_name, files) => {
    const root = tempDir();
    writeFiles(root, files);
    expect(quickSettings(root, path.join(root, 'tsconfig.json'), () => [])).toBeUndefined();
  });

  it('declines a base outside the root of a config inside it', () => {
    const outside = tempDir();
    writeFiles(outside, { 'base.json': '{ "compilerOptions": { "baseUrl": "." } }' });
    const root = tempDir();
    writeFiles(root, { 'tsconfig.json': JSON.stringify({ extends: path.join(outside, 'base.json') }) });
    expect(quickSettings(root, path.join(root, 'tsconfig.json'), () => [])).toBeUndefined();
  });

  it('parses JSON with comments and trailing commas, and nothing looser', () => {
    expect(parseJsonc('\ufeff{ /* a */ "a": [1, 2,], // b\n "s": "x // not a comment, ]" , }')).toEqual({ a: [1, 2], s: 'x // not a comment, ]' });
    expect(parseJsonc('{ "a": 1 /* open')).toBeUndefined();
    expect(parseJsonc("{ 'a': 1 }")).toBeUndefined();
    expect(parseJsonc('{ "a": "\\"", }')).toEqual({ a: '"' });
  });
});
