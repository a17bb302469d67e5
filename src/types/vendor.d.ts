// The parts of madge's CommonJS chain that shipset uses (none of them ship types).
declare module 'madge' {
  interface MadgeInstance {
    obj(): Record<string, string[]>;
    warnings(): { skipped: string[] };
    circular(): string[][];
  }
  function madge(path: string | string[], config?: Record<string, unknown>): Promise<MadgeInstance>;
  export default madge;
}

declare module 'precinct' {
  interface Precinct {
    (content: string, options?: Record<string, unknown>): string[];
    paperwork(filename: string, options?: Record<string, unknown>): string[];
  }
  const precinct: Precinct;
  export default precinct;
}

declare module 'filing-cabinet' {
  type Lookup = (options: Record<string, unknown>) => string;
  interface Cabinet {
    (options: Record<string, unknown>): string;
    register(extension: string, lookup: Lookup): void;
    getLookup(extension: string): Lookup | undefined;
  }
  const cabinet: Cabinet;
  export default cabinet;
}
