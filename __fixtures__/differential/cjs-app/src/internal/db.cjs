module.exports = { db: 'cjs', pool: require('./pool.cjs') };
