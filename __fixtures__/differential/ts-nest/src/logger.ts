export interface Logger {
  log(m: string): void;
}
export type Level = 'info' | 'debug';
