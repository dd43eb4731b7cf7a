import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { matchWorkloads, parseRemote, type WorkloadCoordinates } from '../../core/src/index';

const workload = (id: string, config: WorkloadCoordinates['source_config'], gitops_path = '.tinyforge.yml'): WorkloadCoordinates => ({
  id,
  name: id,
  source_kind: 'dockerfile',
  source_config: config,
  gitops_path,
});

const shop = workload('wl_shop', { base_url: 'https://git.example.com', repo_owner: 'acme', repo_name: 'shop-api', branch: 'main' });
const shopStaging = workload('wl_shop_staging', { base_url: 'https://git.example.com', repo_owner: 'acme', repo_name: 'shop-api', branch: 'staging' });
const shopDeploy = workload('wl_shop_deploy', { base_url: 'https://git.example.com/', repo_owner: 'Acme', repo_name: 'Shop-API', branch: 'main' }, 'deploy/tinyforge.yaml');
const other = workload('wl_other', { base_url: 'https://gitlab.example.org:8443', repo_owner: 'group/sub', repo_name: 'site', branch: 'main' });
const all = [shop, shopStaging, shopDeploy, other];

describe('git remotes', () => {
  test('https, ssh, scp-like and git forms, with users, ports, .git suffixes and case', () => {
    const expected = { host: 'git.example.com', owner: 'acme', repo: 'shop-api' };
    for (const url of [
      'https://git.example.com/acme/shop-api.git',
      'https://user:secret@git.example.com/acme/shop-api',
      'https://git.example.com:3000/acme/shop-api.git/',
      'ssh://git@git.example.com:2222/acme/shop-api.git',
      'git@git.example.com:acme/shop-api.git',
      'git@GIT.EXAMPLE.COM:Acme/Shop-API',
      'git://git.example.com/acme/shop-api',
    ]) {
      assert.deepEqual(parseRemote(url), expected, url);
    }
    assert.deepEqual(parseRemote('https://gitlab.example.org/group/sub/site.git'), { host: 'gitlab.example.org', owner: 'group/sub', repo: 'site' });
    assert.equal(parseRemote('/srv/git/shop-api.git'), undefined);
    assert.equal(parseRemote('https://git.example.com/only-one-segment'), undefined);
  });

  test('a file matches on host, owner, repo, branch and gitops_path', () => {
    const match = (remotes: string[], branch: string, filePath: string) => matchWorkloads(all, { remotes, branch, filePath }).map((w) => w.id);
    assert.deepEqual(match(['git@git.example.com:acme/shop-api.git'], 'main', '.tinyforge.yml'), ['wl_shop']);
    assert.deepEqual(match(['https://git.example.com/acme/shop-api'], 'staging', '.tinyforge.yml'), ['wl_shop_staging']);
    assert.deepEqual(match(['ssh://git@git.example.com:2222/ACME/shop-api.git'], 'main', 'deploy/tinyforge.yaml'), ['wl_shop_deploy']);
    assert.deepEqual(match(['https://gitlab.example.org/group/sub/site.git'], 'main', './.tinyforge.yml'), ['wl_other']);
    assert.deepEqual(match(['https://git.example.com/acme/shop-api'], 'feature', '.tinyforge.yml'), []);
    assert.deepEqual(match(['https://elsewhere.example.com/acme/shop-api'], 'main', '.tinyforge.yml'), []);
  });

  test('several remotes: any of them may match; several workloads may match one file', () => {
    const twin = workload('wl_shop_twin', { base_url: 'https://git.example.com', repo_owner: 'acme', repo_name: 'shop-api', branch: 'main' });
    const found = matchWorkloads([...all, twin], { remotes: ['https://mirror.example.net/x/y', 'git@git.example.com:acme/shop-api'], branch: 'main', filePath: '.tinyforge.yml' });
    assert.deepEqual(found.map((w) => w.id), ['wl_shop', 'wl_shop_twin']);
  });

  test('each folder of a multi-root workspace resolves on its own', () => {
    const folders = [
      { remotes: ['git@git.example.com:acme/shop-api.git'], branch: 'main', filePath: '.tinyforge.yml' },
      { remotes: ['https://git.example.com/acme/shop-api.git'], branch: 'staging', filePath: '.tinyforge.yml' },
      { remotes: ['https://gitlab.example.org/group/sub/site'], branch: 'main', filePath: '.tinyforge.yml' },
    ];
    assert.deepEqual(folders.map((folder) => matchWorkloads(all, folder).map((w) => w.id)), [['wl_shop'], ['wl_shop_staging'], ['wl_other']]);
  });
});
