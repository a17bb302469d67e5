// precinct's detectives and filing-cabinet's lookups for the languages and loaders shipset answers
// itself (AMD/requirejs, webpack's enhanced-resolve, `resolve`, tsconfig-paths, Sass, Stylus, Less,
// PostCSS, Vue). shipset replaces precinct's `paperwork` and registers its own lookup for every
// extension before madge walks (engine.ts, installHooks), so none of these ever runs: bundling them
// cost ~1.2 MB of code to compile at every cold start. This stand-in throws, naming what happened,
// if a future madge calls one of them.
const fail = () => {
  throw new Error("shipset answers madge's detectives and lookups itself; this dependency of precinct/filing-cabinet is not bundled");
};
module.exports = new Proxy(fail, { get: (target, key) => (key === '__esModule' ? undefined : fail) });
