import { describe, expect, it } from 'vitest';
import { isJsSpace } from '../../../pipelines/text/js-space.ts';

describe('isJsSpace(code)', () => {
  it('equals /\\s/ on every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) if (isJsSpace(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });
});
