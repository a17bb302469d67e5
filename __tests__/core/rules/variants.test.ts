import { describe, expect, it } from '@jest/globals';
import { familyOf, findVariantPairs, ROLE_SUFFIXES, variantRelation } from '../../../src/core/rules/variants.js';

const roles = new Set<string>(ROLE_SUFFIXES);
const rel = (a: string, b: string, siblings: string[] = [a, b]) => variantRelation(a, b, roles, siblings);

describe('variantRelation', () => {
  it.each([
    ['claude_mcp_hybrid', 'claude_mcp_hybrid_sessions'],
    ['server', 'server-v2'],
    ['api', 'api.new'],
    ['hybrid', 'hybridSessions'],
  ])('%s / %s are variants by a suffix part', (a, b) => {
    expect(rel(a, b)).toEqual(expect.any(Object));
  });

  it.each([
    ['claude_mcp_hybrid_sessions', 'claude_mcp_hybrid'],
    ['server-v2', 'server'],
    ['api.new', 'api'],
    ['db-seed', 'db'],
  ])('%s / %s: a shorter name is never the newer variant of a longer one', (a, b) => {
    expect(rel(a, b)).toBeUndefined();
  });

  it('reads the versions of version variants, a bare name counting as 0', () => {
    expect(rel('api-v1', 'api-v2')).toEqual({ versions: [1, 2] });
    expect(rel('api-v2', 'api-v1')).toEqual({ versions: [2, 1] });
    expect(rel('api', 'api.v2')).toEqual({ versions: [0, 2] });
    expect(rel('server', 'server-v2')).toEqual({ versions: [0, 2] });
    expect(rel('hybrid', 'hybrid_sessions')).toEqual({});
  });

  it.each([
    ['api', 'api.test'],
    ['api', 'api.spec'],
    ['Button', 'Button.stories'],
    ['api', 'api.d'],
    ['db', 'db-mock'],
    ['db', 'db.mocks'],
    ['app', 'app.config'],
    ['user', 'user.schema'],
    ['user', 'user.types'],
    ['app', 'app.module'],
    ['Button', 'Button.styles'],
    ['api', 'api.e2e'],
    ['api', 'api.bench'],
    ['api', 'api.fixtures'],
    ['api', 'api-test-v2'],
    ['app.config', 'app.config.server'],
    ['app.routes', 'app.routes.server'],
    ['environment', 'environment.prod'],
    ['environment', 'environment.production'],
    ['server', 'server-dev'],
    ['schema', 'schema.arbitraries'],
    ['user', 'user.interface'],
    ['project-read-model', 'project-read-model-type'],
    ['db', 'db-seed'],
    ['db', 'db.seeds'],
    ['api', 'api.client'],
    ['api', 'api.worker'],
    ['config', 'config.local'],
    ['render', 'render.edge'],
  ])('%s / %s: role suffixes are never variants', (a, b) => {
    expect(rel(a, b)).toBeUndefined();
  });

  it.each([
    ['step1', 'step2'],
    ['001_init', '002_users'],
    ['m38', 'm75'],
    ['user', 'username'],
    ['api', 'app'],
    ['hybrid', 'hybrid'],
    ['m3', 'm38'],
    ['base', 'base64'],
    ['http', 'http2'],
    ['oauth', 'oauth2'],
    ['sha', 'sha256'],
    ['UserList', 'UserList2'],
    ['api-1', 'api-2'],
  ])('%s / %s are not variants', (a, b) => {
    expect(rel(a, b)).toBeUndefined();
  });

  it('the bare stem is not a variant of a numbered series member', () => {
    expect(rel('step', 'step2', ['step', 'step1', 'step2'])).toBeUndefined();
    expect(rel('migrate', 'migrate-2', ['migrate', 'migrate-1', 'migrate-2'])).toBeUndefined();
    expect(rel('migrate', 'migrate-2', ['migrate', 'migrate-2'])).toEqual({ versions: [0, 2] });
  });

  it('honours extra ignore words', () => {
    expect(variantRelation('api', 'api.lambda', new Set([...roles, 'lambda']), [])).toBeUndefined();
    expect(rel('api', 'api.lambda')).toEqual({});
  });
});

describe('familyOf', () => {
  it('puts all JS/TS extensions in one family and Python in another; declarations in none', () => {
    expect(['a.js', 'a.jsx', 'a.ts', 'a.tsx', 'a.mjs', 'a.cjs', 'a.mts', 'a.cts'].map(familyOf)).toEqual(Array(8).fill('js'));
    expect(familyOf('a.py')).toBe('py');
    expect(familyOf('a.d.ts')).toBeUndefined();
    expect(familyOf('a.json')).toBeUndefined();
  });
});

describe('findVariantPairs', () => {
  it('pairs a reachable file with unreachable variants in the same folder and family only', () => {
    const pairs = findVariantPairs(
      new Set(['src/hybrid.ts', 'src/index.ts']),
      ['src/hybrid.ts', 'src/hybrid_sessions.js', 'src/hybrid.test.ts', 'src/hybrid_v2.py', 'lib/hybrid_sessions.ts', 'src/index.ts'],
      [],
    );
    expect(pairs.map((p) => [p.current, p.variant])).toEqual([['src/hybrid.ts', 'src/hybrid_sessions.js']]);
  });

  it('gives nothing when both variants are reachable', () => {
    expect(findVariantPairs(new Set(['src/a.ts', 'src/a_v2.ts']), ['src/a.ts', 'src/a_v2.ts'], [])).toEqual([]);
  });

  it('takes extra ignore words from the options, case-insensitively', () => {
    expect(findVariantPairs(new Set(['src/a.ts']), ['src/a.ts', 'src/a.lambda.ts'], ['Lambda'])).toEqual([]);
  });
});
