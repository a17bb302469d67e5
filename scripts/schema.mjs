// Writes schema/shipset.config.schema.json from CONFIG_SCHEMA (src/core/config.ts), whose enums
// and rule list come from the rule registry and the reporter map. The file is committed and
// shipped in the package; __tests__/core/config.test.ts fails when it differs from the source.
// Run: npm run schema
import fs from 'node:fs';
import { CONFIG_SCHEMA } from '../src/core/config.ts';

const out = 'schema/shipset.config.schema.json';
fs.writeFileSync(out, `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`);
console.log(`wrote ${out}`);
