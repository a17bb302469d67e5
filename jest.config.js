// ESM TypeScript through @swc/jest. Jest 30 runs these ESM tests (NODE_OPTIONS=--experimental-vm-modules,
// .ts treated as ESM, `.js` stripped from relative imports) with any of ts-jest's default-esm preset,
// babel-jest or @swc/jest; measured when this was set up, @swc/jest was the fastest, and ts-jest was
// ~6x slower unless isolatedModules is on. None of them type-checks: that is `npm run typecheck`.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022', experimental: { keepImportAttributes: true } }, module: { type: 'es6' } },
    ],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/__fixtures__/', '<rootDir>/examples/', '<rootDir>/dist/'],
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: on a 2-core runner that is one. The suites
  // share nothing but temp folders of their own, so every core runs a worker.
  maxWorkers: '100%',
};
