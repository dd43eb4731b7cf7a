import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApiClient } from '../../api/src/index';
import { demoRepoFolder } from '../../devserver/src/demo';
import { startDevServer, type DevServer } from '../support/devServer';
import { repoRoot } from '../support/lspClient';

/** Runs the CLI asynchronously (the dev server answers on this same event loop's machine, not this process). */
function lint(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/cli.js'), ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tinyforge-lint against a running dev server', () => {
  let server: DevServer;
  let file: string;
  before(async () => {
    server = await startDevServer();
    file = join(demoRepoFolder(server.dataDir, 'shop-api'), '.tinyforge.yml');
  });
  after(() => server.stop());

  test('drift and not-managed are reported, with exit code 3', async () => {
    const result = await lint(['--url', server.url, '--workload', 'wl_shop', file], { TINYFORGE_TOKEN: server.viewerToken });
    assert.equal(result.code, 3, result.stderr);
    assert.deepEqual(result.stdout.split('\n').filter(Boolean).map((line) => line.slice(file.length + 1)), [
      '4:9 information drift deploy.port is 8080 here but 3000 on the live workload shop-api',
      '6:20 information drift deploy.deploy_strategy is blue_green here but recreate on the live workload shop-api',
      '8:5 warning not-managed deploy.resources.cpu_limit is not managed for dockerfile workloads: Sync ignores it',
    ]);
    assert.match(result.stderr, /2 drifted fields against shop-api/);
  });

  test('once synced: exit 0 (the workload found by name)', async () => {
    await createApiClient({ baseUrl: server.url, token: server.adminToken }).sync('wl_shop', {});
    const result = await lint(['--url', server.url, '--workload', 'shop-api', '--format', 'json', file], { TINYFORGE_TOKEN: server.viewerToken });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).files[0].findings.map((f: { code: string }) => f.code), ['not-managed']);
  });

  test('errors still win: a broken file exits 1 even with drift', async () => {
    const broken = join(demoRepoFolder(server.dataDir, 'legacy-api'), '.tinyforge.yml');
    assert.equal((await lint(['--url', server.url, '--workload', 'wl_legacy', broken], { TINYFORGE_TOKEN: server.viewerToken })).code, 1);
  });

  test('no token, a bad token, an unknown workload or an unreachable server: exit 2 with a reason, never the token', async () => {
    const noToken = await lint(['--url', server.url, '--workload', 'wl_shop', file], {});
    assert.deepEqual([noToken.code, /TINYFORGE_TOKEN/.test(noToken.stderr)], [2, true]);
    const badToken = `${server.adminToken}-wrong`;
    const bad = await lint(['--url', server.url, '--workload', 'wl_shop', file], { TINYFORGE_TOKEN: badToken });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /the token is not valid \(unauthorized\)/);
    assert.ok(!bad.stderr.includes(badToken) && !bad.stdout.includes(badToken));
    const unknown = await lint(['--url', server.url, '--workload', 'nope', file], { TINYFORGE_TOKEN: server.viewerToken });
    assert.deepEqual([unknown.code, /no single workload/.test(unknown.stderr)], [2, true]);
    const usage = await lint(['--url', server.url, file], { TINYFORGE_TOKEN: server.viewerToken });
    assert.equal(usage.code, 2);
  });
});
