module.exports = { started: true, hooks: require('./hooks.json') };
