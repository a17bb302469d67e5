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
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from './git.js';
import { VERSION } from './version.js';

/**
 * Bumped whenever what a scan records changes shape or meaning (2: the file's deprecation header is
 * stored with its scan; 3: each file's resolutions are stored with the facts they read; 4: a scan's
 * key is the file's hash, a settings digest and its name, see ScanCache.key).
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

interface CacheFile {
  format: number;
  /** shipset's version and the parser's: a cache from any other pair is ignored. */
  engine: string;
  entries: Record<string, unknown>;
  facts?: FactTable;
}

export class ScanCache {
  private readonly old: Map<string, unknown>;
  private readonly used = new Map<string, unknown>();
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
    old: Map<string, unknown>,
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
    const old = new Map<string, unknown>();
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
    let parsed: Partial<CacheFile> | undefined;
    try {
      parsed = JSON.parse(text) as Partial<CacheFile>;
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed !== 'object' || typeof parsed.entries !== 'object' || parsed.entries === null || Array.isArray(parsed.entries)) {
      cache.notices.push(`The cache file ${file} is not a shipset cache (or is damaged): it was ignored and will be rewritten.`);
      return cache;
    }
    if (parsed.format !== CACHE_FORMAT || parsed.engine !== engine) return cache; // another version: rebuilt quietly
    for (const [key, value] of Object.entries(parsed.entries)) old.set(key, value);
    const facts = parsed.facts;
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

  /** The stored value for `key`, or undefined. The caller checks its shape (a cache file is data, not trusted). */
  get(key: string): unknown {
    const value = this.used.get(key) ?? this.old.get(key);
    if (value === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.used.set(key, value);
    return value;
  }

  set(key: string, value: unknown): void {
    this.used.set(key, value);
  }

  /**
   * A stored answer derived from scans (madge's listing for an edge set, see docs/cache.md), or
   * undefined. Not counted in hits and misses, which count file scans. The caller checks its shape.
   */
  recall(key: string): unknown {
    const value = this.used.get(key) ?? this.old.get(key);
    if (value !== undefined) this.used.set(key, value);
    return value;
  }

  /**
   * Stores a new answer under `key` (kept and aged out like a scan): the file is rewritten at save.
   * Call it only when the answer is new or differs from the stored one (recall keeps an unchanged one).
   */
  remember(key: string, value: unknown): void {
    this.remembered = true;
    this.used.set(key, value);
  }

  /**
   * Writes what this run used, plus as many older entries again (at least 1,000): another entry
   * set or branch sharing the folder keeps most of its entries, and edited files' old scans age out.
   * Returns a notice when the folder cannot be written; never throws.
   */
  save(): string | undefined {
    if (this.disabled) return undefined;
    if (this.hits && !this.misses && !this.remembered) return undefined; // nothing new: leave the file as it is
    // No prototype: a stored key such as '__proto__' stays an ordinary key.
    const entries: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of this.used) entries[k] = v;
    let room = Math.max(this.used.size, 1000);
    for (const [k, v] of this.old) {
      if (room-- <= 0) break;
      if (!Object.hasOwn(entries, k)) entries[k] = v;
    }
    const body: CacheFile = { format: CACHE_FORMAT, engine: this.engine, entries, facts: this.facts };
    const file = path.join(this.dir, FILE_NAME);
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      fs.writeFileSync(temp, JSON.stringify(body));
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
