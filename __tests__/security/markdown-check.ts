// A structural reading of one line of GitHub-flavoured markdown, after CommonMark's inline rules:
// backslash escapes, code spans (a backtick run closed by a run of the same length), and what is
// left as "active" text (outside code spans, not escaped). Used to prove that escaped untrusted
// text cannot open a link, image, HTML element, mention, reference, code span or table cell.

const ASCII_PUNCT = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

export interface InlineScan {
  /** Characters that markdown reads as syntax: outside code spans and not backslash-escaped. */
  active: string;
  /** The contents of every code span. */
  codeSpans: string[];
  /** Backtick runs that opened no code span (a broken span). */
  unmatchedTicks: number;
}

export function scanInline(line: string): InlineScan {
  let active = '';
  const codeSpans: string[] = [];
  let unmatchedTicks = 0;
  for (let i = 0; i < line.length;) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length && ASCII_PUNCT.test(line[i + 1])) {
      active += ' '; // escaped: literal, not syntax
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 0;
      while (line[i + n] === '`') n++;
      // Find a closing run of exactly n backticks.
      let j = i + n;
      let close = -1;
      while (j < line.length) {
        if (line[j] === '`') {
          let m = 0;
          while (line[j + m] === '`') m++;
          if (m === n) {
            close = j;
            break;
          }
          j += m;
        } else j++;
      }
      if (close < 0) {
        unmatchedTicks++;
        active += '`'.repeat(n);
        i += n;
        continue;
      }
      codeSpans.push(line.slice(i + n, close));
      active += ' ';
      i = close + n;
      continue;
    }
    active += c;
    i++;
  }
  return { active, codeSpans, unmatchedTicks };
}

/**
 * Table cells of a row, split as GFM does before any inline parsing (micromark, cmark-gfm): a
 * pipe is escaped only when an odd number of backslashes precede it; `\\|` is a backslash and
 * a cell delimiter, also inside a code span.
 */
export function tableCells(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let backslashes = 0;
  for (const c of row) {
    if (c === '|' && backslashes % 2 === 0) {
      cells.push(cell);
      cell = '';
    } else cell += c;
    backslashes = c === '\\' ? backslashes + 1 : 0;
  }
  cells.push(cell);
  return cells.slice(1, -1);
}

/**
 * Problems in active text that only untrusted input could have put there: HTML tags or comments
 * other than the allowed ones, links/images, bare URLs, mentions, issue references, raw control
 * characters. Returns a list of findings (empty when the line is safe).
 */
export function activeProblems(active: string, allowedTags: RegExp = /<\/?(details|summary|code)>|<!-- shipset-comment(:[0-9a-f]{16})? -->/g): string[] {
  const problems: string[] = [];
  const text = active.replace(allowedTags, ' ').replace(/&#32;/g, ' ');
  if (/</.test(text)) problems.push(`raw '<': ${text}`);
  if (/[[\]]/.test(text)) problems.push(`link bracket: ${text}`);
  if (/:\/\//.test(text) || /www\./i.test(text)) problems.push(`bare URL: ${text}`);
  if (/@[A-Za-z0-9]/.test(text)) problems.push(`mention or e-mail: ${text}`);
  if (/#[0-9]/.test(text) || /\bgh-[0-9]/i.test(text)) problems.push(`issue reference: ${text}`);
  if (/&(?!(amp|lt|gt|quot|#39|#32);)/.test(text)) problems.push(`entity: ${text}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) problems.push(`control character: ${JSON.stringify(text)}`);
  if (/\$/.test(text)) problems.push(`math: ${text}`);
  return problems;
}

/**
 * Lines of a ```mermaid block are not markdown: each must be one of the shapes the reporter
 * writes (our node ids, labels of letters, digits, `./_- ` and `#NNN;` entities only).
 */
export const MERMAID_LINE =
  /^(```mermaid|```|flowchart LR|    node\d{4}\("(?:[A-Za-z0-9 ./_-]|#\d+;)*"\)|    node\d{4} -->(?:\|[a-z-]+\|)? node\d{4}|    classDef error [a-z0-9:,-]+|    class node\d{4}(?:,node\d{4})* error)$/;

/** For each line, whether it is inside a ```mermaid fence (the fence lines included). */
export function inMermaid(lines: string[]): boolean[] {
  let open = false;
  return lines.map((l) => {
    if (l === '```mermaid') open = true;
    const inside = open;
    if (l === '```') open = false;
    return inside;
  });
}
