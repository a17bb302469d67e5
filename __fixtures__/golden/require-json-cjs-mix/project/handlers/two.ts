import x = require('./three');
const data = require('../data.json');
export = x;