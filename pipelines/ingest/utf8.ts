/** Strict UTF-8 decoding for the readers: a record with invalid bytes is reported, never patched with U+FFFD. */

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or the 1-based offset of the byte that starts the first invalid UTF-8 sequence. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { invalidAt: number } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    return { invalidAt: firstInvalidUtf8Byte(bytes) };
  }
}

/** 1-based offset of the byte that starts the first invalid UTF-8 sequence; call it only on bytes that failed. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  // Binary search for the longest prefix a streaming decode accepts; it may end inside an unfinished character,
  // so the culprit starts at the end of the longest prefix (at most 3 bytes shorter) that decodes completely.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (decodes(bytes.subarray(0, mid), true)) low = mid;
    else high = mid - 1;
  }
  let complete = low;
  while (complete > 0 && !decodes(bytes.subarray(0, complete), false)) complete -= 1;
  return complete + 1;
}

function decodes(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}
