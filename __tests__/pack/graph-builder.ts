// Kept for the pack tests' imports: the one test graph builder is __tests__/helpers/graph-builder.ts.
export { graphFromImports as buildGraph, packOptions, resultOf, type Imports } from '../helpers/graph-builder.js';
