// CommonJS requiring a JSON file by its full name and a .cjs by its extension.
module.exports = [require('./table.json').length, require('./more.cjs')].join();
