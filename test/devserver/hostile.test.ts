import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApiClient, TinyforgeApiError, type GitOpsState } from '../../api/src/index';
import { startDevServer, type DevServer } from '../support/devServer';
import { waitUntil } from '../support/wait';

/** Sends raw bytes on a fresh connection and returns what came back before the server closed it. */
function rawExchange(url: string, request: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body: rest.join('\r\n\r\n') });
    });
  });
}

const get = (target: string, token?: string): string =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${token ? `Authorization: Bearer ${token}\r\n` : ''}Connection: close\r\n\r\n`;

/** Everything the server printed: its request log and any error, banner excluded. */
const printed = (server: DevServer): string => server.log.join('\n');

function stateOf(server: DevServer): { gitops_enabled: boolean } {
  const stored = JSON.parse(readFileSync(join(server.dataDir, 'workloads.json'), 'utf8')) as { workloads: Array<{ id: string; gitops_enabled: boolean }> };
  return stored.workloads.find((workload) => workload.id === 'wl_shop')!;
}

describe('the dev server under hostile input', () => {
  test('request targets that are not a plain path answer 400 bad_request in one line, and the server keeps answering', async () => {
    const server = await startDevServer();
    try {
      const targets = ['//', '//[', 'http://[', '//%', '//[::1', '//a:b@[::1', 'http://x:99999/api/me', '//a:b@[::1]:80/api/me', '*', '/api/%', '/api/workloads/%E0%A4%A', '/api/me?x=%zz', '/api//me', '/api/me#top', '/api/workloads/%00', '/api/workloads/a%0d%0aX-Injected:%20yes'];
      for (const target of targets) {
        const answer = await rawExchange(server.url, get(target, server.adminToken));
        assert.equal(answer.status, 400, `${target}: ${answer.headers}`);
        const body = JSON.parse(answer.body) as { error: string; message: string };
        assert.equal(body.error, 'bad_request', target);
        assert.ok(body.message.length > 0 && !/[\r\n]/.test(body.message), `${target}: one line`);
        assert.ok(!answer.headers.includes('X-Injected'), `${target}: no header injected`);
      }
      assert.equal(server.process.exitCode, null, 'the server is still running');
      const me = await rawExchange(server.url, get('/api/me', server.adminToken));
      assert.equal(me.status, 200);
      assert.deepEqual(JSON.parse(me.body), { username: 'admin', role: 'admin' });
      // A plain path still routes as before: a trailing slash and percent-escapes of ordinary characters.
      assert.equal((await rawExchange(server.url, get('/api/workloads/wl%5Fshop/', server.adminToken))).status, 200);
      await waitUntil(() => server.log.filter((line) => / 400 /.test(line)).length === targets.length, 'one log line per refused request');
      assert.ok(!/unexpected error/.test(printed(server)), printed(server));
    } finally {
      await server.stop();
    }
  });

  test('a sync and a PUT on one workload at once: every answered change stays (30 trials, sync held 40 ms)', async () => {
    const server = await startDevServer({ flags: ['--fault-sync-delay-ms', '40'] });
    try {
      const admin = createApiClient({ baseUrl: server.url, token: server.adminToken, retries: 0 });
      const syncOutcomes: string[] = [];
      for (let trial = 0; trial < 30; trial++) {
        await admin.updateGitOps('wl_shop', { enabled: true });
        const sync = admin.sync('wl_shop', {}).then(
          () => 'applied',
          (error: TinyforgeApiError) => error.code ?? error.kind,
        );
        // Half the trials let the sync take the lock first; the others race it from the same tick.
        if (trial % 2 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        const put: GitOpsState = await admin.updateGitOps('wl_shop', { enabled: false });
        assert.equal(put.enabled, false, `trial ${trial}: the PUT's answer`);
        syncOutcomes.push(await sync);
        assert.equal((await admin.getGitOps('wl_shop')).enabled, false, `trial ${trial}: the PUT was lost (the API says enabled)`);
        assert.equal(stateOf(server).gitops_enabled, false, `trial ${trial}: the PUT was lost (the store on disk says enabled)`);
      }
      // Either order is fine: the sync applied before the PUT, or it found GitOps already off.
      assert.ok(syncOutcomes.every((outcome) => outcome === 'applied' || outcome === 'disabled'), syncOutcomes.join(', '));
      assert.ok(syncOutcomes.includes('applied'), 'some syncs held the lock before the PUT');
    } finally {
      await server.stop();
    }
  });

  test('a PUT waits for a sync only so long: past --lock-wait-ms it answers 409 sync_in_progress and changes nothing', async () => {
    const server = await startDevServer({ flags: ['--fault-sync-delay-ms', '1500', '--lock-wait-ms', '200'] });
    try {
      const admin = createApiClient({ baseUrl: server.url, token: server.adminToken, retries: 0 });
      const sync = admin.sync('wl_shop', {});
      // The sync takes the lock at once and holds it for 1.5 s.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      const error = (await admin.updateGitOps('wl_shop', { enabled: false }).catch((caught: unknown) => caught)) as TinyforgeApiError;
      assert.ok(error instanceof TinyforgeApiError, String(error));
      assert.deepEqual([error.status, error.code], [409, 'sync_in_progress']);
      assert.ok(performance.now() - started < 1_200, 'the PUT did not wait for the whole sync');
      assert.deepEqual((await sync).applied, ['deploy.port', 'deploy.deploy_strategy']);
      assert.equal(stateOf(server).gitops_enabled, true, 'the refused PUT changed nothing');
    } finally {
      await server.stop();
    }
  });

  test('the request log never shows a token: not in the path, the query, percent-encoded, or in a refused target', async () => {
    const server = await startDevServer();
    try {
      const tokens = [server.adminToken, server.viewerToken];
      const percentEncoded = (token: string): string => [...token].map((character) => `%${character.charCodeAt(0).toString(16)}`).join('');
      const targets = [
        `/api/workloads/${server.adminToken}`,
        `/api/me?token=${server.viewerToken}`,
        `/api/workloads/${percentEncoded(server.adminToken)}/gitops`,
        `/api/me?access_token=${server.viewerToken.slice(0, 5)}${percentEncoded(server.viewerToken.slice(5))}`,
        `//${server.adminToken}@[::1`,
        `/${server.viewerToken}`,
      ];
      const answers: string[] = [];
      for (const target of targets) answers.push((await rawExchange(server.url, get(target, server.adminToken))).body);
      // A wrong token sent as the bearer is a secret too: it is never echoed or logged.
      const wrong = 'tf_admin_not-a-real-token-0123456789';
      answers.push((await rawExchange(server.url, get(`/api/workloads/${wrong}`, wrong))).body);
      await waitUntil(() => server.log.length >= targets.length + 1, 'a log line per request');
      const log = printed(server);
      for (const secret of [...tokens, wrong]) {
        assert.ok(!log.includes(secret), `the log shows ${secret.slice(0, 12)}…:\n${log}`);
        assert.ok(!log.toLowerCase().includes(percentEncoded(secret).toLowerCase()), 'the log shows a percent-encoded token');
        for (const answer of answers) assert.ok(!answer.includes(secret), `an answer shows ${secret.slice(0, 12)}…: ${answer}`);
      }
      assert.match(log, /GET \/api\/workloads\/\*\*\* 404/);
      assert.match(log, /GET \/api\/me\?token=\*\*\* 200/);
    } finally {
      await server.stop();
    }
  });

  test('a gitops path holding a token is refused (it would be stored and shown to every viewer), without echoing it', async () => {
    const server = await startDevServer();
    try {
      const admin = createApiClient({ baseUrl: server.url, token: server.adminToken });
      for (const secret of [server.adminToken, server.viewerToken]) {
        const error = (await admin.updateGitOps('wl_shop', { path: `deploy/${secret}.yml` }).catch((caught: unknown) => caught)) as TinyforgeApiError;
        assert.deepEqual([error.status, error.code, error.message], [400, 'invalid_path', 'the path contains an API token']);
      }
      assert.equal((await admin.getGitOps('wl_shop')).path, '.tinyforge.yml');
    } finally {
      await server.stop();
    }
  });

  test('a body over 64 KiB is answered 413, not dropped', async () => {
    const server = await startDevServer();
    try {
      const body = JSON.stringify({ path: `${'a'.repeat(100_000)}.yml` });
      const answer = await rawExchange(
        server.url,
        `PUT /api/workloads/wl_shop/gitops HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${server.adminToken}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      assert.equal(answer.status, 413);
      assert.equal((JSON.parse(answer.body) as { error: string }).error, 'too_large');
      assert.equal(server.process.exitCode, null);
    } finally {
      await server.stop();
    }
  });
});
