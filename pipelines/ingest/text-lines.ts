/** Streams a text file (plain or gzip, detected by magic bytes) as UTF-8 lines with 1-based line numbers. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError, type ReportInputError } from '../errors.ts';
import { decodeUtf8 } from './utf8.ts';

export interface TextLine {
  /** Decoded line without its `\n`, trailing `\r` or (line 1) UTF-8 BOM. */
  text: string;
  /** 1-based. */
  line: number;
}

export interface TextLinesOptions {
  /** Lines longer than this many bytes are reported and skipped without being buffered whole. Default 8 MiB. */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;
/** Bytes read from the start of a file to tell gzip and UTF-16 apart from UTF-8. */
const SNIFF_BYTES = 4096;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Opens `file` as a byte stream, gunzipped when it starts with the gzip magic bytes `1f 8b`.
 * A missing file, a directory or a (plain) UTF-16 file is reported as a file-level `InputError` (line null) and
 * yields null.
 */
export async function openTextStream(file: string, report: ReportInputError): Promise<Readable | null> {
  let isGzip: boolean;
  try {
    const stats = await stat(file);
    if (stats.isDirectory()) {
      report(new InputError(file, null, 'is a directory, expected a file'));
      return null;
    }
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
      isGzip = bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b;
      if (!isGzip && looksLikeUtf16(head.subarray(0, bytesRead))) {
        report(new InputError(file, null, 'looks like UTF-16; convert to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)'));
        return null;
      }
    } finally {
      await handle.close();
    }
  } catch (error) {
    report(new InputError(file, null, describeOpenError(error), { cause: error }));
    return null;
  }
  const raw = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  if (!isGzip) return raw;
  // pipeline() forwards a read error of the file into the gunzip stream, so one iterator sees every failure.
  return pipeline(raw, createGunzip({ chunkSize: READ_CHUNK_BYTES }), () => {});
}

/**
 * A UTF-16 byte order mark (`ff fe` or `fe ff`), or NUL in over a quarter of the first bytes: UTF-16 text read as
 * UTF-8 is half NUL bytes, which then reached the terminal in every line's error message (issue 10). UTF-8 text
 * never holds NUL (JSON and CSV have no use for it), so a real UTF-8 file is not mistaken for one.
 */
export function looksLikeUtf16(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return true;
  }
  let nul = 0;
  for (const byte of head) if (byte === 0) nul++;
  return head.length >= 4 && nul * 4 > head.length;
}

function describeOpenError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied, cannot read the file';
  return `cannot read the file (${error instanceof Error ? error.message : String(error)})`;
}

/**
 * Yields the lines of `file`. Memory stays bounded by the longest line (at most `maxLineBytes`) plus one read
 * chunk. Problems are reported, never thrown: invalid UTF-8 or an overlong line skips that line; a corrupt or
 * truncated gzip stream is reported at the line it broke in and ends the file (lines before it were yielded).
 * The last line needs no trailing newline; a file ending in `\n` has no extra empty line.
 */
export async function* readTextLines(
  file: string,
  report: ReportInputError,
  options: TextLinesOptions = {},
): AsyncGenerator<TextLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const stream = await openTextStream(file, report);
  if (stream === null) return;

  let line = 1;
  // Bytes of the current line seen in earlier chunks; dropped (only counted) once the line is overlong.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;

  const finishLine = (tail: Buffer): TextLine | null => {
    const lineBytes = pendingBytes + tail.length;
    if (overlong || lineBytes > maxLineBytes) {
      report(
        new InputError(
          file,
          line,
          `line is ${formatCount(lineBytes)} bytes, over the limit of ${formatCount(maxLineBytes)}`,
        ),
      );
      return null;
    }
    const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail], lineBytes);
    return decodeLine(file, line, bytes, report);
  };

  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<Buffer>;
      // Only stream failures are caught here: a throwing `report` (--on-error fail) must propagate unchanged.
      try {
        step = await chunks.next();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        report(
          new InputError(
            file,
            line,
            `the file is corrupt or truncated here (${reason}); the lines before it were kept, the rest of the file is skipped`,
            { cause: error },
          ),
        );
        return;
      }
      if (step.done === true) break;
      const chunk = step.value;
      let start = 0;
      let end = chunk.indexOf(NEWLINE, start);
      while (end !== -1) {
        const decoded = finishLine(chunk.subarray(start, end));
        if (decoded !== null) yield decoded;
        line += 1;
        pending = [];
        pendingBytes = 0;
        overlong = false;
        start = end + 1;
        end = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        pendingBytes += rest.length;
        if (overlong || pendingBytes > maxLineBytes) {
          overlong = true;
          pending = [];
        } else {
          pending.push(rest);
        }
      }
    }
  } finally {
    stream.destroy();
  }
  if (pendingBytes > 0 || overlong) {
    const decoded = finishLine(Buffer.alloc(0));
    if (decoded !== null) yield decoded;
  }
}

function decodeLine(file: string, line: number, bytes: Buffer, report: ReportInputError): TextLine | null {
  let from = 0;
  let to = bytes.length;
  if (line === 1 && to >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) from = 3;
  if (to > from && bytes[to - 1] === CARRIAGE_RETURN) to -= 1;
  const decoded = decodeUtf8(bytes.subarray(from, to));
  if ('text' in decoded) return { text: decoded.text, line };
  report(new InputError(file, line, `invalid UTF-8 at byte ${from + decoded.invalidAt} of the line`));
  return null;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
