// The on-disk cache of per-file scan results (`--cache DIR`, the action's `cache` input).
// A scan (imports with line and column, dynamic sites, the first syntax error) depends only on the
// file's bytes, its name's extension and the compiler settings that decide import elision, so it
// is stored under a key made of exactly those. A file's resolutions are stored with every
// file-system fact they read (folder listings, real paths, package.json and tsconfig contents) and
// reused only when each fact has the same answer now, so a new, deleted or renamed file, or an
// edited tsconfig, can never be answered from an old run (docs/cache.md).
// The cache is a hint, never an input: a file that is missing, corrupt, or written by another
// version of shipset is ignored (a notice says so) and rewritten; writes go to a temp file that is
// then renamed over the old one, so a reader never sees half a file.
// The file holds one JSON value per line (see FileLayout): an entry is parsed when the run first
// asks for it, and an entry the run read and did not change is written back as the text it was
// read from, so a run that changed one file neither parses nor serializes the other thousands again.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from './git.js';
import { VERSION } from './version.js';

/**
 * Bumped whenever what a scan records changes shape or meaning, or the file its layout (2: the
 * file's deprecation header is stored with its scan; 3: each file's resolutions are stored with the
 * facts they read; 4: a scan's key is the file's hash, a settings digest and its name, see
 * ScanCache.key, and the file is one JSON value per line, see FileLayout).
 */
const CACHE_FORMAT = 4;
/** A fact table past this many slots starts over (with it, every stored resolution): a changed answer adds a slot, none is removed. */
const FACT_SLOTS_LIMIT = 500_000;

/**
 * The file-system facts stored resolutions read, shared by every file's entry (docs/cache.md): slot
 * i is the question `keys[i]` with the answer `answers[i]` it had when recorded. An entry names its
 * facts by slot and the table's `id`; a changed answer is a new slot, so an entry made under the old
 * answer keeps pointing at a slot that no longer holds.
 */
export interface FactTable {
  id: string;
  keys: string[];
  answers: string[];
}
const FILE_NAME = 'shipset-scan-cache.json';
/** Settings (as JSON) -> the digest ScanCache.key puts in every key made under them. */
const settingsTags = new Map<string, string>();

/** The cache folder of `cache: true` in the action: $XDG_CACHE_HOME/shipset, else ~/.cache/shipset (outside the workspace). */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'shipset');
}

/**
 * The cache file, one JSON value per line (JSON text never holds a raw line break or tab):
 * - line 1, the header: `{"format":4,"engine":"shipset 1.2.3; format 4; <parser>"}`;
 * - line 2, the fact table (FactTable) or `null`;
 * - then one line per entry: its key as a JSON string, a tab, its value as JSON.
 * A file of any other shape is not a shipset cache; a first line with another format or engine is
 * another version's cache (the layout before format 4 was one JSON object on one line, which reads
 * as a header of format 3).
 */
interface FileHeader {
  format: number;
  /** shipset's version and the parser's: a cache from any other pair is ignored. */
  engine: string;
}

export class ScanCache {
  /** The stored entries: key -> the value's JSON text, parsed when first asked for. */
  private readonly old: Map<string, string>;
  /** What this run asked for and found, or stored: key -> value. */
  private readonly used = new Map<string, unknown>();
  /** The JSON text of every entry in `used` that is the stored one unchanged (written back as it is). */
  private readonly usedText = new Map<string, string>();
  /** Why the stored cache was not used (corrupt, another version), for the run's notices. */
  readonly notices: string[] = [];
  hits = 0;
  misses = 0;
  /** Imports answered from stored resolutions (hits) and resolved again (misses), counted by the JS engine. */
  readonly resolutions = { hits: 0, misses: 0 };
  /** The stored fact table (a new empty one when none could be used); the JS engine appends to it. */
  facts: FactTable = { id: randomUUID().replace(/-/g, '').slice(0, 12), keys: [], answers: [] };
  /** Whether {@link remember} stored an answer that the file does not hold yet. */
  private remembered = false;
  /** The cache file is committed to a repository: neither read nor rewritten (see open). */
  private disabled = false;

  private constructor(
    readonly dir: string,
    private readonly engine: string,
    old: Map<string, string>,
  ) {
    this.old = old;
  }

