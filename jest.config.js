// ESM TypeScript through @swc/jest (fastest of the three that work, see FACTS.md).
// Type-checking is its own step: `npm run typecheck`.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/__fixtures__/', '<rootDir>/examples/', '<rootDir>/dist/'],
  testTimeout: 60000,
  // Jest's default is one worker fewer than the cores: on a 2-core runner that is one. The suites
  // share nothing but temp folders of their own, so every core runs a worker.
  maxWorkers: '100%',
};
