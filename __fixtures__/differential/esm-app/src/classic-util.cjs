exports.label = (s) => '[' + s + ']';
