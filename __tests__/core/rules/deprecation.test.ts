import { afterAll, describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { deprecationOf, globMarker, headerMarker, nameMarker, nameParts } from '../../../src/core/rules/deprecation.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';

afterAll(cleanupFixtures);

describe('nameParts', () => {
  it('splits on _ - . space and case changes', () => {
    expect(nameParts('claude_mcp_DEPRECATED_nov5')).toEqual(['claude', 'mcp', 'DEPRECATED', 'nov5']);
    expect(nameParts('formatOld')).toEqual(['format', 'Old']);
    expect(nameParts('api.legacy')).toEqual(['api', 'legacy']);
    expect(nameParts('foo copy')).toEqual(['foo', 'copy']);
    expect(nameParts('XMLParser-v2')).toEqual(['XML', 'Parser', 'v2']);
  });
});

describe('nameMarker', () => {
  it.each([
    'claude_mcp_DEPRECATED_nov5.py',
    'src/obsolete-helpers.ts',
    'src/helpersObsolete.ts',
    'src/deprecatedApi.ts',
    'src/api.old.ts',
    'src/format_old.ts',
    'src/server.bak.js',
    'src/foo copy.js',
    'src/foo copy 2.js',
    'src/foo.js~',
    'src/config.orig.ts',
    'src/report (1).ts',
    'src/report(2).js',
    'lib/deprecated/x.js',
    'obsolete/x.js',
    'src/FORMAT_OLD.ts',
    'src/Report COPY.ts',
    // The Kelvin sign lowercases to k (the parts are compared lowercased), which /bak/i does not match.
    'src/server.ba\u212A.js',
  ])('%s has a strong mark (error)', (file) => {
    expect(nameMarker(file)).toEqual({ reason: expect.any(String), strength: 'strong' });
  });

  it.each([
    'legacy_prompts.py',
    'src/api.legacy.ts',
    'src/legacy.ts',
    'src/legacy/api.ts',
    'src/archive/handler.ts',
    'src/old/handler.ts',
    'backup/handler.py',
    'src/Legacy/x.ts',
  ])('%s has a weak mark (warn)', (file) => {
    expect(nameMarker(file)).toEqual({ reason: expect.any(String), strength: 'weak' });
  });

  it.each([
    'src/deepCopy.ts',
    'src/db-backup.ts',
    'src/find-unused.ts',
    'src/formatOld.ts', // camelCase is split only to find deprecated / obsolete
    'src/format-old.ts', // old after '-' is a word of the name
    'src/legacyApi.ts',
    'src/helpers-backup.ts',
    'src/utils_unused.ts',
    'src/old-school.ts',
    'src/oldSchool.ts',
    'src/copyright.ts',
    'src/bold.ts',
    'src/holder.ts',
    'src/unusedVars_check.ts',
    'src/backup_scheduler.ts',
    'src/my_legacy_adapter.ts', // 'legacy' in the middle
    'src/legacyish.ts',
    'src/deprecation.ts',
    'src/core/rules/deprecated.ts', // a module about deprecation, not a deprecated module
    'src/Obsolete.ts',
    'src/obsoleteness.ts',
    'src/oldies/x.ts', // folder is not exactly 'old'
    'src/archives/x.ts',
    'src/legacy-code/x.ts',
    'src/copy_file.ts',
    'src/copy.ts',
    'src/backup.ts',
    'src/old.ts', // a name before the marker is needed
    'src/index.ts',
    'src/step1.ts',
  ])('%s is not marked', (file) => {
    expect(nameMarker(file)).toBeUndefined();
  });

  it('says which part marks the file', () => {
    expect(nameMarker('src/format_old.ts')?.reason).toBe("its name ends in 'old'");
    expect(nameMarker('claude_mcp_DEPRECATED_nov5.py')?.reason).toBe("its name contains the part 'DEPRECATED'");
    expect(nameMarker('src/legacy/api.ts')?.reason).toBe("it is in a folder named 'legacy'");
    expect(nameMarker('src/legacy/api_old.ts')).toEqual({ reason: "its name ends in 'old'", strength: 'strong' });
  });
});

describe('globMarker', () => {
  it('matches root-relative globs, dot files included', () => {
    expect(globMarker('src/experimental/a.ts', ['src/experimental/**'])).toBe('src/experimental/**');
    expect(globMarker('src/.hidden/a.ts', ['src/**/a.ts'])).toBe('src/**/a.ts');
    expect(globMarker('src/a.ts', ['lib/**', 'src/b.ts'])).toBeUndefined();
  });
});

describe('headerMarker', () => {
  const root = tempDir();
  const header = (file: string, text: string) => {
    writeFiles(root, { [file]: text });
    return headerMarker(path.join(root, file));
  };

  it('finds @deprecated in the leading block comment', () => {
    expect(header('a.ts', '/**\n * Old prompt builder.\n * @deprecated use prompts_v2\n */\n\nimport x from "./x";\n')).toEqual({
      line: 3,
      text: '* @deprecated use prompts_v2',
    });
  });
  it('finds a leading // DEPRECATED line, after a shebang and other comments', () => {
    expect(header('b.js', '#!/usr/bin/env node\n// Server entry\n// DEPRECATED: use server2.js\nimport "./x.js";\n')?.line).toBe(3);
  });
  it('finds a // DEPRECATED line glued to the first import', () => {
    expect(header('c.ts', '// DEPRECATED\nimport x from "./x";\n')?.line).toBe(1);
  });
  it('counts a file-level JSDoc (@file) even when glued to a declaration', () => {
    expect(header('d.ts', '/** @file @deprecated */\nexport const a = 1;\n')?.line).toBe(1);
  });
  it("reads @deprecated glued to the first declaration as that symbol's, not the file's", () => {
    expect(header('e.ts', '/** @deprecated use bar */\nexport function foo() {}\n')).toBeUndefined();
    expect(header('e2.ts', '/**\n * @deprecated\n */\nexport default class A {}\n')).toBeUndefined();
    expect(header('e4.ts', '// helpers\n\n/** Sums.\n * @deprecated use total() */\nconst x = 1;\n')).toBeUndefined();
    expect(header('e4c.ts', '/** @deprecated use v2 */\nexport default { a: 1 };\n')).toBeUndefined();
    expect(header('e4d.ts', '/** @deprecated */\n@Injectable()\nexport class S {}\n')).toBeUndefined();
    expect(header('e4b.ts', '/** @deprecated */\n// eslint-disable-next-line\nasync function f() {}\n')).toBeUndefined();
  });
  it('counts @deprecated detached from the first statement by a blank line, or above a statement that declares nothing', () => {
    expect(header('e10.ts', '/** @deprecated use bar */\n\nexport function foo() {}\n')).toEqual({ line: 1, text: '/** @deprecated use bar */' });
    expect(header('e3.js', '/** @deprecated */\nmodule.exports = {};\n')?.line).toBe(1);
    expect(header('e11.ts', '/** @deprecated */\n')?.line).toBe(1);
  });
  it("ignores a symbol's JSDoc below the first statement, however close to the top", () => {
    expect(header('e8.ts', 'export const a = 1;\n/** @deprecated use bar */\nexport function foo() {}\n')).toBeUndefined();
    expect(header('e9.ts', '/* helpers */ export const a = 1; /** @deprecated */\n')).toBeUndefined();
  });
  it("allows a 'use strict' / 'use client' directive before the header, not other code", () => {
    expect(header('s1.js', "#!/usr/bin/env node\n'use strict';\n/** @deprecated use v2 */\nmodule.exports = {};\n")?.line).toBe(3);
    expect(header('s2.tsx', '"use client"\n\n// DEPRECATED: use Panel2\nexport function Panel() {}\n')?.line).toBe(3);
    expect(header('s3.js', "'not a directive'.length;\n/** @deprecated */\nmodule.exports = {};\n")).toBeUndefined();
  });
  it('reads a header that is cut off at the read limit without failing', () => {
    expect(header('long.ts', `/*\n${' * filler\n'.repeat(3000)} * @deprecated too far down to read\n */\n`)).toBeUndefined();
    expect(header('long2.ts', `/**\n * @deprecated\n${' * filler\n'.repeat(3000)} */\nexport {};\n`)?.line).toBe(2);
  });
  it('counts a header block glued to an import or a bare export list', () => {
    expect(header('e5.ts', '/** @deprecated use v2 */\nimport x from "./x";\n')?.line).toBe(1);
    expect(header('e6.ts', '/** @deprecated use v2 */\nexport {};\n')?.line).toBe(1);
    expect(header('e7.ts', '/** @deprecated use v2 */\nexport * from "./v2";\n')?.line).toBe(1);
  });
  it('ignores @deprecated further down, after the first statement', () => {
    expect(header('f.ts', 'import x from "./x";\n\n/**\n * @deprecated\n */\nexport const y = x;\n// DEPRECATED\n')).toBeUndefined();
  });
  it('ignores comments that merely mention the word', () => {
    expect(header('g.ts', '// Replaces the deprecated v1 client.\n// Not DEPRECATED_FLAGS either.\nexport {};\n')).toBeUndefined();
  });
  it('reads Python # comments and the module docstring', () => {
    expect(header('h.py', '#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# DEPRECATED: use hybrid_sessions\nimport os\n')?.line).toBe(3);
    expect(header('i.py', '"""Hybrid server.\n\nDeprecated: use hybrid_sessions.\n"""\nimport os\n')?.line).toBe(3);
    expect(header('j.py', "'''@deprecated'''\n")?.line).toBe(1);
    expect(header('k.py', '"""Hybrid server."""\n\ndef f():\n    """@deprecated"""\n')).toBeUndefined();
    expect(header('l.py', 'import os\n# DEPRECATED\n')).toBeUndefined();
    expect(header('m.py', '"""Hybrid server."""\n\n# DEPRECATED: use hybrid_sessions\nimport os\n')?.line).toBe(3);
    expect(header('n.py', '"""Hybrid server."""\n"""@deprecated"""\n')).toBeUndefined();
    expect(header('o.py', '# helpers\ndef f():\n    """@deprecated"""\n')).toBeUndefined();
  });
  it('gives nothing for a missing file', () => {
    expect(headerMarker(path.join(root, 'missing.ts'))).toBeUndefined();
  });
});

describe('deprecationOf', () => {
  it('prefers the glob, then the header, then the name', () => {
    const root = tempDir();
    writeFiles(root, { 'src/a_old.ts': '// DEPRECATED\n', 'src/b.ts': 'export {};\n' });
    expect(deprecationOf(root, 'src/a_old.ts', ['src/a_*.ts'])?.reason).toBe("it matches the deprecated glob 'src/a_*.ts'");
    expect(deprecationOf(root, 'src/a_old.ts', [])).toEqual({ reason: "its header says '// DEPRECATED'", line: 1, strength: 'strong' });
    writeFiles(root, { 'src/a_old.ts': 'export {};\n' });
    expect(deprecationOf(root, 'src/a_old.ts', [])?.reason).toBe("its name ends in 'old'");
    expect(deprecationOf(root, 'src/b.ts', [])).toBeUndefined();
  });
});
