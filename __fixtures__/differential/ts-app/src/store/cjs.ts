export const save = (n: number): number => n + 1;
