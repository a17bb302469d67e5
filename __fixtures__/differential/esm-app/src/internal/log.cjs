exports.kind = 'cjs-log';
