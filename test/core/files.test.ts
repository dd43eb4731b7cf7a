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
});
