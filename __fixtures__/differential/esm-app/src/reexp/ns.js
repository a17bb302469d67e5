export const inner = 'ns';
