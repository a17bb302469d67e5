import { log } from '#src/log.js';
import type { Cfg } from '../types.js';

export const db = (c: Cfg): string => log(c.name);
