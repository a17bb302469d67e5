// npm run demo: shipset on the bundled example (examples/shop-api), as a user would run it.
// The example has a stale import on purpose, so `check` exits 1; the demo explains that
// and exits 0 when shipset behaved as expected.
import { spawnSync } from 'node:child_process';

const run = (args) => {
  console.log(`\n$ shipset ${args.join(' ')}`);
  return spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' }).status;
};

const check = run(['check', '--root', 'examples/shop-api']);
run(['why', 'src/pricing_v2.js', '--root', 'examples/shop-api']);
console.log(
  check === 1
    ? '\nshipset exited 1: the example imports src/pricing.js while the newer src/pricing_v2.js (same exports, the VAT fix) is dormant: production would run the old prices.\nFix the import in examples/shop-api/src/routes/orders.js and run `node dist/cli.js pack --root examples/shop-api --out /tmp/shop-api.tar.gz`;\nthe tarball, unpacked anywhere, starts with `npm ci --omit=dev && npm start`.'
    : `\nunexpected exit code ${check} from shipset check`,
);
process.exitCode = check === 1 ? 0 : 1;
