// precinct's Vue detective pulls in @vue/compiler-sfc, whose template engines do not
// bundle. shipset reads no .vue files, so the bundle gets this stand-in (docs/dependencies.md).
module.exports = {
  parse() {
    throw new Error('shipset does not read .vue files');
  },
};
