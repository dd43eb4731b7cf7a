import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixesFor, lintText, messageCatalog } from '../../core/src/index';

describe('core messages in English and Russian', () => {
  test('both languages have every message, with the same placeholders', () => {
    const english = messageCatalog('en');
    const russian = messageCatalog('ru');
    assert.deepEqual(Object.keys(russian).sort(), Object.keys(english).sort());
    for (const id of Object.keys(english) as Array<keyof typeof english>) {
      assert.ok(russian[id].trim(), `${id} is empty in Russian`);
      const placeholders = (text: string) => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
      assert.deepEqual(placeholders(russian[id]), placeholders(english[id]), `${id} placeholders differ`);
    }
  });
});

describe('the file\'s own text in a message', () => {
  test('a quoted key holding an escape sequence and a newline is shown as escapes in the message and the fix titles', () => {
    const text = 'version: 1\ndeploy:\n  "\\e]0;owned\\a\\e[2Jport\\n": 8080\n';
    const { parsed, findings } = lintText(text);
    const unknown = findings.find((finding) => finding.code === 'unknown-key');
    assert.ok(unknown, findings.map((finding) => finding.code).join());
    assert.match(unknown.message, /\\x1b\]0;owned\\x07\\x1b\[2Jport\\n/);
    const shown = [unknown.message, ...fixesFor(parsed, unknown).map((fix) => fix.title)];
    for (const line of shown) assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f]/, line);
  });
});
