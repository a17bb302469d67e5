// The data-folder notice: files code reads from disk (views, templates, public assets, SQL) that no
// import names. Looked for beside shipped code and in the folders above it.
import { afterAll, describe, expect, it } from '@jest/globals';
import { dataFilesNotice, JS_DATA, PYTHON_DATA } from '../../../src/core/graph/data-files.js';
import { cleanupFixtures, tempDir, writeFiles } from '../../helpers/fixture.js';

afterAll(cleanupFixtures);

describe('dataFilesNotice', () => {
  it('Express: app/views/ above the shipped app/controllers/ is named, with the include that adds it', () => {
    const root = tempDir();
    writeFiles(root, {
      'server.js': '',
      'app/controllers/articles.js': '',
      'app/views/articles/index.html': '<h1/>',
      'public/css/app.css': '',
    });
    const notice = dataFilesNotice(root, new Set(['server.js', 'app/controllers/articles.js']), [], JS_DATA);
    expect(notice).toContain('sit beside the shipped JavaScript/TypeScript code: public/, app/views/.');
    expect(notice).toContain("--include 'public/**' --include 'app/views/**'");
    expect(dataFilesNotice(root, new Set(['server.js', 'app/controllers/articles.js']), ['app/views/**', 'public/**'], JS_DATA)).toBeUndefined();
  });

  it('Flask: templates/ beside the package; nothing when every data file ships or none exists', () => {
    const root = tempDir();
    writeFiles(root, { 'app/__init__.py': '', 'app/templates/index.html': '', 'app/models.py': '' });
    expect(dataFilesNotice(root, new Set(['app/__init__.py']), [], PYTHON_DATA)).toContain('app/templates/');
    expect(dataFilesNotice(root, new Set(['app/__init__.py', 'app/templates/index.html']), [], PYTHON_DATA)).toBeUndefined();
    const bare = tempDir();
    writeFiles(bare, { 'main.py': '' });
    expect(dataFilesNotice(bare, new Set(['main.py']), [], PYTHON_DATA)).toBeUndefined();
  });
});
