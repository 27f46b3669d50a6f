/**
 * Splits CSV bytes into records, each numbered by the physical line it starts on (RFC 4180: `,` between fields;
 * a field opening with `"` is quoted, may hold `,` and newlines, and writes a quote as `""`; a `"` inside an
 * unquoted field is kept as text, as csv-parse's `relax_quotes` does). Records end at `\n`; a trailing `\r` goes.
 *
 * One pass over the bytes, O(bytes). Memory stays bounded by `maxRecordBytes` plus one chunk: a record longer
 * than the bound is reported and skipped to the end of its physical line without being kept, as
 * `text-lines.ts` skips an overlong JSON line.
 *
 * Recovery from an unclosed quote: a quoted field that runs over a newline and then ends badly (its closing quote
 * is followed by something other than `,` or the end of the line), runs to the end of the file, or passes the
 * bound, is reported at its record's first line, and the lines after the one the field opened on are read again
 * (they are still in memory: at most the bound). One stray quote costs its own record, not the rows after it.
 * Working on bytes is safe: `"`, `,`, `\r`, `\n` are ASCII and never occur inside a UTF-8 multi-byte character.
 */
import { formatCount } from './text-lines.ts';
import { decodeUtf8 } from './utf8.ts';

/** A record's fields, or why it was skipped; `line` is the physical line it starts on (1-based). */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** How far into a file to look for its first line ending. */
const HEAD_BYTES = 64 * 1024;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Inside a quoted field, just after a `"`: either the first of `""` or the closing quote. */
const QUOTE_IN_QUOTED = 3;
/** After a closing quote and a `\r`: only `\n` may follow. */
const CLOSED_CR = 4;
/** Skipping a bad record to the end of its physical line; `skipReason` says why. */
const SKIP_LINE = 5;
type State =
  typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED | typeof CLOSED_CR | typeof SKIP_LINE;

/** Feed it chunks in file order with `push`, then call `end`; each call returns the records completed so far. */
export class CsvRecordSplitter {
  /** Physical line of the next byte. */
  private line = 1;
  private recordLine = 1;
  private state: State = FIELD_START;
  /** 0-based index of the field being read. */
  private field = 0;
  /** Line the current quoted field opened on. */
  private quoteLine = 0;
  /** Offset in the record just past the first newline inside the current quoted field; -1 before one. */
  private quoteRestart = -1;
  /** Bytes of the current record from earlier buffers. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private skipReason: ((rowBytes: number) => string) | null = null;
  private skipBytes = 0;
  /** The file's first chunks while its line ending is unknown; null once known. */
  private head: Buffer[] | null = [];
  /** Classic Mac files end lines with a bare `\r` (csv-parse detects it too): read as `\n`, byte for byte. */
  private bareCarriageReturns = false;
  private readonly out: CsvRecord[] = [];

  constructor(private readonly maxRecordBytes: number) {}

  /** Line where the record being read started (where a broken stream is reported). */
  get currentRecordLine(): number {
    return this.recordLine;
  }

  push(chunk: Buffer): CsvRecord[] {
    if (this.head === null) this.read(chunk);
    else {
      // Hold the file's first bytes until its line ending shows, so the choice never depends on chunk sizes.
      this.head.push(chunk);
      const bytes = Buffer.concat(this.head);
      const bareCr = endsLinesWithBareCr(bytes);
      if (bareCr !== null || bytes.length >= HEAD_BYTES) this.readHead(bytes, bareCr === true);
    }
    return this.out.splice(0);
  }

  end(): CsvRecord[] {
    if (this.head !== null) this.readHead(Buffer.concat(this.head), false);
    for (;;) {
      if (this.state === SKIP_LINE) {
        this.endSkip();
        break;
      }
      if (this.state !== QUOTED) {
        if (this.pendingBytes > 0) this.endRecord(Buffer.alloc(0), 0, 0);
        break;
      }
      if (this.quoteRestart === -1) {
        this.emitError(`unclosed quote: field ${this.field + 1} runs to the end of the file`);
        break;
      }
      // The quoted field swallowed the lines after it: report it and read those lines again.
      const replay = this.restart(Buffer.alloc(0), 0, 0, 'runs to the end of the file');
      this.scanAll([replay]);
    }
    this.resetRecord();
    return this.out.splice(0);
  }

