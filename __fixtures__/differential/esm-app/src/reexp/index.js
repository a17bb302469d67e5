export * from './star.js';
export { one, one as uno } from './one.js';
export * as ns from './ns.js';
