import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApiClient, TinyforgeApiError, type TinyforgeApi } from '../../api/src/index';
import { demoRepoFolder } from '../../devserver/src/demo';
import { providerRepo, startDevServer, type DevServer } from '../support/devServer';

/** Runs a call that must fail and returns its TinyforgeApiError. */
async function failure(promise: Promise<unknown>): Promise<TinyforgeApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TinyforgeApiError, `not a TinyforgeApiError: ${error}`);
    return error;
  }
  assert.fail('the call succeeded');
}

describe('API client against the dev server: every endpoint, role and error', () => {
  let server: DevServer;
  let admin: TinyforgeApi;
  let viewer: TinyforgeApi;
  const errors: TinyforgeApiError[] = [];
  const collect = async (promise: Promise<unknown>) => {
    const error = await failure(promise);
    errors.push(error);
    return error;
  };

  before(async () => {
    server = await startDevServer();
    admin = createApiClient({ baseUrl: server.url, token: server.adminToken, backoffMs: 20 });
    viewer = createApiClient({ baseUrl: server.url, token: server.viewerToken, backoffMs: 20 });
  });
  after(async () => {
    await server.stop();
  });

  test('GET /api/me for each role; 401 without a valid token', async () => {
    assert.deepEqual(await admin.me(), { username: 'admin', role: 'admin' });
    assert.deepEqual(await viewer.me(), { username: 'viewer', role: 'viewer' });
    const bad = await collect(createApiClient({ baseUrl: server.url, token: `${server.adminToken}x` }).me());
    assert.deepEqual([bad.kind, bad.status, bad.code], ['unauthorized', 401, 'unauthorized']);
    const empty = await collect(createApiClient({ baseUrl: server.url, token: '' }).me());
    assert.equal(empty.kind, 'unauthorized');
  });

  test('GET /api/workloads and /api/workloads/{id}: never an access_token; 404 for an unknown id', async () => {
    const workloads = await viewer.listWorkloads();
    assert.deepEqual(workloads.map((w) => w.id), ['wl_shop', 'wl_worker', 'wl_docs', 'wl_billing', 'wl_legacy', 'wl_landing', 'wl_archive']);
    assert.ok(!JSON.stringify(workloads).includes('access_token'));
    assert.ok(!JSON.stringify(workloads).includes('demo-provider-secret'));
    const shop = await viewer.getWorkload('wl_shop');
    assert.equal(shop.source_config.port, 3000);
    assert.ok(!('access_token' in shop.source_config));
    const missing = await collect(viewer.getWorkload('wl_nope'));
    assert.deepEqual([missing.kind, missing.status, missing.code], ['not_found', 404, 'not_found']);
  });

  test('GET …/gitops: ok with drift, ok in sync, disabled, invalid, no_file, fetch_failed', async () => {
    const shop = await viewer.getGitOps('wl_shop');
    assert.equal(shop.status, 'ok');
    assert.match(shop.commit_sha, /^[0-9a-f]{40}$/);
    assert.deepEqual(shop.drift, [
      { field: 'deploy.port', repo_value: '8080', live_value: '3000' },
      { field: 'deploy.deploy_strategy', repo_value: 'blue_green', live_value: 'recreate' },
    ]);
    assert.deepEqual(shop.managed_fields, ['deploy.port', 'deploy.healthcheck', 'deploy.deploy_strategy']);
    assert.match(shop.raw, /^# shop-api/);
    const docs = await viewer.getGitOps('wl_docs');
    assert.deepEqual([docs.status, docs.drift, docs.managed_fields], ['ok', [], ['deploy.deploy_strategy']]);
    assert.deepEqual([(await viewer.getGitOps('wl_billing')).status, (await viewer.getGitOps('wl_billing')).commit_sha], ['disabled', '']);
    const legacy = await viewer.getGitOps('wl_legacy');
    assert.equal(legacy.status, 'invalid');
    assert.equal(legacy.message, '3:3: Unknown key "prot". Did you mean "port"?');
    assert.equal((await viewer.getGitOps('wl_landing')).status, 'no_file');
    assert.equal((await viewer.getGitOps('wl_worker')).status, 'ok');
    const archive = await viewer.getGitOps('wl_archive');
    assert.deepEqual([archive.status, archive.message], ['fetch_failed', 'the git provider has no such repository']);
  });

  test('PUT …/gitops: admins only; enable and path; path rules answer 400 invalid_path', async () => {
    const forbidden = await collect(viewer.updateGitOps('wl_billing', { enabled: true }));
    assert.deepEqual([forbidden.kind, forbidden.status], ['forbidden', 403]);
    const enabled = await admin.updateGitOps('wl_billing', { enabled: true });
    assert.deepEqual([enabled.enabled, enabled.status], [true, 'ok']);
    for (const path of ['/etc/tinyforge.yml', '../outside.yml', 'deploy/../../x.yml', 'deploy\\tinyforge.yml', 'a\0b.yml', 'deploy/tinyforge.json', '']) {
      const refused = await collect(admin.updateGitOps('wl_billing', { path }));
      assert.deepEqual([refused.kind, refused.status, refused.code], ['invalid', 400, 'invalid_path'], JSON.stringify(path));
    }
    const moved = await admin.updateGitOps('wl_billing', { path: 'deploy/tinyforge.yaml' });
    assert.deepEqual([moved.path, moved.status], ['deploy/tinyforge.yaml', 'no_file']);
    await admin.updateGitOps('wl_billing', { enabled: false, path: '.tinyforge.yml' });
    assert.equal((await collect(admin.updateGitOps('wl_nope', { enabled: true }))).kind, 'not_found');
  });

  test('POST …/gitops/sync: every refusal of the contract', async () => {
    assert.deepEqual(await collect(viewer.sync('wl_shop', {})).then((e) => [e.kind, e.status, e.code]), ['forbidden', 403, 'forbidden']);
    assert.deepEqual(await collect(admin.sync('wl_nope', {})).then((e) => [e.kind, e.status]), ['not_found', 404]);
    assert.deepEqual(await collect(admin.sync('wl_billing', {})).then((e) => [e.kind, e.status, e.code]), ['conflict', 409, 'disabled']);
    assert.deepEqual(await collect(admin.sync('wl_shop', { expected_commit_sha: '0'.repeat(40) })).then((e) => [e.kind, e.status, e.code]), ['conflict', 409, 'stale']);
    assert.deepEqual(await collect(admin.sync('wl_legacy', {})).then((e) => [e.kind, e.status, e.code]), ['invalid', 422, 'invalid']);
    assert.deepEqual(await collect(admin.sync('wl_landing', {})).then((e) => [e.kind, e.status, e.code]), ['invalid', 422, 'invalid']);
  });

  test('POST …/gitops/sync applies the drift at the expected commit; then nothing drifts', async () => {
    const head = (await admin.getGitOps('wl_shop')).commit_sha;
    const result = await admin.sync('wl_shop', { expected_commit_sha: head });
    assert.deepEqual([result.commit_sha, result.applied, result.drift], [head, ['deploy.port', 'deploy.deploy_strategy'], []]);
    const after = await admin.getGitOps('wl_shop');
    assert.deepEqual([after.drift, after.synced_commit_sha, after.last_sync_at], [[], head, result.last_sync_at]);
    assert.deepEqual((await admin.sync('wl_shop', {})).applied, []);
  });

  test('502 fetch_failed when the git provider has no repository', async () => {
    rmSync(providerRepo(server.dataDir, 'docs-site'), { recursive: true, force: true });
    assert.equal((await viewer.getGitOps('wl_docs')).status, 'fetch_failed');
    const failed = await collect(admin.sync('wl_docs', {}));
    assert.deepEqual([failed.kind, failed.status, failed.code], ['server', 502, 'fetch_failed']);
  });

  test('a branch file over 64 KiB is invalid, and Sync refuses it', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const repo = demoRepoFolder(server.dataDir, 'landing');
    writeFileSync(join(repo, '.tinyforge.yml'), `version: 1\n${'# padding\n'.repeat(6600)}`);
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '-A'], { stdio: 'ignore' });
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'big', '--no-gpg-sign'], { stdio: 'ignore' });
    execFileSync('git', ['-C', repo, 'push', '-q', 'origin', 'main'], { stdio: 'ignore' });
    const state = await viewer.getGitOps('wl_landing');
    assert.deepEqual([state.status, state.message], ['invalid', 'the file is 66011 bytes; the limit is 65536']);
    assert.equal((await collect(admin.sync('wl_landing', {}))).status, 422);
  });

  test('a branch file that is not UTF-8 is invalid, the message says where, and Sync refuses it', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const repo = demoRepoFolder(server.dataDir, 'landing');
    writeFileSync(join(repo, '.tinyforge.yml'), Buffer.concat([Buffer.from('version: 1\ndeploy:\n  healthcheck: /caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qam', 'latin-1', '--no-gpg-sign'], { stdio: 'ignore' });
    execFileSync('git', ['-C', repo, 'push', '-q', 'origin', 'main'], { stdio: 'ignore' });
    const state = await viewer.getGitOps('wl_landing');
    assert.equal(state.status, 'invalid');
    assert.match(state.message, /^3:20: The file is not valid UTF-8: byte 0xE9/);
    assert.equal((await collect(admin.sync('wl_landing', {}))).status, 422);
  });

  test('no message, error or log line carries a token', async () => {
    assert.ok(errors.length >= 15);
    const haystack = [...errors.map((e) => `${e.message} ${e.code} ${e.stack}`), ...server.log.filter((line) => !/^(admin|viewer) token: |^data: /.test(line))].join('\n');
    for (const token of [server.adminToken, server.viewerToken]) assert.ok(!haystack.includes(token), 'a token leaked');
    for (const error of errors) {
      assert.ok(!error.message.includes('\n'), 'messages are one line');
      assert.ok(Buffer.byteLength(error.message) <= 240, 'messages are at most 240 bytes');
    }
  });
});
