// A small TOML reader: enough for pyproject.toml's dependency tables. Reads tables,
// dotted keys, strings (basic, literal, multi-line), arrays, inline tables, booleans and
// numbers; dates and other scalars come back as their text. Throws with a line number on
// text it cannot read.
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
export interface TomlTable {
  [key: string]: TomlValue;
}

export function readToml(text: string): TomlTable {
  return new TomlReader(text).document();
}

class TomlReader {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): TomlTable {
    const doc: TomlTable = {};
    let current = doc;
    for (;;) {
      this.skipBlankAndComments();
      if (this.pos >= this.text.length) return doc;
      if (this.text[this.pos] === '[') {
        const arrayOfTables = this.text.startsWith('[[', this.pos);
        this.pos += arrayOfTables ? 2 : 1;
        const keys = this.keyPath();
        this.expect(arrayOfTables ? ']]' : ']');
        current = arrayOfTables ? this.appendTable(doc, keys) : this.tableAt(doc, keys);
      } else {
        const keys = this.keyPath();
        this.expect('=');
        const value = this.value();
        const owner = this.tableAt(current, keys.slice(0, -1));
        owner[keys[keys.length - 1]] = value;
      }
      this.endOfLine();
    }
  }

  private fail(what: string): never {
    const line = this.text.slice(0, this.pos).split('\n').length;
    throw new Error(`line ${line}: ${what}`);
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private skipBlankAndComments(): void {
    for (;;) {
      this.skipSpaces();
      const ch = this.text[this.pos];
      if (ch === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
      else if (ch === '\n' || ch === '\r') this.pos++;
      else return;
    }
  }

  private endOfLine(): void {
    this.skipSpaces();
    if (this.text[this.pos] === '#') while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
    if (this.pos < this.text.length && this.text[this.pos] !== '\n' && this.text[this.pos] !== '\r') this.fail('expected the end of the line');
  }

  private expect(token: string): void {
    this.skipSpaces();
    if (!this.text.startsWith(token, this.pos)) this.fail(`expected '${token}'`);
    this.pos += token.length;
  }

  private keyPath(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpaces();
      const ch = this.text[this.pos];
      if (ch === '"' || ch === "'") keys.push(this.string());
      else {
        const m = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos, this.pos + 200));
        if (!m) this.fail('expected a key');
        keys.push(m[0]);
        this.pos += m[0].length;
      }
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return keys;
      this.pos++;
    }
  }

  private tableAt(from: TomlTable, keys: string[]): TomlTable {
    let t = from;
    for (const key of keys) {
      let next = t[key];
      if (Array.isArray(next)) next = next[next.length - 1];
      if (next === undefined) t[key] = next = {};
      if (typeof next !== 'object' || Array.isArray(next)) this.fail(`'${key}' is not a table`);
      t = next as TomlTable;
    }
    return t;
  }

  private appendTable(doc: TomlTable, keys: string[]): TomlTable {
    const owner = this.tableAt(doc, keys.slice(0, -1));
    const last = keys[keys.length - 1];
    const list = (owner[last] ??= []) as TomlValue[];
    if (!Array.isArray(list)) this.fail(`'${last}' is not an array of tables`);
    const t: TomlTable = {};
    list.push(t);
    return t;
  }

  private value(): TomlValue {
    this.skipSpaces();
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") return this.string();
    if (ch === '[') return this.array();
    if (ch === '{') return this.inlineTable();
    const m = /^[^,\]}\s#]+/.exec(this.text.slice(this.pos, this.pos + 200));
    if (!m) this.fail('expected a value');
    this.pos += m[0].length;
    if (m[0] === 'true') return true;
    if (m[0] === 'false') return false;
    const n = Number(m[0].replace(/_/g, ''));
    return Number.isNaN(n) ? m[0] : n;
  }

  private string(): string {
    const quote = this.text[this.pos];
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delim = triple ? quote.repeat(3) : quote;
    this.pos += delim.length;
    if (triple && this.text[this.pos] === '\n') this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string');
      if (this.text.startsWith(delim, this.pos)) {
        this.pos += delim.length;
        return out;
      }
      const ch = this.text[this.pos];
      if (!triple && ch === '\n') this.fail('unterminated string');
      if (ch === '\\' && quote === '"') {
        const esc = this.text[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', b: '\b', f: '\f' };
        if (esc in simple) {
          out += simple[esc];
          this.pos += 2;
        } else if (esc === 'u' || esc === 'U') {
          const len = esc === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(this.text.slice(this.pos + 2, this.pos + 2 + len), 16));
          this.pos += 2 + len;
        } else if (triple && (esc === '\n' || esc === ' ' || esc === '\r')) {
          this.pos += 1;
          while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
        } else this.fail(`unknown escape \\${esc}`);
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  private array(): TomlValue[] {
    this.pos++;
    const items: TomlValue[] = [];
    for (;;) {
      this.skipBlankAndComments();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return items;
      }
      items.push(this.value());
      this.skipBlankAndComments();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') this.fail("expected ',' or ']'");
    }
  }

  private inlineTable(): TomlTable {
    this.pos++;
    const t: TomlTable = {};
    for (;;) {
      this.skipSpaces();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return t;
      }
      const keys = this.keyPath();
      this.expect('=');
      this.tableAt(t, keys.slice(0, -1))[keys[keys.length - 1]] = this.value();
      this.skipSpaces();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail("expected ',' or '}'");
    }
  }
}
