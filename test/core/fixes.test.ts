import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, fixAllEdits, fixesFor, lintText, type Finding } from '../../core/src/index';

/** Applies the fix with the given title prefix for the first finding with a code; returns the new text. */
function applyFix(text: string, code: Finding['code'], titlePrefix: string): string {
  const { parsed, findings } = lintText(text);
  const finding = findings.find((candidate) => candidate.code === code);
  assert.ok(finding, `no ${code} finding in ${JSON.stringify(text)}`);
  const fix = fixesFor(parsed, finding).find((candidate) => candidate.title.startsWith(titlePrefix));
  assert.ok(fix, `no fix "${titlePrefix}…" for ${code}`);
  return applyEdits(text, fix.edits);
}

function codes(text: string): string[] {
  return lintText(text).findings.map((finding) => finding.code);
}

describe('quick fixes: applying one removes its problem', () => {
  test('rename an unknown key to its suggestion', () => {
    const fixed = applyFix('version: 1\ndeploy:\n  prot: 8080\n', 'unknown-key', 'Rename "prot" to "port"');
    assert.equal(fixed, 'version: 1\ndeploy:\n  port: 8080\n');
    assert.deepEqual(codes(fixed), []);
  });

  test('rename a misspelt version clears both of its findings', () => {
    const fixed = applyFix('verison: 1\ndeploy: {}\n', 'unknown-key', 'Rename');
    assert.deepEqual(codes(fixed), []);
  });

  test('a field Sync ignores for the source: "Remove … (Sync ignores it)" removes it, preferred, and Fix all leaves it', () => {
    const text = 'version: 1\ndeploy:\n  port: 8080\n  max_instances: 2\n';
    const { parsed } = lintText(text);
    const start = text.indexOf('max_instances');
    const finding: Finding = { code: 'not-managed', severity: 'warning', message: '', span: { start, end: start + 'max_instances'.length }, path: 'deploy.max_instances', unnecessary: true };
    const [fix] = fixesFor(parsed, finding);
    assert.equal(fix.title, 'Remove "max_instances" (Sync ignores it)');
    assert.equal(fix.preferred, true);
    assert.equal(applyEdits(text, fix.edits), 'version: 1\ndeploy:\n  port: 8080\n');
    assert.equal(fix.safe, false, 'not part of Fix all: the field may be there on purpose');
  });

  test('remove an unknown key with everything under it', () => {
    const text = 'version: 1\ndeploy:\n  port: 1\n  env:\n    A: b\n    C: d\n  max_instances: 2\n';
    const fixed = applyFix(text, 'unknown-key', 'Remove unknown key "env"');
    assert.equal(fixed, 'version: 1\ndeploy:\n  port: 1\n  max_instances: 2\n');
    assert.deepEqual(codes(fixed), []);
  });

  test('removing the only key of a nested mapping leaves an empty mapping, not an empty value', () => {
    const fixed = applyFix('version: 1\ndeploy:\n  replicas: 3 # many\n', 'unknown-key', 'Remove');
    assert.equal(fixed, 'version: 1\ndeploy: {}\n');
    assert.deepEqual(codes(fixed), []);
  });

  test('remove an unknown key from a flow mapping', () => {
    assert.equal(applyFix('version: 1\ndeploy: {port: 1, prot: 2}\n', 'unknown-key', 'Remove'), 'version: 1\ndeploy: {port: 1}\n');
    assert.equal(applyFix('version: 1\ndeploy: {prot: 2, port: 1}\n', 'unknown-key', 'Remove'), 'version: 1\ndeploy: {port: 1}\n');
  });

  test('set version to 1, from a wrong, empty or block value (`|`, a mapping, a list), keeping a comment and the next key on its own line', () => {
    assert.equal(applyFix('version: "1"\n', 'invalid-version', 'Set version'), 'version: 1\n');
    assert.equal(applyFix('version:\ndeploy: {}\n', 'invalid-version', 'Set version'), 'version: 1\ndeploy: {}\n');
    assert.equal(applyFix('version: 2 # new\n', 'invalid-version', 'Set version'), 'version: 1 # new\n');
    assert.equal(applyFix('version: 2 # two\ndeploy: {}\n', 'invalid-version', 'Set version'), 'version: 1 # two\ndeploy: {}\n');
    for (const value of ['|\n  1', '\n  a: 1', '\n  - 1']) {
      const fixed = applyFix(`version: ${value}\ndeploy:\n  port: 1\n`.replace('version: \n', 'version:\n'), 'invalid-version', 'Set version');
      assert.equal(fixed, 'version: 1\ndeploy:\n  port: 1\n', JSON.stringify(value));
    }
  });

  test('insert a missing version: before the first key, into a flow root, into an empty or comment-only file', () => {
    assert.equal(applyFix('# header\ndeploy:\n  port: 1\n', 'missing-required', 'Add version'), '# header\nversion: 1\ndeploy:\n  port: 1\n');
    assert.equal(applyFix('{deploy: {}}\n', 'missing-required', 'Add version'), '{version: 1, deploy: {}}\n');
    assert.equal(applyFix('', 'missing-required', 'Add version'), 'version: 1\n');
    assert.equal(applyFix('# only a comment', 'missing-required', 'Add version'), '# only a comment\nversion: 1\n');
    for (const text of ['# header\ndeploy:\n  port: 1\n', '{deploy: {}}\n', '', '# only a comment']) {
      assert.deepEqual(codes(applyFix(text, 'missing-required', 'Add version')), []);
    }
  });

  test('no fix is offered where none makes sense', () => {
    const { parsed, findings } = lintText('version: 1\ndeploy:\n  port: 0\n');
    assert.deepEqual(fixesFor(parsed, findings[0]), []);
  });

  test('insert a missing version into an indented root mapping at its column', () => {
    const fixed = applyFix('  deploy:\n    port: 1\n', 'missing-required', 'Add version');
    assert.equal(fixed, '  version: 1\n  deploy:\n    port: 1\n');
    assert.deepEqual(codes(fixed), []);
  });

  test('removing an unknown key keeps the YAML valid: a repeated key, a parent with an anchor or tag; none offered for an explicit ? key', () => {
    assert.equal(applyFix('version: 1\ndeploy:\n  prot: 1\n  prot: 2\n', 'unknown-key', 'Remove'), 'version: 1\ndeploy:\n  prot: 2\n');
    assert.equal(applyFix('version: 1\ndeploy: &d\n  zzzzzz: 1\n', 'unknown-key', 'Remove'), 'version: 1\ndeploy: &d {}\n');
    assert.equal(applyFix('version: 1\ndeploy: !!map\n  zzzzzz: 1\n', 'unknown-key', 'Remove'), 'version: 1\ndeploy: !!map {}\n');
    const explicit = lintText('version: 1\ndeploy:\n  ? zzzzzz\n  : 1\n  port: 1\n');
    const finding = explicit.findings.find((candidate) => candidate.code === 'unknown-key')!;
    assert.deepEqual(fixesFor(explicit.parsed, finding).map((fix) => fix.title), []);
  });

  test('fix all never renames two keys to the same one (no duplicate key made)', () => {
    for (const text of ['version: 1\ndeploy:\n  prot: 1\n  pott: 2\n', 'veriosn: 1\nversoin: 1\n']) {
      const { parsed, findings } = lintText(text);
      const fixed = applyEdits(text, fixAllEdits(parsed, findings));
      assert.deepEqual(codes(fixed), ['unknown-key'], fixed);
    }
  });

  test('fix all applies every safe fix and never deletes a key', () => {
    const text = 'verison: "1"\ndeploy:\n  prot: 8080\n  helthcheck: /h\n  replicas: 3\n';
    const { parsed, findings } = lintText(text);
    const fixed = applyEdits(text, fixAllEdits(parsed, findings));
    assert.equal(fixed, 'version: "1"\ndeploy:\n  port: 8080\n  healthcheck: /h\n  replicas: 3\n');
    // The renamed version still holds a string, and the unknown key stays for the user to decide.
    assert.deepEqual(codes(fixed), ['invalid-version', 'unknown-key']);
    const again = applyEdits(fixed, fixAllEdits(lintText(fixed).parsed, lintText(fixed).findings));
    assert.deepEqual(codes(again), ['unknown-key']);
  });
});
