import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { InputError } from '../../../pipelines/errors.ts';
import { readTextLines } from '../../../pipelines/ingest/text-lines.ts';
import { DATA_DIR, collect, recorder, tempDir } from './helpers.ts';

const { dir, write } = tempDir();

async function lines(file: string, maxLineBytes?: number) {
  const { report, messages } = recorder();
  const options = maxLineBytes === undefined ? {} : { maxLineBytes };
  const result = await collect(readTextLines(file, report, options));
  return { lines: result.map((l) => [l.line, l.text]), messages };
}

describe('readTextLines(file, report)', () => {
  it('yields lines with 1-based numbers and no extra line after a final newline', async () => {
    const file = write('plain.txt', 'a\nbb\n\nccc\n');
    expect(await lines(file)).toEqual({
      lines: [
        [1, 'a'],
        [2, 'bb'],
        [3, ''],
        [4, 'ccc'],
      ],
      messages: [],
    });
  });

  it('yields a last line without a trailing newline', async () => {
    const file = write('no-final-newline.txt', 'a\nb');
    expect((await lines(file)).lines).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('strips a UTF-8 BOM on line 1 and a trailing \\r on every line', async () => {
    const file = write('bom-crlf.txt', '\ufeffhé\r\nwörld\r\n');
    expect((await lines(file)).lines).toEqual([
      [1, 'hé'],
      [2, 'wörld'],
    ]);
  });

  it('gunzips by magic bytes, whatever the extension', async () => {
    const file = write('disguised.txt', gzipSync('one\ntwo\n'));
    expect((await lines(file)).lines).toEqual([
      [1, 'one'],
      [2, 'two'],
    ]);
  });

  it('reads a plain file named .gz as plain text', async () => {
    const file = write('not-really.gz', 'plain\n');
    expect((await lines(file)).lines).toEqual([[1, 'plain']]);
  });

  it('joins a line split across read chunks (lines longer than the 1 MiB chunk)', async () => {
    const long = 'x'.repeat(3 * 1024 * 1024 + 7);
    const file = write('long.txt', `a\n${long}\nb\n`);
    const result = await lines(file);
    expect(result.lines.map(([n, text]) => [n, (text as string).length])).toEqual([
      [1, 1],
      [2, long.length],
      [3, 1],
    ]);
  });

  it('reports an invalid UTF-8 line at its line and byte, and keeps the lines around it', async () => {
    const file = write(
      'bad-utf8.txt',
      Buffer.concat([Buffer.from('ok\nab'), Buffer.from([0xff, 0xfe]), Buffer.from('c\nfine\n')]),
    );
    expect(await lines(file)).toEqual({
      lines: [
        [1, 'ok'],
        [3, 'fine'],
      ],
      messages: [`${file}:2: invalid UTF-8 at byte 3 of the line`],
    });
  });

  it('locates a truncated multi-byte character at its lead byte', async () => {
    const file = write(
      'truncated-char.txt',
      Buffer.concat([Buffer.from('ab'), Buffer.from([0xc3]), Buffer.from('x\n')]),
    );
    expect((await lines(file)).messages).toEqual([`${file}:1: invalid UTF-8 at byte 3 of the line`]);
  });

  it('reports a line over maxLineBytes and skips it without losing the next line', async () => {
    const file = write('overlong.txt', `short\n${'y'.repeat(100)}\nafter\n`);
    expect(await lines(file, 50)).toEqual({
      lines: [
        [1, 'short'],
        [3, 'after'],
      ],
      messages: [`${file}:2: line is 100 bytes, over the limit of 50`],
    });
  });

  it('reports an overlong last line without a trailing newline', async () => {
    const file = write('overlong-last.txt', `short\n${'y'.repeat(100)}`);
    expect((await lines(file, 50)).messages).toEqual([`${file}:2: line is 100 bytes, over the limit of 50`]);
  });

  it('yields nothing and reports nothing for an empty file', async () => {
    expect(await lines(write('empty.txt', ''))).toEqual({ lines: [], messages: [] });
  });

  it('reports a missing file as a file-level error (line null)', async () => {
    const { report, errors } = recorder();
    const missing = join(dir, 'missing.jsonl');
    expect(await collect(readTextLines(missing, report))).toEqual([]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([[null, `${missing}: no such file`]]);
  });

  it('reports a directory as a file-level error (line null)', async () => {
    const sub = join(dir, 'a-directory');
    mkdirSync(sub);
    const { report, errors } = recorder();
    expect(await collect(readTextLines(sub, report))).toEqual([]);
    expect(errors.map((e) => [e.line, e.message])).toEqual([[null, `${sub}: is a directory, expected a file`]]);
  });

  it('reports a truncated gzip once, at the line it broke in, keeping the complete lines before it', async () => {
    const whole = readFileSync(join(DATA_DIR, 'hackernews-posts-2015-2016.jsonl.gz'));
    const file = write('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const { report, errors } = recorder();
    const result = await collect(readTextLines(file, report));
    expect(result.length).toBeGreaterThan(1000);
    expect(result.length).toBeLessThan(20_100);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(result.length + 1);
    expect(errors[0]!.message).toMatch(
      new RegExp(
        `^${file}:${result.length + 1}: the file is corrupt or truncated here \\(unexpected end of file\\); the lines before it were kept`,
      ),
    );
    for (const { text } of result) expect(() => JSON.parse(text) as unknown).not.toThrow();
  });

  it('lets a throwing report (--on-error fail) propagate', async () => {
    const file = write('bad-for-fail.txt', Buffer.from([0x61, 0x0a, 0xc3, 0x0a]));
    const fail = (error: InputError): never => {
      throw error;
    };
    const thrown: unknown = await collect(readTextLines(file, fail)).catch((error: unknown) => error);
    expect((thrown as Error).message).toBe(`${file}:2: invalid UTF-8 at byte 1 of the line`);
  });

  it('reads every line of a real gzip corpus', async () => {
    const { report, messages } = recorder();
    let count = 0;
    for await (const line of readTextLines(join(DATA_DIR, 'reuters21578.jsonl.gz'), report)) count = line.line;
    expect({ count, messages }).toEqual({ count: 19_043, messages: [] });
  });
});

describe('readTextLines(file, report) on UTF-16 files (issue 10)', () => {
  const TEXT =
    '{"id": "u1", "title": "Neural networks", "abstract": "We study them."}\n{"id": "u2", "title": "More"}\n';
  const beBytes = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();

  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), beBytes(TEXT)])],
    ['UTF-16 LE without BOM', Buffer.from(TEXT, 'utf16le')],
    ['UTF-16 BE without BOM', beBytes(TEXT)],
  ])('%s is one file-level error and yields no line', async (name, bytes) => {
    const file = write(`${name.replaceAll(' ', '-')}.jsonl`, bytes);
    expect(await lines(file)).toEqual({
      lines: [],
      messages: [`${file}: looks like UTF-16; convert to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)`],
    });
  });

  it('does not mistake UTF-8 text with a BOM, accents and a stray NUL for UTF-16', async () => {
    const file = write('utf8-nul.jsonl', `\ufeff${TEXT.replace('them', 'Lévy\u0000')}`);
    expect((await lines(file)).lines).toHaveLength(2);
  });
});
