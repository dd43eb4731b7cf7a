import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLineIndex, lintText, maxFileBytes } from '../../core/src/index';

function codesAt(text: string): string[] {
  const index = createLineIndex(text);
  return lintText(text).findings.map((finding) => {
    const start = index.positionAt(finding.span.start);
    return `${finding.code} ${start.line}:${start.character}`;
  });
}

describe('contract rules the fixtures cannot hold', () => {
  test('an empty or whitespace-only file is missing-required at 0:0 (rule 4)', () => {
    assert.deepEqual(codesAt(''), ['missing-required 0:0']);
    assert.deepEqual(codesAt('  \n\n   \n'), ['missing-required 0:0']);
  });

  test('file-too-large counts UTF-8 bytes: 65,536 is allowed, 65,537 is not, and nothing else is reported (rule 2)', () => {
    const head = 'version: 1\nprot: 1\n# ';
    // "é" is two UTF-8 bytes but one UTF-16 unit, so a character count would get this wrong.
    const pad = (bytes: number): string => {
      const remaining = bytes - head.length - 1;
      return `${head}${'é'.repeat(Math.floor(remaining / 2))}${remaining % 2 ? 'x' : ''}\n`;
    };
    const atLimit = pad(maxFileBytes);
    assert.equal(Buffer.byteLength(atLimit), 65_536);
    assert.deepEqual(codesAt(atLimit), ['unknown-key 1:0']);
    const overLimit = pad(maxFileBytes + 1);
    assert.equal(Buffer.byteLength(overLimit), 65_537);
    const findings = lintText(overLimit).findings;
    assert.deepEqual(findings.map((f) => f.code), ['file-too-large']);
    assert.deepEqual([findings[0].span.start, findings[0].span.end], [0, 'version: 1'.length]);
    assert.match(findings[0].message, /65,537 bytes/);
  });

  test('CRLF line endings give the same positions as LF', () => {
    assert.deepEqual(codesAt('version: 1\r\ndeploy:\r\n  prot: 1\r\n'), ['unknown-key 2:2']);
  });

  test('a byte-order mark is allowed', () => {
    assert.deepEqual(codesAt('\uFEFFversion: 1\ndeploy: {port: 80}\n'), []);
  });

  test('a null root (~) is not a mapping: invalid-type at 0:0', () => {
    assert.deepEqual(codesAt('~\n'), ['invalid-type 0:0']);
  });

  test('the duplicate value is not validated again, only its key is reported', () => {
    assert.deepEqual(codesAt('version: 1\ndeploy:\n  port: 1\n  port: nope\n'), ['duplicate-key 3:2']);
  });

  test('keys that would be special in JavaScript are ordinary unknown keys', () => {
    assert.deepEqual(codesAt('version: 1\n__proto__: {port: 1}\nconstructor: 1\n'), ['unknown-key 1:0', 'unknown-key 2:0']);
  });

  test('a complex key is an unknown key', () => {
    assert.deepEqual(codesAt('version: 1\n? [a, b]\n: 1\n'), ['unknown-key 1:2']);
  });

  test('an alias bomb costs no more than its text and reports on the alias (rule 9)', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) {
      const previous = String.fromCharCode(96 + i);
      levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const text = `version: 1\n${levels.join('\n')}\ndeploy: *l\n`;
    const findings = lintText(text).findings;
    assert.deepEqual(findings.map((f) => f.code), [...Array(12).fill('unknown-key'), 'invalid-type']);
    assert.equal(text.slice(findings[12].span.start, findings[12].span.end), '*l');
  });

  test('"did you mean" is in the message and in data.suggestion (rule 11)', () => {
    const [finding] = lintText('version: 1\ndeploy:\n  helthcheck: /h\n').findings;
    assert.equal(finding.data?.suggestion, 'healthcheck');
    assert.match(finding.message, /Did you mean "healthcheck"\?/);
    const [unrelated] = lintText('version: 1\ndeploy:\n  replicas: 2\n').findings;
    assert.equal(unrelated.data?.suggestion, undefined);
  });

  test('a wrong version says what was written; an empty one says it has no value (rule 5)', () => {
    const message = (text: string, locale: 'en' | 'ru' = 'en') => lintText(text, locale).findings.map((finding) => finding.message);
    assert.deepEqual(message('version: 2\n'), ['version must be the integer 1, not 2']);
    assert.deepEqual(message('version: "1"\n'), ['version must be the integer 1, not "1"']);
    assert.deepEqual(message('version: 1.5\n'), ['version must be the integer 1, not 1.5']);
    assert.deepEqual(message('version:\n'), ['version has no value; it must be the integer 1']);
    // One line whatever was written: a block value is named by its kind, a tag is shown, an invisible character escaped.
    assert.deepEqual(message('version:\n  a: 1\n'), ['version must be the integer 1, not a mapping']);
    assert.deepEqual(message('version: |\n  1\n'), ['version must be the integer 1, not a string']);
    assert.deepEqual(message('version: !!str 1 # pinned\n'), ['version must be the integer 1, not !!str 1']);
    assert.deepEqual(message('version: 1\u00a0\n'), ['version must be the integer 1, not 1\\u00a0']);
    assert.equal(Array.from(message(`version: "${'😀'.repeat(60)}"\n`)[0].split('not ')[1]).length, 40);
    assert.deepEqual(message('version: 2\n', 'ru'), ['version должен быть целым числом 1, а не 2']);
  });

  test('messages follow the locale; codes and ranges do not', () => {
    const english = lintText('version: 1\ndeploy:\n  prot: 1\n', 'en').findings[0];
    const russian = lintText('version: 1\ndeploy:\n  prot: 1\n', 'ru').findings[0];
    assert.equal(russian.code, english.code);
    assert.deepEqual(russian.span, english.span);
    assert.match(russian.message, /Неизвестный ключ «prot»/);
  });

  test('deploy may be an empty mapping, and deploy alone is not required', () => {
    assert.deepEqual(codesAt('version: 1\ndeploy: {}\n'), []);
    assert.deepEqual(codesAt('version: 1\n'), []);
  });

  test('infinity and NaN are not integers', () => {
    assert.deepEqual(codesAt('version: 1\ndeploy:\n  port: .inf\n  max_instances: .nan\n'), ['invalid-type 2:8', 'invalid-type 3:17']);
  });

  test('nesting too deep for the parser is one yaml-syntax finding that says so, not the engine\'s stack message', () => {
    const { findings } = lintText(`version: 1\ndeploy: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.deepEqual(findings.map((finding) => [finding.code, finding.message]), [['yaml-syntax', 'YAML syntax error: collections nest too deeply here to be read']]);
  });

  test('infinity is named as such, not as "a number with a fraction"', () => {
    const [finding] = lintText('version: 1\ndeploy:\n  resources:\n    cpu_limit: .inf\n').findings;
    assert.equal(finding.message, 'cpu_limit must be a number, not infinity or not-a-number');
  });
});
