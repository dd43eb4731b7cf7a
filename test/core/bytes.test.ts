import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLineIndex, firstInvalidUtf8Byte, lintBytes, lintText, maxFileBytes, utf8ByteLength } from '../../core/src/index';

const bom = [0xef, 0xbb, 0xbf];

function bytesOf(...parts: Array<string | number[]>): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'utf8')] : part)));
}

function positions(result: ReturnType<typeof lintBytes>): string[] {
  const index = createLineIndex(result.parsed.text);
  return result.findings.map((finding) => {
    const start = index.positionAt(finding.span.start);
    return `${finding.code} ${start.line}:${start.character}`;
  });
}

describe('a file read as bytes (the CLI, the dev server)', () => {
  test('a BOM is dropped as the editor drops it: findings on line 1 point where the editor shows them', () => {
    const withBom = lintBytes(bytesOf(bom, 'prot: 1\nversion: 2\n'));
    assert.deepEqual(positions(withBom), ['unknown-key 0:0', 'invalid-version 1:9']);
    assert.deepEqual(withBom.findings, lintText('prot: 1\nversion: 2\n').findings);
  });

  test('bytes that are not UTF-8 are one yaml-syntax finding on the first bad byte, which the message names', () => {
    const result = lintBytes(bytesOf('version: 1\ndeploy:\n  healthcheck: /caf', [0xe9], '\n  port: x\n'));
    assert.deepEqual(positions(result), ['yaml-syntax 2:19']);
    assert.match(result.findings[0].message, /not valid UTF-8: byte 0xE9/);
    assert.equal(result.findings[0].severity, 'error');
  });

  test('the 64 KiB cap counts the bytes on disk: 65,000 Latin-1 bytes are an encoding error, not a file of 65,600 bytes', () => {
    const body = bytesOf('version: 1\n# ', new Array(300).fill(0xe9), '\n');
    const padded = new Uint8Array(65_000).fill(0x20);
    padded.set(body);
    padded[padded.length - 1] = 0x0a;
    assert.deepEqual(lintBytes(padded).findings.map((finding) => finding.code), ['yaml-syntax']);
  });

  test('a BOM counts toward the cap, as Tinyforge counts the file', () => {
    const text = `version: 1\n# ${'x'.repeat(maxFileBytes - 15)}\n`;
    assert.equal(Buffer.byteLength(text), maxFileBytes - 1);
    assert.deepEqual(lintBytes(bytesOf(text)).findings, []);
    assert.deepEqual(lintBytes(bytesOf(bom, text)).findings.map((finding) => finding.code), ['file-too-large']);
    assert.match(lintBytes(bytesOf(bom, text)).findings[0].message, /65,538 bytes/);
  });

  test('UTF-8 is checked as RFC 3629 defines it', () => {
    assert.equal(firstInvalidUtf8Byte(bytesOf('ok é ✓ 🚀')), -1);
    assert.equal(firstInvalidUtf8Byte(bytesOf('a', [0xc0, 0x80])), 1, 'overlong NUL');
    assert.equal(firstInvalidUtf8Byte(bytesOf('ab', [0xe0, 0x80, 0xaf])), 2, 'overlong slash');
    assert.equal(firstInvalidUtf8Byte(bytesOf([0xed, 0xa0, 0x80])), 0, 'a surrogate');
    assert.equal(firstInvalidUtf8Byte(bytesOf([0xf4, 0x90, 0x80, 0x80])), 0, 'past U+10FFFF');
    assert.equal(firstInvalidUtf8Byte(bytesOf('abc', [0xe2, 0x9c])), 3, 'cut off at the end');
    assert.equal(firstInvalidUtf8Byte(bytesOf('x', [0x80])), 1, 'a lone continuation byte');
  });
});

describe('a text from the editor: its size in bytes and its forbidden characters', () => {
  test('the byte count the 64 KiB cap uses is UTF-8 exact: ASCII, Cyrillic, emoji, lone surrogates, after an ASCII prefix', () => {
    for (const text of ['', 'version: 1\n', 'порт: 8080', `${'a'.repeat(1000)}й😀\uD800x\uDC00`, '😀', '\uDBFF', `# ${'x'.repeat(70_000)}`]) {
      assert.equal(utf8ByteLength(text), Buffer.byteLength(text, 'utf8'), JSON.stringify(text.slice(0, 40)));
    }
    // Just over the cap by one multi-byte letter: too large, the file's first line says so.
    const overByOne = `version: 1\n# ${'x'.repeat(maxFileBytes - 14)}й`;
    assert.equal(utf8ByteLength(overByOne), maxFileBytes + 1);
    assert.deepEqual(lintText(overByOne).findings.map((finding) => finding.code), ['file-too-large']);
  });

  test('each kind of forbidden character is a yaml-syntax finding at it; NEL, U+FFFD and a surrogate pair are not', () => {
    for (const bad of ['\u0000', '\u0008', '\u000B', '\u001F', '\u007F', '\u0084', '\u0086', '\u009F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00']) {
      const text = `version: 1\n# note ${bad} here\ndeploy:\n  port: 8080\n`;
      const findings = lintText(text).findings;
      assert.deepEqual(findings.map((finding) => [finding.code, finding.span.start]), [['yaml-syntax', text.indexOf(bad)]], JSON.stringify(bad));
    }
    for (const fine of ['\u0085', '\uFFFD', '😀', 'é']) {
      assert.deepEqual(lintText(`version: 1\n# note ${fine} here\ndeploy:\n  port: 8080\n`).findings, [], JSON.stringify(fine));
    }
  });
});
