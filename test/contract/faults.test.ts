import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createApiClient, TinyforgeApiError } from '../../api/src/index';
import { freePort } from '../../scripts/e2e/codeServer';
import { startDevServer } from '../support/devServer';
import { waitUntil } from '../support/wait';

async function kindOf(promise: Promise<unknown>): Promise<TinyforgeApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TinyforgeApiError, String(error));
    return error;
  }
  assert.fail('the call succeeded');
}

/** Starts a dev server with a fault flag, runs the check, and stops it. */
async function withFault(flags: string[], check: (url: string, token: string, log: string[]) => Promise<void>): Promise<void> {
  const server = await startDevServer({ flags });
  try {
    await check(server.url, server.adminToken, server.log);
    const logged = server.log.join('\n');
    assert.ok(!logged.includes(server.adminToken) && !logged.includes(server.viewerToken), 'a token leaked into the log');
  } finally {
    await server.stop();
  }
}

describe('API client through each fault mode: a clear error kind, within the timeout, never a hang', () => {
  test('added latency beyond the timeout ends in "timeout" on time', async () => {
    await withFault(['--fault-latency-ms', '5000'], async (url, token) => {
      const started = performance.now();
      const error = await kindOf(createApiClient({ baseUrl: url, token, timeoutMs: 400 }).me());
      const elapsed = performance.now() - started;
      assert.equal(error.kind, 'timeout');
      assert.ok(elapsed < 1500, `took ${elapsed.toFixed(0)} ms`);
      assert.ok(!error.message.includes(token));
    });
  });

  test('5xx: GETs are retried with backoff, then "server"; a POST is sent once', async () => {
    await withFault(['--fault-status', '503'], async (url, token, log) => {
      const client = createApiClient({ baseUrl: url, token, retries: 2, backoffMs: 50 });
      const error = await kindOf(client.getGitOps('wl_shop'));
      assert.deepEqual([error.kind, error.status], ['server', 503]);
      const count = (prefix: string) => log.filter((line) => line.startsWith(prefix)).length;
      await waitUntil(() => count('GET /api/workloads/wl_shop/gitops 503') === 3, 'three GET attempts in the log');
      await kindOf(client.sync('wl_shop', {}));
      await waitUntil(() => count('POST /api/workloads/wl_shop/gitops/sync') === 1, 'the POST in the log');
      await kindOf(client.me());
      await waitUntil(() => count('GET /api/me') === 3, 'the next request in the log');
      assert.equal(count('POST /api/workloads/wl_shop/gitops/sync'), 1, 'the POST was not retried');
    });
  });

  test('429 ends in "rate_limited" and carries Retry-After', async () => {
    await withFault(['--fault-status', '429'], async (url, token) => {
      const error = await kindOf(createApiClient({ baseUrl: url, token, retries: 0 }).me());
      assert.deepEqual([error.kind, error.retryAfterSeconds], ['rate_limited', 1]);
    });
  });

  test('a 429 asking for longer than the call may take is "rate_limited" at once, with the wait, not a 10 s "timeout"', async () => {
    await withFault(['--fault-status', '429', '--fault-retry-after', '30'], async (url, token) => {
      const started = performance.now();
      const error = await kindOf(createApiClient({ baseUrl: url, token }).me());
      assert.deepEqual([error.kind, error.retryAfterSeconds], ['rate_limited', 30]);
      assert.ok(performance.now() - started < 5_000, 'it did not sit out the deadline');
    });
  });

  test('a redirect is refused as "redirect" (the token is not carried to another address), not "unreachable"', async () => {
    let hits = 0;
    const server = createHttpServer((_request, response) => {
      hits++;
      response.writeHead(301, { Location: 'https://example.invalid/api/me' });
      response.end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const error = await kindOf(createApiClient({ baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, token: 't' }).me());
      assert.equal(error.kind, 'redirect');
      assert.equal(hits, 1, 'not retried');
    } finally {
      server.close();
    }
  });

  test('a body that is not JSON ends in "malformed"', async () => {
    await withFault(['--fault-malformed'], async (url, token) => {
      assert.equal((await kindOf(createApiClient({ baseUrl: url, token, retries: 1, backoffMs: 10 }).me())).kind, 'malformed');
    });
  });

  test('a dropped connection ends in "unreachable"', async () => {
    await withFault(['--fault-drop'], async (url, token) => {
      assert.equal((await kindOf(createApiClient({ baseUrl: url, token, retries: 1, backoffMs: 10 }).listWorkloads())).kind, 'unreachable');
    });
  });

  test('now and then (--fault-now-and-then 3): every third request fails, a 429 with Retry-After, a 500, a dropped connection in turn; the client retries each and gets the answer', async () => {
    await withFault(['--fault-now-and-then', '3'], async (url, token, log) => {
      const raw = (path: string) => fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
      const statuses: Array<number | string> = [];
      let retryAfter: string | null = null;
      for (let index = 0; index < 9; index++) {
        try {
          const answer = await raw('/api/me');
          statuses.push(answer.status);
          if (answer.status === 429) retryAfter = answer.headers.get('retry-after');
          await answer.arrayBuffer();
        } catch {
          statuses.push('dropped');
        }
      }
      assert.deepEqual(statuses, [200, 200, 429, 200, 200, 500, 200, 200, 'dropped']);
      assert.equal(retryAfter, '1');
      // The 12th request is the next 429: the client waits the second it asks, tries again, and has its answer.
      await raw('/api/me').then((answer) => answer.arrayBuffer());
      await raw('/api/me').then((answer) => answer.arrayBuffer());
      assert.deepEqual(await createApiClient({ baseUrl: url, token, backoffMs: 10 }).me(), { username: 'admin', role: 'admin' });
      // The server prints a request's line once its answer is out: the last one may still be on its way.
      await waitUntil(() => log.filter((line) => line.startsWith('GET /api/me')).length === 13, '13 requests in the log: 9, 2, then the client\'s 429 and its retry');
      assert.deepEqual(log.filter((line) => line.startsWith('GET /api/me')).slice(-2).map((line) => line.split(' ')[2]), ['429', '200']);
    });
  });

  test('an outage now and then (--fault-outage 5,2): from every fifth request on, two in a row answer 503', async () => {
    await withFault(['--fault-outage', '5,2'], async (url, token) => {
      const statuses: number[] = [];
      for (let index = 0; index < 12; index++) {
        const answer = await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
        statuses.push(answer.status);
        await answer.arrayBuffer();
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 503, 503, 200, 200, 200, 503, 503, 200]);
    });
  });

  test('nothing listening ends in "unreachable"', async () => {
    const port = await freePort();
    const error = await kindOf(createApiClient({ baseUrl: `http://127.0.0.1:${port}`, token: 'secret-token-value', retries: 0 }).me());
    assert.equal(error.kind, 'unreachable');
    assert.ok(!error.message.includes('secret-token-value'));
  });

  test('cancellation ends in "cancelled" at once', async () => {
    await withFault(['--fault-latency-ms', '5000'], async (url, token) => {
      const controller = new AbortController();
      const pending = kindOf(createApiClient({ baseUrl: url, token }).me({ signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      const started = performance.now();
      assert.equal((await pending).kind, 'cancelled');
      assert.ok(performance.now() - started < 1000);
    });
  });

  test('a self-signed certificate is a "tls" error, and works once its CA file is given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tinyforge-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"username":"admin","role":"admin"}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      assert.equal((await kindOf(createApiClient({ baseUrl: url, token: 't', retries: 0 }).me())).kind, 'tls');
      // A mistyped CA path is the call's error (kind ca_file), not an exception from creating the client.
      const mistyped = createApiClient({ baseUrl: url, token: 't', caFile: join(dir, 'no-such.pem') });
      const unreadable = await kindOf(mistyped.me());
      assert.equal(unreadable.kind, 'ca_file');
      assert.match(unreadable.message, /no-such\.pem \(ENOENT\)/);
      assert.deepEqual(await createApiClient({ baseUrl: url, token: 't', caFile: join(dir, 'cert.pem') }).me(), { username: 'admin', role: 'admin' });
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
