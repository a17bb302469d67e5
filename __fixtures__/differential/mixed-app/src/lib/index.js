const helper = require('./helper');
const parent = require('..'); // src/index.js
module.exports = 'lib:' + helper.name + parent.tag;
