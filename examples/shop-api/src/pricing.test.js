import { priceOf } from './pricing.js';

if (priceOf('tea', 2) !== 8) throw new Error('pricing');
