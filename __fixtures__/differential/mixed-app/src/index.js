exports.tag = '+src';
