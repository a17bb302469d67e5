export function log(...args) { if (process.env.SHIPSET_FIXTURE_VERBOSE) console.log(...args); }
