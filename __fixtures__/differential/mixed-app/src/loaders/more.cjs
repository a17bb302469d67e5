module.exports = 'more';
