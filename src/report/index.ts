// The reporters by format name: each is pure, `(result, context) -> string`; the caller decides
// where the string goes. Every reporter escapes untrusted text for its destination (escape.ts).
import type { Result } from '../core/types.js';
import { renderJson } from './json.js';
import { renderMarkdown, type MarkdownExtras } from './markdown.js';
import { renderSarif, type SarifContext } from './sarif.js';
import { PLAIN, renderText, type Style } from './text.js';

export interface ReportContext {
  /** Colours for the text format (PLAIN unless the stream is a terminal). */
  style?: Style;
  /** What the markdown format adds: base diff, tarball path, comment marker, size budget. */
  markdown?: MarkdownExtras;
  /** What the SARIF format needs: the rule registry and where the root sits in the repository. */
  sarif?: SarifContext;
}

export type Reporter = (result: Result, context: ReportContext) => string;

export const reporters = {
  text: (result, context) => renderText(result, context.style ?? PLAIN),
  json: (result) => renderJson(result),
  markdown: (result, context) => renderMarkdown(result, context.markdown),
  sarif: (result, context) => renderSarif(result.manifest, context.sarif ?? { rules: [], rootInRepository: '' }),
} satisfies Record<string, Reporter>;

/** An output format: a key of `reporters`. Adding a format means its reporter file and one line in that map. */
export type Format = keyof typeof reporters;

/** Every output format, in the map's order (`--format`, the config schema's enum, the action). */
export const FORMATS: readonly Format[] = Object.freeze(Object.keys(reporters) as Format[]);

/** Whether `name` is a format with a reporter. */
export function isFormat(name: string): name is Format {
  return Object.prototype.hasOwnProperty.call(reporters, name);
}

export { renderJson, renderJsonValue } from './json.js';
export {
  commentMarker,
  COMMENT_MARKER,
  COMMENT_MAX_CHARS,
  renderFailureMarkdown,
  renderFixedMarkdown,
  renderMarkdown,
  stepVerdict,
  SUMMARY_MAX_BYTES,
  type LinkBase,
  type MarkdownExtras,
} from './markdown.js';
export { renderSarif, type SarifContext, type SarifRule } from './sarif.js';
export { COLOR, PLAIN, renderText, styleFor, terminalVerdict, type Style } from './text.js';
