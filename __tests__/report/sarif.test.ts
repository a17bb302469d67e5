// The SARIF reporter against the official SARIF 2.1.0 schema (as shipped by Microsoft's
// @microsoft/jest-sarif), and uploaded the way github/codeql-action/upload-sarif does it
// (gzip + base64 in `sarif`, with commit_sha and ref) to a loopback stand-in for the endpoint.
import { describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Finding, Manifest } from '../../src/core/types.js';
import { renderSarif, type SarifRule } from '../../src/report/sarif.js';

const schema = JSON.parse(fs.readFileSync('node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', 'utf8'));
// ajv-draft-04 is CommonJS; the official schema is draft-04 and has one pattern that is not valid in unicode mode.
const Ajv = createRequire(import.meta.url)('ajv-draft-04') as new (o: object) => {
  compile(s: object): ((d: unknown) => boolean) & { errors?: unknown[] | null };
};
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);

const RULES: SarifRule[] = [
  { name: 'stale', defaultLevel: 'error', why: 'A file is imported while a newer replacement sits beside it, imported by nothing.' },
  { name: 'undeclared', defaultLevel: 'error', why: 'A package is imported at run time but not declared.' },
  { name: 'circular', defaultLevel: 'off', why: 'An import cycle among reachable files.' },
];

function finding(over: Partial<Finding>): Finding {
  return { rule: 'stale', level: 'error', file: 'src/server.ts', line: 3, column: 20, chain: ['src/index.ts', 'src/server.ts'], message: 'm', ...over };
}

function manifest(findings: Finding[]): Manifest {
  return {
    schema: 1,
    tool: { name: 'shipset', version: '0.1.0' },
    root: '.',
    entries: ['src/index.ts'],
    files: [],
    dormant: [],
    packages: {},
    findings,
    notices: ['the clone is shallow'],
    tarball: null,
  } as unknown as Manifest;
}

const findings: Finding[] = [
  finding({ target: 'src/a.ts', message: 'src/server.ts:3 imports ./a.js, but src/a_v2.ts is newer', sites: [{ file: 'src/jobs.ts', line: 8, column: 1 }] }),
  finding({
    rule: 'undeclared',
    file: 'src/db client#1.ts',
    line: 1,
    specifier: 'pg',
    level: 'warn',
    message: 'pg \u001b[31m is not declared\r\n::warning::x',
    suppressed: { by: 'inline', reason: 'vendored' },
  }),
  finding({ rule: 'undeclared', file: 'src/x.ts', line: 0, chain: ['src/x.ts'], specifier: 'lodash', message: 'lodash', suppressed: { by: 'baseline' } }),
];

describe('renderSarif', () => {
  const log = JSON.parse(renderSarif(manifest(findings), { rules: RULES, rootInRepository: 'apps/api' }));

  it('validates against the SARIF 2.1.0 schema', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check is real: a log with a wrong level or a line 0 fails it', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(broken)).toBe(false);
  });

  it('lists every rule with its help and default level, results point at their rule', () => {
    const driver = log.runs[0].tool.driver;
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(['stale', 'undeclared', 'circular']);
    expect(driver.rules[2].defaultConfiguration).toEqual({ enabled: false, level: 'none' });
    expect(driver.rules[0].help.text).toContain('newer replacement');
    expect(log.runs[0].results.map((r: { ruleId: string; ruleIndex: number }) => [r.ruleId, r.ruleIndex])).toEqual([
      ['stale', 0],
      ['undeclared', 1],
      ['undeclared', 1],
    ]);
  });

  it('places results by repository-relative URIs, encoded, with line and column (line >= 1)', () => {
    const [stale, pg, lodash] = log.runs[0].results;
    expect(stale.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'apps/api/src/server.ts', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 20 },
    });
    expect(pg.locations[0].physicalLocation.artifactLocation.uri).toBe('apps/api/src/db%20client%231.ts');
    expect(lodash.locations[0].physicalLocation.region.startLine).toBe(1);
  });

  it('gives the other import sites as related locations and the chain as a code flow', () => {
    const [stale] = log.runs[0].results;
    expect(stale.relatedLocations).toHaveLength(1);
    expect(stale.relatedLocations[0].physicalLocation.region.startLine).toBe(8);
    const flow = stale.codeFlows[0].threadFlows[0].locations.map(
      (l: { location: { physicalLocation: { artifactLocation: { uri: string } } } }) => l.location.physicalLocation.artifactLocation.uri,
    );
    expect(flow).toEqual(['apps/api/src/index.ts', 'apps/api/src/server.ts']);
  });

  it('keeps suppressed findings, marked as suppressions (inline = inSource, baseline = external)', () => {
    const [, pg, lodash] = log.runs[0].results;
    expect(pg.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'vendored' }]);
    expect(lodash.suppressions[0].kind).toBe('external');
  });

  it('carries no control characters from the repository into the log', () => {
    const [, pg] = log.runs[0].results;
    expect(pg.message.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(pg.message.text).toContain('\\x1b[31m');
  });

  it('gives a fact the same fingerprint when its line moves', () => {
    const moved = JSON.parse(renderSarif(manifest([{ ...findings[0], line: 40 }]), { rules: RULES, rootInRepository: 'apps/api' }));
    expect(moved.runs[0].results[0].partialFingerprints).toEqual(log.runs[0].results[0].partialFingerprints);
  });

  it('uploads as upload-sarif does, to a loopback code-scanning endpoint that accepts it', async () => {
    const received: Array<{ url: string; body: Record<string, string> }> = [];
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const body = JSON.parse(data) as Record<string, string>;
        received.push({ url: req.url ?? '', body });
        const sarif = JSON.parse(gunzipSync(Buffer.from(body.sarif, 'base64')).toString('utf8'));
        const ok = validate(sarif) && /^[0-9a-f]{40}$/.test(body.commit_sha) && body.ref.startsWith('refs/');
        res.writeHead(ok ? 202 : 400, { 'content-type': 'application/json' });
        res.end(JSON.stringify(ok ? { id: 'upload-1', url: 'http://127.0.0.1/x' } : { message: 'invalid' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const sarif = renderSarif(manifest(findings), { rules: RULES, rootInRepository: '' });
      const response = await fetch(`http://127.0.0.1:${port}/repos/acme/shop/code-scanning/sarifs`, {
        method: 'POST',
        headers: { authorization: 'token t', 'content-type': 'application/json' },
        body: JSON.stringify({ commit_sha: 'a'.repeat(40), ref: 'refs/pull/7/merge', sarif: gzipSync(sarif).toString('base64'), tool_name: 'shipset' }),
      });
      expect(response.status).toBe(202);
      expect(received.map((r) => r.url)).toEqual(['/repos/acme/shop/code-scanning/sarifs']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
