#!/usr/bin/env node
import { main } from './cli/main.js';
import { installSignalCleanup } from './core/cleanup.js';

installSignalCleanup(process);

process.exitCode = await main(process.argv.slice(2));
