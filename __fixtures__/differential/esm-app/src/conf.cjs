module.exports = { level: 'info' };
