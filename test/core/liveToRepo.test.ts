import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, fixesFor, fleetGroupOf, lintText, liveFindings, minimalEdit, renderLiveConfig, useLiveValuesEdit, type LiveSnapshot } from '../../core/src/index';
import { shopApiSnapshot } from '../support/snapshots';

/** Lint, live findings, and the fix titled `title` for the drift on `field`, applied; returns the new text. */
function useLive(text: string, field: string, snapshot: LiveSnapshot, title?: RegExp): string {
  const lint = lintText(text);
  const drift = liveFindings(lint, snapshot).find((finding) => finding.code === 'drift' && finding.path === field);
  assert.ok(drift, `no drift on ${field}`);
  const fixes = fixesFor(lint.parsed, drift);
  assert.equal(fixes.length, 1, JSON.stringify(fixes));
  if (title) assert.match(fixes[0].title, title);
  assert.equal(fixes[0].safe, false, 'taking the live value is never part of fix-all');
  return applyEdits(text, fixes[0].edits);
}

const driftsOf = (text: string, snapshot: LiveSnapshot): string[] => liveFindings(lintText(text), snapshot).filter((f) => f.code === 'drift').map((f) => f.path);

describe('live → repo: "Use the live value" edits the text, and the drift goes', () => {
  const snapshot = shopApiSnapshot({ liveConfig: { port: 3000, healthcheck: '/health', deploy_strategy: '' } });

  test('one field: only its value changes; comments, quotes elsewhere and layout stay', () => {
    const text = '# shop-api\nversion: 1\ndeploy:\n  port: 8080   # the port\n  healthcheck: /health\n';
    const fixed = useLive(text, 'deploy.port', snapshot, /^Use the live value \(3000\) in this file$/);
    assert.equal(fixed, '# shop-api\nversion: 1\ndeploy:\n  port: 3000   # the port\n  healthcheck: /health\n');
    assert.deepEqual(driftsOf(fixed, snapshot), []);
  });

  test('an empty live deploy_strategy is recreate; a string that YAML would misread is quoted', () => {
    assert.equal(useLive('version: 1\ndeploy:\n  deploy_strategy: blue_green\n', 'deploy.deploy_strategy', snapshot), 'version: 1\ndeploy:\n  deploy_strategy: recreate\n');
    const odd = shopApiSnapshot({ liveConfig: { port: 3000, healthcheck: '/check: now # not a comment', deploy_strategy: '' } });
    const fixed = useLive('version: 1\ndeploy:\n  healthcheck: /h\n', 'deploy.healthcheck', odd);
    assert.equal(fixed, 'version: 1\ndeploy:\n  healthcheck: "/check: now # not a comment"\n');
    assert.deepEqual(driftsOf(fixed, odd), []);
  });

  test('inside a flow mapping, and over a block scalar', () => {
    assert.equal(useLive('version: 1\ndeploy: { port: 8080, healthcheck: /health }\n', 'deploy.port', snapshot), 'version: 1\ndeploy: { port: 3000, healthcheck: /health }\n');
    const block = 'version: 1\ndeploy:\n  healthcheck: |\n    /healthz\n  port: 3000\n';
    const fixed = useLive(block, 'deploy.healthcheck', snapshot);
    assert.equal(fixed, 'version: 1\ndeploy:\n  healthcheck: /health\n  port: 3000\n');
    assert.deepEqual(lintText(fixed).findings, []);
  });

  test('a comment between the key and its value on the next line stays', () => {
    const fixed = useLive('version: 1\ndeploy:\n  healthcheck: # the probe\n    /healthz\n', 'deploy.healthcheck', snapshot);
    assert.equal(fixed, 'version: 1\ndeploy:\n  healthcheck: # the probe\n    /health\n');
    assert.deepEqual(driftsOf(fixed, snapshot), []);
  });

  test('a live value YAML would read as something else is quoted; an empty one is not set, in the created file too', () => {
    for (const healthcheck of ['1e3', '-', '.inf', '0o17', 'null', 'a: b', ' padded', 'true']) {
      const odd = shopApiSnapshot({ liveConfig: { port: 3000, healthcheck, deploy_strategy: '' } });
      const fixed = useLive('version: 1\ndeploy:\n  healthcheck: /h\n', 'deploy.healthcheck', odd);
      assert.deepEqual(driftsOf(fixed, odd), [], `${JSON.stringify(healthcheck)} → ${fixed}`);
      assert.deepEqual(lintText(fixed).findings, [], fixed);
    }
    const empty = renderLiveConfig(shopApiSnapshot({ liveConfig: { port: 3000, healthcheck: '', deploy_strategy: null } }), 'en', '2026-12-02');
    assert.match(empty, /\ndeploy:\n {2}port: 3000\n {2}deploy_strategy: recreate\n$/);
    assert.deepEqual(lintText(empty).findings, []);
  });

  test('a field live does not set is removed, and a mapping left empty stays valid', () => {
    const unset = shopApiSnapshot({ liveConfig: { port: 3000, deploy_strategy: '' } });
    const fixed = useLive('version: 1\ndeploy:\n  healthcheck: /h # gone\n', 'deploy.healthcheck', unset, /^Remove deploy\.healthcheck from this file: the live workload does not set it$/);
    assert.equal(fixed, 'version: 1\ndeploy: {}\n');
    assert.deepEqual(lintText(fixed).findings, []);
  });

  test('all drifted fields at once: one edit, every drift gone, the rest of the file as it was', () => {
    const unset = shopApiSnapshot({ liveConfig: { port: 3000, deploy_strategy: 'recreate' } });
    const text = '# keep me\nversion: 1\ndeploy:\n  port: 8080 # p\n  healthcheck: /h\n  deploy_strategy: blue_green\n  resources:\n    cpu_limit: 2\n';
    const lint = lintText(text);
    const edit = useLiveValuesEdit(lint.parsed, liveFindings(lint, unset));
    assert.ok(edit);
    const fixed = applyEdits(text, [edit]);
    assert.equal(fixed, '# keep me\nversion: 1\ndeploy:\n  port: 3000 # p\n  deploy_strategy: recreate\n  resources:\n    cpu_limit: 2\n');
    assert.deepEqual(driftsOf(fixed, unset), []);
    assert.equal(useLiveValuesEdit(lintText(fixed).parsed, liveFindings(lintText(fixed), unset)), undefined, 'nothing left to take');
  });

  test('the minimal edit never cuts a surrogate pair', () => {
    const edit = minimalEdit('a😀b', 'a😁b');
    assert.deepEqual(edit, { span: { start: 1, end: 3 }, newText: '😁' });
  });
});

