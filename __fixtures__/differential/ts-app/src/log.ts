export const log = (m: string): string => `[log] ${m}`;
