// The replacement test of `stale`: a variant V of a shipped file F counts as F's replacement only
// when nothing reachable imports V (type-only imports included), V does not import F (a file that
// builds on F, like `db-seed.js` on `db.js`, is not its replacement), and V provides what F's
// importers take from F. Files are read on demand: only the few files in variant pairs, and the
// reachable files whose text mentions a variant's name.
import fs from 'node:fs';
import path from 'node:path';
import type { ImportEdge, ModuleGraph } from '../types.js';
import { type FactImport, type ModuleFacts, moduleFacts, publicNames } from './module-facts.js';
import { importersOf } from './rule.js';
import { familyOf, variantStem } from './variants.js';

/** What V provides of what F's importers use, for the message. */
export interface Provision {
  /** Names importers take from F, all of which V exports or defines (sorted). */
  names: string[];
  /** When some importer holds the whole module: how many of F's public names V has too. */
  whole?: { shared: number; of: number };
}

const SCRIPT_EXTENSION = /\.(?:[mc]?[jt]sx?)$/;

export class ReplacementTest {
  private readonly facts = new Map<string, ModuleFacts | undefined>();
  private imported?: Set<string>;

  constructor(
    private readonly graph: ModuleGraph,
    /** Every V the test will be asked about (to scan the reachable files once). */
    private readonly variants: readonly string[],
  ) {}

  /** What V provides when V replaces F, or undefined when it does not (or cannot be read). */
  check(current: string, variant: string): Provision | undefined {
    if (this.importedByReachable().has(variant)) return undefined;
    const v = this.factsOf(variant);
    if (!v) return undefined;
    if (v.imports.some((imp) => refersTo(variant, v.language, imp, current))) return undefined;
    const used = this.usedNames(current);
    if (![...used.names].every((n) => v.exports.has(n))) return undefined;
    const provision: Provision = { names: [...used.names].sort() };
    if (used.whole) {
      const f = this.factsOf(current);
      if (!f) return undefined;
      const names = [...publicNames(f)];
      const shared = names.filter((n) => v.exports.has(n)).length;
      if (shared * 2 < names.length) return undefined;
      provision.whole = { shared, of: names.length };
    }
    return provision;
  }

  private factsOf(file: string): ModuleFacts | undefined {
    if (!this.facts.has(file)) this.facts.set(file, this.insideRoot(file) ? moduleFacts(path.join(this.graph.root, file)) : undefined);
    return this.facts.get(file);
  }

  private realRoot?: string;

  /** A file that is (or passes through) a symlink out of the root is not read: its names could end up in a message. */
  private insideRoot(file: string): boolean {
    try {
      this.realRoot ??= fs.realpathSync(this.graph.root);
      const real = fs.realpathSync(path.join(this.graph.root, file));
      return real === this.realRoot || real.startsWith(this.realRoot + path.sep);
    } catch {
      return false;
    }
  }

  /** The variants some reachable file imports in any way, type-only imports included. */
  private importedByReachable(): Set<string> {
    if (this.imported) return this.imported;
    const imported = new Set<string>();
    const stems = [...new Set(this.variants.map(moduleStem))];
    for (const file of this.graph.files.keys()) {
      const family = familyOf(file);
      if (!family) continue;
      let text: string;
      try {
        if (!this.insideRoot(file)) continue;
        text = fs.readFileSync(path.join(this.graph.root, file), 'utf8');
      } catch {
        continue;
      }
      if (!stems.some((s) => text.includes(s))) continue; // the cheap test first: most files never name a variant
      const facts = this.factsOf(file);
      if (!facts) continue;
      for (const variant of this.variants) {
        if (familyOf(variant) !== family || imported.has(variant)) continue;
        if (facts.imports.some((imp) => refersTo(file, facts.language, imp, variant))) imported.add(variant);
      }
      this.facts.delete(file); // reachable files are many: keep only the pair files cached
    }
    this.imported = imported;
    return imported;
  }

  /** The names F's reachable importers take from it; `whole` when one of them holds the whole module. */
  private usedNames(current: string): { names: Set<string>; whole: boolean } {
    const names = new Set<string>();
    let whole = false;
    const edges = importersOf(this.graph, current);
    if (!edges.length) whole = true; // an entry (or a file reached some other way): judged by its public names
    for (const edge of edges) {
      const facts = this.factsOf(edge.from);
      const taken = facts ? takenBy(edge, facts) : 'whole';
      if (taken === 'whole') whole = true;
      else for (const n of taken) names.add(n);
    }
    return { names, whole };
  }
}

/** What the import statement(s) behind `edge` take from its target. */
function takenBy(edge: ImportEdge, facts: ModuleFacts): string[] | 'whole' {
  const names: string[] = [];
  let found = false;
  for (const imp of facts.imports) {
    if (imp.line !== edge.line || imp.typeOnly) continue;
    let taken: string[] | 'whole';
    if (facts.language === 'js') {
      if (imp.specifier !== edge.specifier) continue;
      taken = imp.names;
    } else if (imp.specifier === edge.specifier) {
      taken = imp.names;
    } else if (edge.specifier.startsWith(imp.specifier)) {
      // `from pkg import mod` reaching pkg/mod.py takes the whole module; reaching pkg/__init__.py on the way takes nothing.
      const rest = edge.specifier.slice(imp.specifier.length).replace(/^\./, '');
      taken = imp.pythonFromNames?.includes(rest) ? 'whole' : [];
    } else {
      continue;
    }
    found = true;
    if (taken === 'whole') return 'whole';
    names.push(...taken);
  }
  return found ? names : 'whole';
}

/** The name a module is imported by: the file stem, or the folder of an index / `__init__`. */
function moduleStem(file: string): string {
  const stem = variantStem(file);
  return stem === 'index' || stem === '__init__' ? path.posix.basename(path.posix.dirname(file)) : stem;
}

/**
 * Whether `imp` in `from` may load `target`. Relative JS specifiers are resolved as paths (any
 * extension, or the folder's index); aliases, bare specifiers and Python modules are matched by
 * their last name, which errs toward "imported": a wrong "yes" only hides a finding.
 */
export function refersTo(from: string, language: 'js' | 'py', imp: FactImport, target: string): boolean {
  const stem = moduleStem(target);
  if (language === 'py') {
    const last = imp.specifier.replace(/^\.+/, '').split('.').pop() ?? '';
    return last === stem || (imp.pythonFromNames?.includes(stem) ?? false);
  }
  const spec = imp.specifier;
  const targetNoExt = target.replace(SCRIPT_EXTENSION, '');
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\/$/, '');
    const noExt = resolved.replace(SCRIPT_EXTENSION, '');
    return noExt === targetNoExt || resolved === target || `${resolved}/index` === targetNoExt;
  }
  const last = spec.replace(/\/$/, '').split('/').pop()!.replace(SCRIPT_EXTENSION, '');
  return last === stem || last === variantStem(target);
}
