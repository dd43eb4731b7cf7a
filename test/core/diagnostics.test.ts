import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lintText } from '../../core/src/index';
import { compareFindings, loadDiagnosticFixtures, rangedFindings } from '../support/fixtures';

describe('diagnostic fixtures through the core', () => {
  for (const fixture of loadDiagnosticFixtures()) {
    test(fixture.name, () => {
      const { findings } = lintText(fixture.text);
      assert.deepEqual(compareFindings(fixture.expected, rangedFindings(fixture.text, findings)), { missing: [], unexpected: [] });
    });
  }

  test('every code but not-managed and drift is covered by a fixture', () => {
    const covered = new Set(loadDiagnosticFixtures().flatMap((fixture) => fixture.expected.map((line) => line.split(' ')[0])));
    for (const code of ['yaml-syntax', 'duplicate-key', 'multiple-documents', 'missing-required', 'invalid-version', 'unknown-key', 'invalid-type', 'invalid-value']) {
      assert.ok(covered.has(code), `no fixture expects ${code}`);
    }
  });
});
