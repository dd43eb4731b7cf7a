import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withoutRedHatDuplicates } from '../../client/src/diagnosticFilter';
import { lintText } from '../../core/src/index';

function diagnosticsOf(text: string) {
  return lintText(text).findings.map((finding) => ({ code: finding.code, data: finding.data }));
}

describe('with Red Hat YAML validating, each problem is shown once', () => {
  test('parser syntax errors, aliases with no anchor and duplicate keys are left to Red Hat YAML', () => {
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: 1\ndeploy: {port: 1\n')), []);
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: 1\ndeploy:\n\tport: 1\n')), []);
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: *v\n')), []);
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: 1\ndeploy:\n  *k : 1\n')), []);
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: 1\nversion: 1\nprot: 1\n')).map((d) => d.code), ['unknown-key']);
  });

  test('what Red Hat YAML does not report stays: schema findings, control characters, an alias inside its own anchor, a second document', () => {
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: "1"\n')).map((d) => d.code), ['invalid-version']);
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: 1\x01\n')).map((d) => d.code), ['yaml-syntax']);
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: 1\ndeploy: &d\n  port: *d\n')).map((d) => d.code), ['yaml-syntax']);
    assert.deepEqual(withoutRedHatDuplicates(diagnosticsOf('version: 1\n---\nversion: 1\n')).map((d) => d.code), ['multiple-documents']);
  });

  test('reads codes given as { value } objects too (as vscode.Diagnostic may hold them)', () => {
    assert.deepEqual(withoutRedHatDuplicates([{ code: { value: 'duplicate-key' } }, { code: { value: 'unknown-key' } }]), [{ code: { value: 'unknown-key' } }]);
  });
});
