export declare function log(...args: unknown[]): void;
