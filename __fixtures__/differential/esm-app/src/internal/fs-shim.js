export default { readFileSync() { throw new Error('not node'); } };
