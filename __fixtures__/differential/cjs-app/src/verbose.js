module.exports = (msg) => msg;
