import { json } from '../lib/respond.js';
import settings from '../config/settings.json' with { type: 'json' };

export const health = (_req, res) => json(res, 200, { status: 'healthy', service: settings.service });
