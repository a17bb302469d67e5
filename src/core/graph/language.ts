// Which engine reads a file: by its extension, or for an extensionless script (a package.json
// `bin` such as `bin/cli`) by its `#!` line.
import fs from 'node:fs';
import path from 'node:path';
import type { Language } from '../types.js';

const BY_EXTENSION: Record<string, Language> = {
  '.js': 'js',
  '.jsx': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.ts': 'ts',
  '.tsx': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.json': 'json',
  '.py': 'python',
  // A native addon: Node's require() loads it; it ships as it is and is never read.
  '.node': 'asset',
};

/** The language of a file, or undefined when no engine reads it. */
export function languageOf(abs: string): Language | undefined {
  const ext = path.extname(abs);
  if (ext) return BY_EXTENSION[ext];
  return languageOfScript(abs);
}

/**
 * The language an extensionless script's `#!` line names (node, bun, deno, tsx, ts-node: js or ts;
 * python), or undefined. Only a regular file is read: the path can come from a stored cache fact
 * (docs/cache.md), and opening a named pipe blocks until a writer comes, so it is opened without
 * blocking (O_NONBLOCK, where the platform has it) and anything but a file has no language.
 */
function languageOfScript(abs: string): Language | undefined {
  let head = '';
  try {
    const fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    try {
      if (!fs.fstatSync(fd).isFile()) return undefined;
      const buf = Buffer.alloc(128);
      head = buf.subarray(0, fs.readSync(fd, buf, 0, 128, 0)).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
  // Node accepts a UTF-8 byte order mark before the `#!` line.
  const shebang = /^\uFEFF?#!(.*)/.exec(head)?.[1] ?? '';
  if (/\b(node|nodejs|bun|deno|tsx|ts-node)\b/.test(shebang)) return /\b(tsx|ts-node)\b/.test(shebang) ? 'ts' : 'js';
  if (/\bpython[0-9.]*\b/.test(shebang)) return 'python';
  return undefined;
}
