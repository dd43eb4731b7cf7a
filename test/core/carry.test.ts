import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { carryFindings, type Finding } from '../../core/src/index';

const at = (text: string, part: string, code: Finding['code'] = 'drift'): Finding => {
  const start = text.indexOf(part);
  return { code, severity: 'information', message: part, span: { start, end: start + part.length }, path: part };
};
const shown = (text: string, findings: Finding[]): string[] => findings.map((finding) => text.slice(finding.span.start, finding.span.end));

describe('live findings carried over a text that does not parse', () => {
  const before = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /h\n  deploy_strategy: blue_green\n';
  const findings = [at(before, '8080'), at(before, '/h'), at(before, 'blue_green')];

  test('a key typed on a new line: the findings above and below stay on their values', () => {
    const after = before.replace('/h\n', '/h\n  m\n');
    assert.deepEqual(shown(after, carryFindings(findings, before, after)), ['8080', '/h', 'blue_green']);
  });

  test('Enter at the end of a drifted value keeps it; typing into a value drops only that one', () => {
    const enter = before.replace('8080\n', '8080\n  \n');
    assert.deepEqual(shown(enter, carryFindings(findings, before, enter)), ['8080', '/h', 'blue_green']);
    const intoValue = before.replace('/h', '/h{');
    assert.deepEqual(shown(intoValue, carryFindings(findings, before, intoValue)), ['8080', 'blue_green']);
  });

  test('keystrokes since the last text that parsed add up: the region grows, the rest stays', () => {
    let text = before;
    for (const key of ['\n', ' ', ' ', 'm', 'a', 'x']) text = text.replace(/(deploy_strategy: blue_green)([\s\S]*)$/, (_, line: string, rest: string) => `${line}${rest.replace(/\n$/, '')}${key}\n`);
    assert.deepEqual(shown(text, carryFindings(findings, before, text)), ['8080', '/h', 'blue_green']);
  });
});
