import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { marked } from 'marked';
import { liveValueTypes } from '../../core/src/fields';
import { leafFields } from '../../core/src/schemaModel';
import { redact as redactMessage } from '../../api/src/errors';
import { capLength, markdownCode, markdownText, nameList, noticeText, plainText, redactJson, secretRedactor, textLimits } from '../../core/src/untrusted';

// VS Code renders hovers and tooltips with marked (GFM); what it makes of our Markdown is what a user sees.
const render = (markdown: string): string => marked.parse(markdown, { async: false, gfm: true });
const hostileMarkdown = [
  '[click](https://evil.example/x)',
  '![img](https://evil.example/i.png)',
  '<img src=x onerror=alert(1)>',
  '<b>bold</b> &amp; **strong** _em_ ~~gone~~ `code`',
  'https://evil.example/auto www.evil.example mail@evil.example',
  '$(alert) $(sync~spin)',
  '- a list',
  '# heading',
  '1. ordered',
  '| a | b |',
];

describe('outside text: one boundary for everything a server sends', () => {
  test('control characters and escape sequences are shown as escapes, never passed on', () => {
    assert.equal(plainText('a\u001b]0;pwned\u0007b'), 'a\\x1b]0;pwned\\x07b');
    assert.equal(plainText('x\u001b[2Jy\u009b31m'), 'x\\x1b[2Jy\\x9b31m');
    assert.equal(plainText('one\ntwo\r\nthree\tfour'), 'one\\ntwo\\r\\nthree\\tfour');
    assert.equal(plainText('abc\u202eevil\u2066'), 'abc\\u202eevil\\u2066', 'bidi overrides (Trojan Source)');
    assert.equal(plainText('\u0000\u007f'), '\\x00\\x7f');
    assert.equal(plainText('/healthz'), '/healthz', 'plain text is left alone');
    assert.equal(plainText('Ёлка — ок'), 'Ёлка — ок');
  });

  test('lengths are capped with an ellipsis, without splitting a character', () => {
    const name = 'x'.repeat(4 * 1024 * 1024);
    const shown = plainText(name, textLimits.name);
    assert.equal(shown.length, textLimits.name);
    assert.ok(shown.endsWith('…'));
    assert.equal(capLength('ab😀cd', 4), 'ab…', 'the surrogate pair is dropped whole');
    assert.equal(capLength('abc', 3), 'abc');
    // Escapes lengthen the text; the cap holds after them too.
    assert.ok(plainText('\u001b'.repeat(1000), 50).length <= 50);
  });

  test('Markdown from a server renders as the same text: no link, image, HTML, emphasis, list, heading or icon', () => {
    for (const text of hostileMarkdown) {
      const html = render(markdownText(text));
      assert.doesNotMatch(html, /<(a|img|b|strong|em|del|code|ul|ol|li|h1|table)\b/, `${text} → ${html}`);
      // What the reader sees is the original text (HTML-escaped by the renderer).
      const seen = html.replace(/<\/?p>\n?/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
      assert.equal(seen, text, text);
      assert.ok(!/\$\(/.test(markdownText(text).replace(/\\\$\\\(/g, '')), `a theme icon stays unescaped in ${text}`);
    }
  });

  test('a value as a code span cannot leave it, in a table cell or not', () => {
    for (const value of ['a`b', '``x``', '`', 'a|b', '</code><img src=x>', '']) {
      const cell = render(`| h |\n|---|\n| ${markdownCode(value, { inTable: true })} |`);
      assert.equal((cell.match(/<td>/g) ?? []).length, 1, `one cell for ${value}: ${cell}`);
      assert.doesNotMatch(cell, /<img/);
      const inline = render(markdownCode(value));
      assert.doesNotMatch(inline, /<img/);
      if (value) assert.match(inline, /<code>/, inline);
    }
  });

  test('a value in a cell of a three-column table keeps the row: a backslash before its pipe does not end the cell', () => {
    for (const value of ['x\\|[y](https://evil.example)\\|', 'a\\\\|b', '|||']) {
      const html = render(`| f | repo | live |\n|---|---|---|\n| ${markdownCode('deploy.port', { inTable: true })} | ${markdownCode(value, { inTable: true })} | ${markdownCode('3000', { inTable: true })} |`);
      assert.equal((html.match(/<td>/g) ?? []).length, 3, `${value}: ${html}`);
      assert.doesNotMatch(html, /<a /, `${value}: ${html}`);
    }
  });

  test('text for a notification or the status bar: no Markdown link and no theme icon parse in it', () => {
    assert.equal(noticeText('[open](command:workbench.action.quit) $(alert)'), '[open] (command:workbench.action.quit) $ (alert)');
    assert.equal(noticeText('shop-api'), 'shop-api');
    assert.equal(noticeText('[a](b) '.repeat(100), 50).length, 50, 'the spaces it adds do not take it past its cap');
  });

  test('the token is redacted as it is and percent-encoded in either hex case; text without it is returned as is', () => {
    const token = 'tf+secret/9a8b';
    const redact = secretRedactor([token]);
    assert.equal(redact(`a ${token} b tf%2Bsecret%2F9a8b c tf%2bsecret%2f9a8b`), 'a *** b *** c ***');
    const clean = 'nothing to see';
    assert.equal(redact(clean), clean);
    assert.equal(secretRedactor([''])('x'), 'x', 'an empty secret redacts nothing');
    assert.equal(secretRedactor(['abc123def'])('key ABC123DEF'), 'key ***', 'any case, with no % in the text');
    // A long message is redacted before it is cut: no first characters of the token are left at the cut.
    const echoed = redactMessage(`${'\n'.repeat(4080)}${token}${'x'.repeat(300)}`, [token]);
    assert.ok(!echoed.includes('tf+s') && echoed.startsWith('***'), echoed.slice(0, 40));
  });

  test('a parsed answer loses the token from every string, keys too, however deep, without recursion', () => {
    const token = 'tok-123456';
    const redact = secretRedactor([token]);
    const deepText = `${'['.repeat(10_000)}"x${token}"${']'.repeat(10_000)}`;
    const input = JSON.parse(`{"name":"a-${token}","k${token}":1,"list":["${token}",5,null,true],"deep":${deepText},"__proto__":{"polluted":"${token}"}}`);
    const output = redactJson(input, redact) as Record<string, unknown>;
    assert.equal(output.name, 'a-***');
    assert.equal(output['k***'], 1);
    assert.deepEqual(output.list, ['***', 5, null, true]);
    let deep = output.deep;
    for (let depth = 0; depth < 10_000; depth++) deep = (deep as unknown[])[0];
    assert.equal(deep, 'x***');
    assert.deepEqual(Object.getOwnPropertyDescriptor(output, '__proto__')?.value, { polluted: '***' }, 'a "__proto__" key stays a plain key');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was touched');
    assert.equal(input.name, `a-${token}`, 'the input is not changed');
  });

  test('a list of names is bounded: the first five, then how many more', () => {
    const names = Array.from({ length: 20_000 }, (_, index) => `wl-${index}\u001b[2J`);
    const line = nameList(names, (count) => `and ${count} more`);
    assert.ok(line.length < 200, `${line.length} characters`);
    assert.match(line, /^wl-0\\x1b\[2J, .* and 19995 more$/);
  });

  test("the live values' types are the schema's", () => {
    const schemaTypes = Object.fromEntries(leafFields().filter((field) => field.path in liveValueTypes).map((field) => [field.path, field.type]));
    assert.deepEqual(schemaTypes, liveValueTypes);
  });
});
