import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeDrift, declaredFields, managedFieldsFor, parseConfig } from '../../core/src/index';

function drift(yaml: string, live: Record<string, unknown>, sourceKind = 'dockerfile') {
  return computeDrift(declaredFields(parseConfig(yaml)), live, managedFieldsFor(sourceKind));
}

describe('drift (contract section 2)', () => {
  test('a managed declared value that differs is drift, rendered as strings', () => {
    assert.deepEqual(drift('version: 1\ndeploy:\n  port: 8080\n', { port: 3000 }), [{ field: 'deploy.port', repo_value: '8080', live_value: '3000' }]);
  });

  test('deploy_strategy: an empty or missing live value means recreate', () => {
    assert.deepEqual(drift('version: 1\ndeploy:\n  deploy_strategy: recreate\n', { deploy_strategy: '' }), []);
    assert.deepEqual(drift('version: 1\ndeploy:\n  deploy_strategy: recreate\n', {}), []);
    assert.deepEqual(drift('version: 1\ndeploy:\n  deploy_strategy: blue_green\n', { deploy_strategy: '' }), [
      { field: 'deploy.deploy_strategy', repo_value: 'blue_green', live_value: 'recreate' },
    ]);
  });

  test('numbers compare by value: 8080, 8080.0 and the JSON number 8080 are equal', () => {
    assert.deepEqual(drift('version: 1\ndeploy:\n  port: 8080.0\n', { port: 8080 }), []);
    assert.deepEqual(drift('version: 1\ndeploy:\n  port: 8080\n', JSON.parse('{"port": 8080.0}')), []);
    assert.deepEqual(drift('version: 1\ndeploy:\n  port: 0x1F90\n', { port: 8080 }), []);
  });

  test('a declared field missing from live is drift with live value ""', () => {
    assert.deepEqual(drift('version: 1\ndeploy:\n  healthcheck: /healthz\n', { port: 3000 }), [{ field: 'deploy.healthcheck', repo_value: '/healthz', live_value: '' }]);
  });

  test('an omitted field is never drift', () => {
    assert.deepEqual(drift('version: 1\ndeploy:\n  port: 3000\n', { port: 3000, healthcheck: '/other', deploy_strategy: 'blue_green' }), []);
  });

  test('a field the source does not manage is never drift', () => {
    assert.deepEqual(drift('version: 1\ndeploy:\n  port: 8080\n  deploy_strategy: recreate\n', { port: 3000, deploy_strategy: 'blue_green' }, 'static'), [
      { field: 'deploy.deploy_strategy', repo_value: 'recreate', live_value: 'blue_green' },
    ]);
    assert.deepEqual(drift('version: 1\ndeploy:\n  resources:\n    cpu_limit: 2\n', { cpu_limit: 1 }), []);
  });

  test('an invalid value declares nothing (no drift from a value Tinyforge would reject)', () => {
    assert.deepEqual(drift('version: 1\ndeploy:\n  port: 0\n  healthcheck: /h\n', { port: 3000, healthcheck: '/x' }), [{ field: 'deploy.healthcheck', repo_value: '/h', live_value: '/x' }]);
    assert.deepEqual(drift('version: 1\ndeploy: {port: [\n', { port: 3000 }), []);
  });
});