  private readHead(bytes: Buffer, bareCr: boolean): void {
    this.head = null;
    this.bareCarriageReturns = bareCr;
    this.read(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
  }

  private read(bytes: Buffer): void {
    this.scanAll([this.bareCarriageReturns ? carriageReturnsToNewlines(bytes) : bytes]);
  }

  private scanAll(work: Buffer[]): void {
    for (let next = work.shift(); next !== undefined; next = work.shift()) {
      const again = this.scan(next);
      if (again !== null) work.unshift(...again);
    }
  }

  /** Reads `buf`; returns the bytes to read next instead of the rest of `buf` when an unclosed quote restarts. */
  private scan(buf: Buffer): Buffer[] | null {
    let segStart = 0;
    const max = this.maxRecordBytes;
    // Next quote, comma and newline at or after i (buf.length when none): plain text is skipped by indexOf jumps.
    let nextQuote = -1;
    let nextComma = -1;
    let nextNewline = -1;
    const find = (byte: number, from: number): number => {
      const at = buf.indexOf(byte, from);
      return at === -1 ? buf.length : at;
    };
    for (let i = 0; i < buf.length; i++) {
      const byte = buf[i]!;
      const state = this.state;
      if (state === SKIP_LINE) {
        const newline = buf.indexOf(NEWLINE, i);
        if (newline === -1) {
          this.skipBytes += buf.length - i;
          return null;
        }
        this.skipBytes += newline - i;
        this.endSkip();
        this.line += 1;
        this.recordLine = this.line;
        i = newline;
        segStart = newline + 1;
        continue;
      }
      const ends = byte === NEWLINE && state !== QUOTED;
      if (!ends && this.pendingBytes + (i - segStart) >= max) {
        if (state === QUOTED || state === QUOTE_IN_QUOTED) {
          if (this.quoteRestart !== -1) {
            return [
              this.restart(buf, segStart, i, `runs past the limit of ${formatCount(max)} bytes a row`),
              buf.subarray(i),
            ];
          }
        }
        this.skip(
          segStart,
          i,
          (rowBytes) => `row is ${formatCount(rowBytes)} bytes, over the limit of ${formatCount(max)}`,
        );
        i -= 1;
        continue;
      }
      switch (state) {
        case FIELD_START:
          if (byte === QUOTE) this.openQuote();
          else if (byte === COMMA) this.field += 1;
          else if (byte !== NEWLINE) this.state = UNQUOTED;
          break;
        case UNQUOTED:
          if (byte === COMMA) {
            this.field += 1;
            this.state = FIELD_START;
          } else if (!ends) {
            if (nextComma < i) nextComma = find(COMMA, i);
            if (nextNewline < i) nextNewline = find(NEWLINE, i);
            // Resume just before the next byte that matters (or the first byte over the bound).
            i = Math.min(nextComma, nextNewline, segStart + max - this.pendingBytes) - 1;
            continue;
          }
          break;
        case QUOTED:
          if (byte === QUOTE) this.state = QUOTE_IN_QUOTED;
          else if (byte === NEWLINE) {
            if (this.quoteRestart === -1) this.quoteRestart = this.pendingBytes + (i - segStart) + 1;
            this.line += 1;
          } else {
            if (nextQuote < i) nextQuote = find(QUOTE, i);
            if (nextNewline < i) nextNewline = find(NEWLINE, i);
            i = Math.min(nextQuote, nextNewline, segStart + max - this.pendingBytes) - 1;
            continue;
          }
          break;
        case QUOTE_IN_QUOTED:
          if (byte === QUOTE) this.state = QUOTED;
          else if (byte === COMMA) {
            this.field += 1;
            this.state = FIELD_START;
          } else if (byte === CARRIAGE_RETURN) this.state = CLOSED_CR;
          else if (byte !== NEWLINE) {
            const again = this.badClose(buf, segStart, i, byte);
            if (again !== null) return again;
            i -= 1;
            continue;
          }
          break;
        case CLOSED_CR:
          if (byte !== NEWLINE) {
            const again = this.badClose(buf, segStart, i, CARRIAGE_RETURN);
            if (again !== null) return again;
            i -= 1;
            continue;
          }
          break;
      }
      if (ends) {
        this.endRecord(buf, segStart, i);
        this.line += 1;
        this.recordLine = this.line;
        segStart = i + 1;
      }
    }
    if (this.state !== SKIP_LINE && segStart < buf.length) {
      this.pending.push(buf.subarray(segStart));
      this.pendingBytes += buf.length - segStart;
    }
    return null;
  }

  private openQuote(): void {
    this.state = QUOTED;
    this.quoteLine = this.line;
    this.quoteRestart = -1;
  }

  /** A closing quote followed by `byte`: an unclosed quote if the field spans lines, else a bad row. */
  private badClose(buf: Buffer, segStart: number, at: number, byte: number): Buffer[] | null {
    if (this.quoteRestart !== -1) {
      const where = `reaches a quote at line ${this.line} followed by ${describeByte(byte)}`;
      return [this.restart(buf, segStart, at, where), buf.subarray(at)];
    }
    const field = this.field + 1;
    this.skip(
      segStart,
      at,
      () =>
        `CSV syntax error: ${describeByte(byte)} after the closing quote of field ${field}; write a quote inside a quoted field as ""`,
    );
    return null;
  }

  /** Reports the record whose quoted field never closed, and returns the bytes after the line it opened on. */
  private restart(buf: Buffer, segStart: number, at: number, where: string): Buffer {
    const from = this.quoteRestart;
    const record = Buffer.concat([...this.pending, buf.subarray(segStart, at)]);
    const nextLine = this.quoteLine + 1;
    this.emitError(
      `unclosed quote: field ${this.field + 1}, opened at line ${this.quoteLine}, ${where}; the rows from line ${nextLine} on are read again`,
    );
    this.resetRecord();
    this.line = nextLine;
    this.recordLine = nextLine;
    return record.subarray(from);
  }

  private skip(segStart: number, at: number, reason: (rowBytes: number) => string): void {
    this.skipBytes = this.pendingBytes + (at - segStart);
    this.skipReason = reason;
    this.pending = [];
    this.pendingBytes = 0;
    this.state = SKIP_LINE;
  }

  private endSkip(): void {
    this.emitError(this.skipReason!(this.skipBytes));
    this.resetRecord();
  }

  private endRecord(buf: Buffer, segStart: number, end: number): void {
    let bytes =
      this.pending.length === 0
        ? buf.subarray(segStart, end)
        : Buffer.concat([...this.pending, buf.subarray(segStart, end)]);
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1);
    if (bytes.length > 0) {
      const decoded = decodeUtf8(bytes);
      if ('text' in decoded) this.out.push({ line: this.recordLine, fields: splitFields(decoded.text) });
      else this.emitError(`invalid UTF-8 at byte ${decoded.invalidAt} of the row`);
    }
    this.resetRecord();
  }

