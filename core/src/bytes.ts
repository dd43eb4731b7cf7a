import type { SyntaxProblem } from './parse';

/** A file's bytes as the text the editor would hold, with what the raw bytes say that the text no longer can. */
export interface DecodedConfig {
  /** UTF-8 decoded, without a leading BOM (the editor drops it too); invalid bytes become U+FFFD. */
  text: string;
  /** Size of the file on disk, BOM included: what Tinyforge's 64 KiB cap counts. */
  byteLength: number;
  /** The first byte that is not UTF-8, as a problem on the text. */
  encodingProblem?: SyntaxProblem;
}

/** Index of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or code points past U+10FFFF), or -1. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (!length) return i;
    const second = bytes[i + 1];
    const secondLow = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const secondHigh = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (second === undefined || second < secondLow || second > secondHigh) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return -1;
}

/** Decodes a `.tinyforge.yml` read from disk or git; the CLI and the dev server lint what this returns. */
export function decodeConfigBytes(bytes: Uint8Array): DecodedConfig {
  const decoder = new TextDecoder('utf-8');
  const text = decoder.decode(bytes);
  const invalid = firstInvalidUtf8Byte(bytes);
  if (invalid < 0) return { text, byteLength: bytes.length };
  // The bytes before the bad one are valid, so their decoded length is the offset in `text` (BOM dropped alike).
  const offset = decoder.decode(bytes.subarray(0, invalid)).length;
  const detail = bytes[invalid].toString(16).toUpperCase().padStart(2, '0');
  return { text, byteLength: bytes.length, encodingProblem: { span: { start: offset, end: offset + 1 }, detail, kind: 'invalid-utf8' } };
}
