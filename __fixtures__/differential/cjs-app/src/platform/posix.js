exports.kind = 'posix';