  /**
   * Opens the cache in `dir` (absolute) for a parser identified by `parserVersion`. Never throws:
   * an unreadable or foreign cache file starts an empty cache.
   */
  static open(dir: string, parserVersion: string): ScanCache {
    const engine = `shipset ${VERSION}; format ${CACHE_FORMAT}; ${parserVersion}`;
    const file = path.join(dir, FILE_NAME);
    let text: string | undefined;
    try {
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      // A named pipe or a folder at that name would block or fail the read: treat it as no cache.
      if (stat?.isFile()) text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    const old = new Map<string, string>();
    const cache = new ScanCache(dir, engine, old);
    if (text === undefined) return cache;
    // A cache file that git tracks came with the checkout: a pull request can commit any answer
    // into it (imports: [] for a file that imports the world). Not read, and not rewritten (it
    // is the user's file).
    if (git(dir, ['ls-files', '-z', '--', FILE_NAME])) {
      cache.disabled = true;
      cache.notices.push(
        `The cache file ${file} is tracked by git, so a commit can write any answer into it: it was not used. Keep the cache outside the repository (the action's cache: true does) or git-ignore the folder.`,
      );
      return cache;
    }
    const damaged = `The cache file ${file} is not a shipset cache (or is damaged): it was ignored and will be rewritten.`;
    const headerEnd = text.indexOf('\n');
    const header = parseJson(headerEnd < 0 ? text : text.slice(0, headerEnd)) as Partial<FileHeader> | undefined;
    if (!header || typeof header !== 'object' || typeof header.format !== 'number') {
      cache.notices.push(damaged);
      return cache;
    }
    if (header.format !== CACHE_FORMAT || header.engine !== engine) return cache; // another version: rebuilt quietly
    const factsEnd = text.indexOf('\n', headerEnd + 1);
    if (headerEnd < 0 || factsEnd < 0 || !text.endsWith('\n')) {
      cache.notices.push(damaged);
      return cache;
    }
    // Each entry line is split off and its key read; the value stays text until a run asks for it.
    for (let start = factsEnd + 1; start < text.length;) {
      const end = text.indexOf('\n', start);
      const tab = text.indexOf('\t', start);
      const key = tab > start && tab < end ? parseJson(text.slice(start, tab)) : undefined;
      if (typeof key !== 'string') {
        old.clear();
        cache.notices.push(damaged);
        return cache;
      }
      old.set(key, text.slice(tab + 1, end));
      start = end + 1;
    }
    const facts = parseJson(text.slice(headerEnd + 1, factsEnd)) as Partial<FactTable> | null | undefined;
    if (
      facts &&
      typeof facts.id === 'string' &&
      Array.isArray(facts.keys) &&
      Array.isArray(facts.answers) &&
      facts.keys.length === facts.answers.length &&
      facts.keys.length <= FACT_SLOTS_LIMIT &&
      facts.keys.every((k) => typeof k === 'string') &&
      facts.answers.every((a) => typeof a === 'string')
    )
      cache.facts = { id: facts.id, keys: facts.keys, answers: facts.answers };
    return cache;
  }

  /**
   * The key of one file's scan: its bytes' SHA-256 (hex, as the caller computed it), a digest of
   * the settings and its base name (the extension picks the parser), e.g.
   * `<64 hex>:<16 hex>:m00001.ts`. Asked once per file on every cached run: the file's own hash is
   * used as it is, and each distinct settings value is hashed once per process, not once per file.
   */
  static key(contentSha256: string, baseName: string, settings: unknown): string {
    const json = JSON.stringify(settings ?? {});
    let tag = settingsTags.get(json);
    if (tag === undefined) {
      tag = createHash('sha256').update(json).digest('hex').slice(0, 16);
      settingsTags.set(json, tag);
    }
    return `${contentSha256}:${tag}:${baseName}`;
  }

  /**
   * The stored value for `key`, or undefined. The caller checks its shape (a cache file is data, not
   * trusted) and must not change it in place: an entry read and not stored again (set, remember) is
   * written back as the text it was read from.
   */
  get(key: string): unknown {
    const value = this.lookup(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return value;
  }

  set(key: string, value: unknown): void {
    this.used.set(key, value);
    this.usedText.delete(key);
  }

  /** The value of `key` this run uses: found before, else the stored one (parsed now, and kept in `used` with its text); undefined when none or not JSON. */
  private lookup(key: string): unknown {
    const known = this.used.get(key);
    if (known !== undefined) return known;
    const text = this.old.get(key);
    const value = text === undefined ? undefined : parseJson(text);
    if (value === undefined) {
      this.old.delete(key); // not JSON: not written back either
      return undefined;
    }
    this.used.set(key, value);
    this.usedText.set(key, text!);
    return value;
  }

  /**
   * A stored answer derived from scans (madge's listing for an edge set, see docs/cache.md), or
   * undefined. Not counted in hits and misses, which count file scans. The caller checks its shape
   * and does not change it in place (see get).
   */
  recall(key: string): unknown {
    return this.lookup(key);
  }

  /**
   * Stores a new answer under `key` (kept and aged out like a scan): the file is rewritten at save.
   * Call it only when the answer is new or differs from the stored one (recall keeps an unchanged one).
   */
  remember(key: string, value: unknown): void {
    this.remembered = true;
    this.used.set(key, value);
    this.usedText.delete(key);
  }

  /**
   * Writes what this run used, plus as many older entries again (at least 1,000): another entry
   * set or branch sharing the folder keeps most of its entries, and edited files' old scans age out.
   * Returns a notice when the folder cannot be written; never throws.
   */
  save(): string | undefined {
    if (this.disabled) return undefined;
    if (this.hits && !this.misses && !this.remembered) return undefined; // nothing new: leave the file as it is
    const header: FileHeader = { format: CACHE_FORMAT, engine: this.engine };
    const lines = [JSON.stringify(header), JSON.stringify(this.facts)];
    // An entry read and not changed is written as the text it was read from (no serializing).
    for (const [k, v] of this.used) lines.push(`${JSON.stringify(k)}\t${this.usedText.get(k) ?? JSON.stringify(v)}`);
    let room = Math.max(this.used.size, 1000);
    for (const [k, text] of this.old) {
      if (room-- <= 0) break;
      if (!this.used.has(k)) lines.push(`${JSON.stringify(k)}\t${text}`);
    }
    lines.push('');
    const file = path.join(this.dir, FILE_NAME);
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(temp, lines.join('\n'));
      fs.renameSync(temp, file);
      return undefined;
    } catch (e) {
      try {
        fs.rmSync(temp, { force: true });
      } catch {
        /* nothing left to clean */
      }
      return `The cache could not be written to ${this.dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the next run starts without it.`;
    }
  }
}

/** The value of a JSON text, or undefined when it is not JSON (a cache file is data: damaged text is no entry). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
