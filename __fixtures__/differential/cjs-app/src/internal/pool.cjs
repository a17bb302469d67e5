module.exports = { size: 4 };
