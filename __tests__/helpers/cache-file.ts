// The scan cache file as one object, for tests that read or forge it. The file is one JSON value
// per line: the header, the fact table, then `<key as JSON>\t<value as JSON>` per entry (see
// FileHeader in src/core/cache.ts).
import fs from 'node:fs';

export interface CacheFileContent {
  format: unknown;
  engine: unknown;
  facts: { id: string; keys: string[]; answers: string[] } | null;
  entries: Record<string, unknown>;
}

/** The header, the fact table and every entry (parsed) of the cache file at `file`. */
export function readCacheFile(file: string): CacheFileContent {
  const [header, facts, ...rest] = fs.readFileSync(file, 'utf8').split('\n');
  expectEmpty(rest.pop());
  const { format, engine } = JSON.parse(header) as { format: unknown; engine: unknown };
  const entries: Record<string, unknown> = {};
  for (const line of rest) {
    const tab = line.indexOf('\t');
    entries[JSON.parse(line.slice(0, tab)) as string] = JSON.parse(line.slice(tab + 1));
  }
  return { format, engine, facts: JSON.parse(facts) as CacheFileContent['facts'], entries };
}

/** Writes `content` in the cache file's layout (entries in their order). */
export function writeCacheFile(file: string, content: CacheFileContent): void {
  const lines = [JSON.stringify({ format: content.format, engine: content.engine }), JSON.stringify(content.facts)];
  for (const [key, value] of Object.entries(content.entries)) lines.push(`${JSON.stringify(key)}\t${JSON.stringify(value)}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

function expectEmpty(last: string | undefined): void {
  if (last !== '') throw new Error('the cache file does not end with a line break');
}
