exports.release = '1.2.3';
