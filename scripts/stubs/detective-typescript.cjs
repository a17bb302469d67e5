// precinct loads its TypeScript detective (and with it typescript-estree, ~150 ms of start-up) as
// soon as it is loaded. shipset answers precinct's `paperwork` for every file from its own scan,
// so the detective never runs: the bundle gets this stand-in, which says so if that ever changes.
module.exports = function detectiveTypeScript() {
  throw new Error('shipset scans TypeScript itself; precinct\'s TypeScript detective is not bundled');
};
