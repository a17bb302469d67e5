const cfg = require('./config.json');
const h = require('./handlers');
import('./lazy.mjs').then(() => {});