describe('the first .tinyforge.yml from live config', () => {
  test('managed fields only, a header that says what to do next, and a file that validates', () => {
    const text = renderLiveConfig(shopApiSnapshot({ liveConfig: { port: 3000, healthcheck: '/health', deploy_strategy: '', cpu_limit: 1 } }), 'en', '2026-12-02');
    assert.equal(
      text,
      '# Created from the live config of shop-api (wl_7f3a) on 2026-12-02: managed fields only. Commit and push it; until then Sync has nothing to apply.\nversion: 1\ndeploy:\n  port: 3000\n  healthcheck: /health\n  deploy_strategy: recreate\n',
    );
    assert.deepEqual(lintText(text).findings, []);
    assert.match(renderLiveConfig(shopApiSnapshot(), 'ru', '2026-12-02'), /^# Создан из рабочей конфигурации shop-api/);
  });
});

describe('fleet groups', () => {
  test('from the list alone for GitOps off; from the state otherwise; unknown without one', () => {
    assert.equal(fleetGroupOf(false, undefined), 'disabled');
    assert.equal(fleetGroupOf(true, undefined), 'unknown');
    assert.equal(fleetGroupOf(true, { status: 'ok', drift: [{}] }), 'drifted');
    assert.equal(fleetGroupOf(true, { status: 'ok', drift: [] }), 'in_sync');
    for (const status of ['invalid', 'no_file', 'fetch_failed'] as const) assert.equal(fleetGroupOf(true, { status }), status);
  });
});
