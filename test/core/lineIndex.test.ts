import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLineIndex } from '../../core/src/index';

/** Line starts as YAML and the editor count them: LF, CRLF and a lone CR each end a line. */
function expectedStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') i++;
    if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

test('positions and offsets agree with the line breaks of LF, CRLF, lone-CR and mixed texts, at every offset', () => {
  const texts = ['', 'version: 1', 'version: 1\n', 'a: 1\nb:\n  c: 2\n\n', 'a: 1\r\nb: 2\r\n', 'a: 1\rb: 2\r', 'a\r\nb\nc\rd', '\n\n\r\n\r'];
  for (const text of texts) {
    const index = createLineIndex(text);
    const starts = expectedStarts(text);
    assert.equal(index.lineCount, starts.length, JSON.stringify(text));
    for (let offset = 0; offset <= text.length; offset++) {
      let line = starts.length - 1;
      while (starts[line] > offset) line--;
      const position = index.positionAt(offset);
      assert.deepEqual(position, { line, character: offset - starts[line] }, `${JSON.stringify(text)} at ${offset}`);
      // A position inside a CRLF maps back onto the line's end, before the CR.
      const back = index.offsetAt(position);
      assert.ok(back === offset || (text[back] === '\r' && back === offset - 1), `${JSON.stringify(text)}: ${offset} → ${back}`);
    }
    for (let line = 0; line < starts.length; line++) {
      const end = index.lineEnd(line);
      assert.ok(end >= index.lineStart(line) && !/[\r\n]/.test(text.slice(index.lineStart(line), end)), `${JSON.stringify(text)} line ${line}`);
      assert.ok(end === text.length || /[\r\n]/.test(text[end]), `${JSON.stringify(text)} line ${line} ends at a break`);
    }
  }
});
