// JSON.parse's message in Node 20 quotes the start of the text ("Unexpected token 'r',
// "root:x:0:0"... is not valid JSON"): a file that is really /etc/passwd or a .env would have
// its first bytes printed in the log, the job summary and the pull-request comment. Messages
// about a project's JSON say only where the error is and what kind it is, never the text.

/**
 * Where and what a JSON.parse `error` over `text` is, without any of the text:
 * `{ line, column, what }`, `what` being e.g. "unexpected character", "unexpected end of input".
 * The position is the one V8 reports, or (when its message has none) the shortest prefix of
 * `text` that already fails, found by bisection (JSON's prefix errors are monotonic).
 */
export function jsonSyntaxError(text: string, error: unknown): { line: number; column: number; what: string } {
  const message = error instanceof Error ? error.message : String(error);
  let position = positionOf(message);
  if (position === undefined) position = /Unexpected end of JSON input/.test(message) ? text.length : firstBadOffset(text);
  const what = /Unexpected end/.test(message)
    ? 'unexpected end of input'
    : /Unterminated string/.test(message)
      ? 'unterminated string'
      : /Bad control character/.test(message)
        ? 'control character in a string'
        : /Expected double-quoted property name|Expected property name/.test(message)
          ? 'expected a double-quoted property name'
          : /non-whitespace character after JSON/.test(message)
            ? 'unexpected text after the JSON value'
            : 'unexpected character';
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, what };
}

/** "line 3 column 7: unexpected character" for a message that must not quote the file. */
export function describeJsonError(text: string, error: unknown): string {
  const { line, column, what } = jsonSyntaxError(text, error);
  return `line ${line} column ${column}: ${what}`;
}

function positionOf(message: string): number | undefined {
  const m = /at position (\d+)/.exec(message);
  return m ? Number(m[1]) : undefined;
}

/** Offset of the character that makes `text` invalid JSON: the smallest k with text[0..k] failing before its end. */
function firstBadOffset(text: string): number {
  const failsBeforeEnd = (k: number): boolean => {
    try {
      JSON.parse(text.slice(0, k));
      return false;
    } catch (e) {
      const message = (e as Error).message;
      if (/Unexpected end of JSON input|Unterminated string/.test(message)) return false;
      const at = positionOf(message);
      return at === undefined || at < k;
    }
  };
  let lo = 1;
  let hi = text.length;
  if (!failsBeforeEnd(hi)) return 0;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (failsBeforeEnd(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}