  private emitError(error: string): void {
    this.out.push({ line: this.recordLine, error });
  }

  private resetRecord(): void {
    this.state = FIELD_START;
    this.field = 0;
    this.quoteRestart = -1;
    this.pending = [];
    this.pendingBytes = 0;
    this.skipReason = null;
    this.skipBytes = 0;
  }
}

/** The fields of one record's text, which the splitter has already checked against the grammar above. */
export function splitFields(text: string): string[] {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (text.charCodeAt(at) === QUOTE) {
      let close = text.indexOf('"', at + 1);
      let escaped = false;
      while (text.charCodeAt(close + 1) === QUOTE) {
        escaped = true;
        close = text.indexOf('"', close + 2);
      }
      const value = text.slice(at + 1, close);
      fields.push(escaped ? value.replaceAll('""', '"') : value);
      at = close + 1;
    } else {
      const comma = text.indexOf(',', at);
      const end = comma === -1 ? text.length : comma;
      fields.push(text.slice(at, end));
      at = end;
    }
    if (at >= text.length) return fields;
    at += 1;
  }
}

/** Whether the first line ends with a `\r` that no `\n` follows; null until the bytes show it. */
function endsLinesWithBareCr(bytes: Buffer): boolean | null {
  const cr = bytes.indexOf(CARRIAGE_RETURN);
  const newline = bytes.indexOf(NEWLINE);
  if (cr !== -1 && (newline === -1 || cr < newline)) return cr + 1 < bytes.length ? bytes[cr + 1] !== NEWLINE : null;
  return newline === -1 ? null : false;
}

function carriageReturnsToNewlines(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let at = copy.indexOf(CARRIAGE_RETURN); at !== -1; at = copy.indexOf(CARRIAGE_RETURN, at + 1))
    copy[at] = NEWLINE;
  return copy;
}

function describeByte(byte: number): string {
  if (byte === CARRIAGE_RETURN) return 'a carriage return';
  if (byte >= 0x20 && byte < 0x7f) return JSON.stringify(String.fromCharCode(byte));
  return `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
