// The action's entry: everything happens in run(), which never throws.
import { run } from './action/main.js';
import { installSignalCleanup } from './core/cleanup.js';

installSignalCleanup(process);

await run();
