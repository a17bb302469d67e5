// One escaping layer per destination. Every string that comes from the repository or from an
// API answer (file names, import specifiers, messages that quote them, error text) is hostile
// until escaped for where it goes:
//   - markdown/HTML (job summary, PR comment): mdCode, mdText
//   - workflow commands (`::error file=…::msg`): commandData, commandProperty
//   - log lines and terminal text (stdout/stderr of the CLI, core.info): terminalText, protectLines
// Our own markup (headings, tables, colours) is added around escaped strings, never inside them.

// ---------------------------------------------------------------------------------------------
// Control characters

/**
 * C0 controls (incl. TAB, LF, CR, ESC), DEL, C1 controls (8-bit CSI, NEL…), the Unicode line and
 * paragraph separators and the bidi embedding/override/isolate marks (text that reads in another
 * order than it runs).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\n`, `\x1b`, `\u202e`: a control character as the escape a programmer would write. */
function visibleEscape(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** A control character as its Unicode "control picture" (␊ for LF, ␛ for ESC), else U+FFFD. */
function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

// ---------------------------------------------------------------------------------------------
// Terminal and log lines

/**
 * An untrusted string for one line of terminal or log text: every control character (ESC, CR,
 * LF, C1 CSI, bidi overrides) becomes a visible escape such as `\x1b` or `\n`, so the string can
 * neither move the cursor, recolour the terminal, nor start a new line. Our own colours are added
 * around the result.
 */
export function terminalText(s: string): string {
  return String(s).replace(CONTROL, visibleEscape);
}

/**
 * Lines we print that GitHub's runner could read as workflow commands: the runner strips leading
 * whitespace and treats a line starting with `::` as a command (`::warning::`, `::stop-commands::`,
 * `::add-mask::`), and, when insecure commands are allowed, `##[` anywhere in the line. A zero-width
 * space after the first colon or hash keeps the text readable and makes it plain output (our colour
 * codes before the colon are looked through, in case a log strips them). Our own
 * lines never start with `::`, so this only ever changes untrusted text that landed at a line start.
 */
export function protectLines(text: string): string {
  return (
    text
      .split('\n')
      // eslint-disable-next-line no-control-regex
      .map((line) => line.replace(/^((?:\s|\u001b\[[0-9;]*m)*):(?=:)/, '$1:\u200b').replace(/#(?=#\[)/g, '#\u200b'))
      .join('\n')
  );
}

/** One log line from untrusted text (API errors, messages): control characters escaped, no command. */
export function logLine(s: string): string {
  return protectLines(terminalText(s));
}

// ---------------------------------------------------------------------------------------------
// Workflow commands (the same encoding as @actions/core's command.ts)

/** The value of a command (after the `::`), as @actions/core's escapeData: `%`, CR and LF percent-encoded. */
export function commandData(s: unknown): string {
  return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=`, `title=`), as @actions/core's escapeProperty: also `:` and `,`. */
export function commandProperty(s: unknown): string {
  return commandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** As @actions/core's toCommandValue: null/undefined are empty, strings as is, anything else JSON. */
function toCommandValue(s: unknown): string {
  if (s === null || s === undefined) return '';
  if (typeof s === 'string' || s instanceof String) return s as string;
  return JSON.stringify(s);
}

/**
 * `::name key=value,…::message` with every part encoded; the message's other control characters
 * (ESC, C1, bidi) are made visible first so the log viewer cannot be recoloured.
 */
export function workflowCommand(name: string, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${commandProperty(annotationText(String(v)))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${commandData(annotationText(message))}`;
}

/** Annotation text: CR/LF kept (the command encoding carries them), every other control made visible. */
export function annotationText(s: string): string {
  return String(s).replace(CONTROL, (c) => (c === '\n' || c === '\r' ? c : visibleEscape(c)));
}

// ---------------------------------------------------------------------------------------------
// Markdown and HTML (GitHub-flavoured markdown, as rendered in job summaries and comments)

/**
 * An untrusted string as a code span, e.g. a path or a specifier: `` `src/a.ts` ``.
 * The fence is one backtick longer than the longest backtick run inside (CommonMark: a code span
 * ends only at a backtick string of the same length), padded with a space when the content starts
 * or ends with a backtick or space. Line endings and other controls become control pictures (␊),
 * because a CR or LF would end a table row or a paragraph. In a table cell (`table: true`) a pipe
 * is written `\|`: GFM splits cells on unescaped pipes before it looks for code spans, and puts
 * the pipe back inside the span (a backslash right before a pipe: see below). Nothing inside a code span is markup: no HTML, link, mention or
 * emoji.
 */
export function mdCode(s: string, opts: { table?: boolean } = {}): string {
  let body = String(s).replace(CONTROL, controlPicture);
  if (opts.table) {
    // GFM reads a pipe as escaped only after an odd number of backslashes, and a code span cannot
    // hold an escaped backslash: `a\|b` cannot be written as a code span in a cell. Such a text
    // is written as escaped plain text in <code> (inline HTML GitHub keeps), which reads the same.
    if (/\\\|/.test(body)) return `<code>${mdText(s)}</code>`;
    body = body.replace(/\|/g, '\\|');
  }
  if (body === '') return '` `';
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(body) ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/**
 * An untrusted string as plain inline text in markdown (a message, a notice, a table cell):
 * - line endings and controls become control pictures (␊, ␍, ␛): no new line, no row split;
 * - `\`, `` ` ``, `*`, `[`, `]`, `|`, `$`, `~` and word-edge `_` are backslash-escaped: no code
 *   span, emphasis, link, image, table cell or math;
 * - `&`, `<`, `>` become entities: no HTML element, comment, entity or `<…>` autolink;
 * - `://` and `www.` are escaped and `@` gets a word joiner (U+2060): no bare-URL, e-mail or
 *   @mention link; `#` gets a word joiner too: no `#123` reference and no ATX heading;
 * - a leading list marker, `1.`, `=`, `+` or spaces are escaped: nothing can start a block.
 * The rendered text reads the same as the input apart from the control pictures.
 */
export function mdText(s: string): string {
  let t = String(s)
    .replace(CONTROL, controlPicture)
    .replace(/[\\`*[\]|$~]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/:\/\//g, '\\://')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/@/g, '@\u2060')
    .replace(/#/g, '#\u2060')
    .replace(/\b(gh)-(?=\d)/gi, '$1\u2060-');
  // Block starts (the text may open a list item or a quote): escape the marker.
  t = t.replace(/^ +/, (spaces) => '&#32;'.repeat(spaces.length));
  t = t.replace(/^([-+=#])/, '\\$1').replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return t;
}

/** Untrusted text inside an HTML element or block (e.g. `<summary>`), where markdown is not parsed. */
export function htmlText(s: string): string {
  return String(s)
    .replace(CONTROL, controlPicture)
    .replace(/@/g, '@\u2060')
    .replace(/#/g, '#\u2060')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

// ---------------------------------------------------------------------------------------------
// JSON

/**
 * JSON for stdout or a file: JSON.stringify escapes C0 controls; DEL, the C1 controls (8-bit CSI
 * reaches some terminals), U+2028/2029 and bidi marks are written as `\uXXXX` too. Still valid JSON.
 */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
