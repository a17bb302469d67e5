// Result -> the manifest as JSON (stdout with --format json, the --manifest file, the action's
// manifest). Pure: the caller writes the string.
import type { Result } from '../core/types.js';
import { safeJson } from './escape.js';

/** The manifest, pretty-printed, with a final newline; control characters always escaped. */
export function renderJson(result: Pick<Result, 'manifest'>): string {
  return safeJson(result.manifest) + '\n';
}

/** Any other JSON answer (e.g. `why --json`), escaped the same way. */
export function renderJsonValue(value: unknown): string {
  return safeJson(value) + '\n';
}
