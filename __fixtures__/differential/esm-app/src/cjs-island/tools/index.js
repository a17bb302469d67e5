exports.tool = '+tool';
