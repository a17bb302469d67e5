// Dormant: nothing requires it, and its imports are broken.
const database = require('../config/database.js');
const redis = require('./redis');
module.exports = { database, redis };
