import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isTinyforgeFile } from '../../core/src/index';

describe('which files are Tinyforge files', () => {
  test('.tinyforge.yml and .tinyforge.yaml anywhere', () => {
    for (const path of ['.tinyforge.yml', '.tinyforge.yaml', 'services/api/.tinyforge.yml', 'a\\b\\.tinyforge.yaml']) assert.ok(isTinyforgeFile(path), path);
  });

  test('no other YAML file, however close its name', () => {
    for (const path of ['tinyforge.yml', '.tinyforge.yml.bak', 'docker-compose.yml', '.tinyforge.json', 'x.tinyforge.yml']) assert.ok(!isTinyforgeFile(path), path);
  });

  test('tinyforge.files globs, relative to the workspace folder', () => {
    const globs = ['deploy/tinyforge.yaml', 'apps/*/gitops.{yml,yaml}', '**/tf/*.yml'];
    for (const path of ['deploy/tinyforge.yaml', './deploy/tinyforge.yaml', 'apps/shop/gitops.yml', 'apps/web/gitops.yaml', 'tf/a.yml', 'x/y/tf/b.yml']) {
      assert.ok(isTinyforgeFile(path, globs), path);
    }
    for (const path of ['deploy/other.yaml', 'apps/shop/sub/gitops.yml', 'x/deploy/tinyforge.yaml', 'tf/a.yaml']) assert.ok(!isTinyforgeFile(path, globs), path);
  });

  test('a malformed glob matches nothing and does not stop the others from working', () => {
    assert.ok(isTinyforgeFile('deploy/a.yaml', ['{deploy,ops/*.yaml', '[z-a]*.yaml', 'deploy/*.yaml']));
    assert.ok(!isTinyforgeFile('deploy/a.yaml', ['{deploy,ops/*.yaml', '[z-a]*.yaml']));
  });

  test('globs with many ** segments answer at once on deep paths that do not match', { timeout: 5000 }, () => {
    const deep = `${'d/'.repeat(30)}x.yml`;
    assert.ok(!isTinyforgeFile(deep, [`${'**/'.repeat(25)}y.yml`]));
    assert.ok(!isTinyforgeFile(deep, [`${'**/d/'.repeat(12)}y.yml`]));
    assert.ok(isTinyforgeFile(deep, [`${'**/d/'.repeat(12)}x.yml`]));
  });
});
