// "type": "commonjs" here: .js is CommonJS, and require probes extensionless names.
const dep = require('./dep');
const folder = require('./tools');
module.exports = dep + folder.tool;
