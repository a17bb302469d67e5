exports.math = module.require('./math'); // CommonJS's module.require: a require like any other
exports.version = require('../../package.json').version;
