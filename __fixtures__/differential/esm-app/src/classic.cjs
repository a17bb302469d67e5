// CommonJS loaded by import; its own requires go through the CommonJS loader.
const util = require('./classic-util.cjs');
const names = require('./data/names.json');
module.exports = { name: util.label(names[0]) };
