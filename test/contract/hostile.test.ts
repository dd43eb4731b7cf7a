import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createApiClient, TinyforgeApiError, type TinyforgeApi } from '../../api/src/index';
import { repoRoot } from '../support/lspClient';

const token = 'tf_admin_hostile-test-token-5f2d9c7a1b';

/** A server of our own that misbehaves as told, on 127.0.0.1 and a free port; it records every request it gets. */
async function hostileServer(behave: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    behave(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push(server);
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, requests, server };
}
const open: Server[] = [];
after(() => {
  for (const server of open) server.closeAllConnections(), server.close();
});

const json = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
};

async function failure(promise: Promise<unknown>): Promise<TinyforgeApiError> {
  const error = await promise.then(
    () => assert.fail('the call succeeded'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof TinyforgeApiError, `not a TinyforgeApiError: ${String(error)}`);
  assert.ok(!error.message.includes(token) && !error.message.includes(encodeURIComponent(token)), `the token is in the message: ${error.message}`);
  return error;
}

const client = (url: string, extra: Partial<Parameters<typeof createApiClient>[0]> = {}): TinyforgeApi => createApiClient({ baseUrl: url, token, backoffMs: 10, ...extra });

/** Streams `total` bytes of a JSON list that never ends, and says whether the client stayed until the end. */
function endlessList(total: number): { behave: (request: IncomingMessage, response: ServerResponse) => void; finished: () => boolean | undefined } {
  let finished: boolean | undefined;
  return {
    finished: () => finished,
    behave: (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.from(`${JSON.stringify({ id: 'wl', name: 'x'.repeat(900) })},`);
      let sent = 0;
      response.write('[');
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end(']');
      };
      response.on('close', () => (finished = response.writableFinished));
      pump();
    },
  };
}

describe('API client against a hostile server: a clear error within the timeout, bounded memory, never the token', () => {
  test('a redirect to another host is refused; the other host gets no request, so never the token', async () => {
    const elsewhere = await hostileServer((_request, response) => json(response, 200, { username: 'x', role: 'admin' }));
    const otherHost = elsewhere.url.replace('127.0.0.1', 'localhost');
    for (const status of [301, 302, 303, 307, 308]) {
      const redirecting = await hostileServer((request, response) => {
        response.writeHead(status, { Location: `${otherHost}${request.url}?echo=${token}` });
        response.end();
      });
      const error = await failure(client(redirecting.url).me());
      assert.equal(error.kind, 'redirect', `${status}`);
      assert.equal(redirecting.requests.length, 1, 'a redirect is not retried');
    }
    assert.equal(elsewhere.requests.length, 0, 'the redirect target was never asked');
  });

  test('an answer of 20 MB is refused as "malformed" after at most 16 MiB, and the rest is never read', async () => {
    const huge = endlessList(40 * 1024 * 1024);
    const server = await hostileServer(huge.behave);
    const started = performance.now();
    const error = await failure(client(server.url).listWorkloads());
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /answered GET \/api\/workloads with more than 16 MiB/);
    assert.equal(server.requests.length, 1, 'not retried');
    assert.ok(performance.now() - started < 10_000);
    // The client hung up long before the 40 MB were written.
    for (let i = 0; i < 100 && huge.finished() === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(huge.finished(), false, 'the client read the whole answer');
    // A single workload's answer is capped lower still.
    const bigOne = await hostileServer((_request, response) => json(response, 200, { status: 'ok', raw: 'x'.repeat(2 * 1024 * 1024) }));
    assert.match((await failure(client(bigOne.url).getGitOps('wl'))).message, /with more than 1 MiB/);
  });

  test('an answer that drips one byte every 100 ms ends in "timeout" on time', async () => {
    const server = await hostileServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      const drip = setInterval(() => response.write(' '), 100);
      response.on('close', () => clearInterval(drip));
    });
    const started = performance.now();
    const error = await failure(client(server.url, { timeoutMs: 800 }).me());
    const elapsed = performance.now() - started;
    assert.equal(error.kind, 'timeout');
    assert.ok(elapsed < 2_000, `took ${elapsed.toFixed(0)} ms`);
  });

  test('bytes that are not UTF-8 are "malformed", not text with replacement characters', async () => {
    const server = await hostileServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(Buffer.concat([Buffer.from('{"username":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","role":"admin"}')]));
    });
    const error = await failure(client(server.url).me());
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /not UTF-8/);
    assert.equal(server.requests.length, 1, 'not retried');
  });

  test('answers of the wrong shape are "malformed" and name the wrong field, once per call', async () => {
    const cases: Array<{ call: (api: TinyforgeApi) => Promise<unknown>; body: unknown; says: RegExp }> = [
      { call: (api) => api.me(), body: [], says: /the answer is an array, not an object/ },
      { call: (api) => api.me(), body: { username: 'a', role: 'root' }, says: /role is "root", not admin or viewer/ },
      { call: (api) => api.me(), body: { username: 7, role: 'admin' }, says: /username is 7, not a string/ },
      // A server that echoes the token into a field must not get it into our message.
      { call: (api) => api.me(), body: { username: 'a', role: token }, says: /role is "\*\*\*", not admin or viewer/ },
      { call: (api) => api.listWorkloads(), body: { workloads: [] }, says: /the answer is an object, not a list/ },
      { call: (api) => api.listWorkloads(), body: [{ id: 'wl_a', name: 'a', source_kind: 'static', source_config: {}, gitops_enabled: 'yes', gitops_path: '.tinyforge.yml' }], says: /workload \[0\]\.gitops_enabled is "yes", not true or false/ },
      { call: (api) => api.getWorkload('wl'), body: { id: 'wl', name: 'a', source_kind: 'static', source_config: null, gitops_enabled: true, gitops_path: 'x.yml' }, says: /source_config is null, not an object/ },
      { call: (api) => api.getGitOps('wl'), body: { enabled: true, path: '.tinyforge.yml', status: 'great' }, says: /status is "great", not one of disabled, ok/ },
      { call: (api) => api.getGitOps('wl'), body: { enabled: true, path: '.tinyforge.yml', status: 'ok' }, says: /drift is missing, not a list/ },
      { call: (api) => api.getGitOps('wl'), body: { enabled: true, path: '.tinyforge.yml', status: 'ok', drift: [{ field: 'deploy.port', repo_value: 8080, live_value: '3000' }] }, says: /drift\[0\]\.repo_value is 8080, not a string/ },
      { call: (api) => api.sync('wl', {}), body: { commit_sha: 'abc1234', last_sync_at: '', drift: [] }, says: /applied is missing, not a list/ },
      { call: (api) => api.me(), body: `${'['.repeat(200_000)}${']'.repeat(200_000)}`, says: /the answer is an array/ },
    ];
    for (const { call, body, says } of cases) {
      const server = await hostileServer((_request, response) => json(response, 200, body));
      const error = await failure(call(client(server.url)));
      assert.equal(error.kind, 'malformed', says.source);
      assert.match(error.message, says);
      assert.equal(server.requests.length, 1, `${says.source}: asked once`);
    }
  });

  test('a right shape with extras and omitted optional strings is accepted; an access_token in it is dropped', async () => {
    const workload = { id: 'wl', name: 'a', source_kind: 'static', source_config: { branch: 'main', access_token: 'provider-secret' }, gitops_enabled: true, gitops_path: '.tinyforge.yml', future_field: 1 };
    const server = await hostileServer((_request, response) => json(response, 200, workload));
    const read = await client(server.url).getWorkload('wl');
    assert.deepEqual(read.source_config, { branch: 'main' });
    assert.deepEqual([read.gitops_last_sync_at, read.gitops_commit_sha], ['', '']);
  });

  test('managed live values of the wrong type are a bad answer naming the field; unset ones are fine', async () => {
    const withPort = (source: Record<string, unknown>) => ({ id: 'wl', name: 'a', source_kind: 'dockerfile', source_config: { branch: 'main', ...source }, gitops_enabled: true, gitops_path: '.tinyforge.yml' });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ port: [3000] }, /live deploy\.port \(source_config\.port\) is an array, not an integer/],
      [{ healthcheck: { path: '/x' } }, /live deploy\.healthcheck \(source_config\.healthcheck\) is an object, not a string/],
      [{ port: '0x1F90' }, /live deploy\.port .* is a string, not an integer/],
      [{ port: '8080' }, /live deploy\.port .* is a string, not an integer/],
      [{ max_instances: true }, /live deploy\.max_instances .* is a boolean, not an integer/],
      [{ memory_limit: 512.5 }, /live deploy\.resources\.memory_limit .* is a number with a fraction, not an integer/],
      [{ cpu_limit: '0.5' }, /live deploy\.resources\.cpu_limit .* is a string, not a number/],
    ];
    for (const [source, says] of cases) {
      const server = await hostileServer((_request, response) => json(response, 200, withPort(source)));
      const error = await failure(client(server.url).getWorkload('wl'));
      assert.equal(error.kind, 'malformed');
      assert.match(error.message, says);
      assert.match(error.message, new RegExp(`^${server.url.replace(/[.:/]/g, '\\$&')} answered GET /api/workloads/wl`), 'the message names the server');
    }
    const deep = `{"id":"wl","name":"a","source_kind":"dockerfile","gitops_enabled":true,"gitops_path":".tinyforge.yml","source_config":{"port":${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`;
    const deepServer = await hostileServer((_request, response) => json(response, 200, deep));
    assert.match((await failure(client(deepServer.url).getWorkload('wl'))).message, /live deploy\.port .* is an array, not an integer/);
    const unset = await hostileServer((_request, response) => json(response, 200, withPort({ port: null, healthcheck: '', cpu_limit: 0.5, memory_limit: 512 })));
    assert.deepEqual((await client(unset.url).getWorkload('wl')).source_config, { branch: 'main', port: null, healthcheck: '', cpu_limit: 0.5, memory_limit: 512 });
  });

  test('repository coordinates must be strings: binding lowercases and compares them', async () => {
    const server = await hostileServer((_request, response) => json(response, 200, [{ id: 'wl', name: 'a', source_kind: 'static', source_config: { repo_owner: 7, branch: 'main' }, gitops_enabled: true, gitops_path: '.tinyforge.yml' }]));
    assert.match((await failure(client(server.url).listWorkloads())).message, /workload \[0\]\.source_config\.repo_owner is 7, not a string/);
  });

  test('a commit hash that is not hex is a bad answer: it would go back to the server as expected_commit_sha', async () => {
    const server = await hostileServer((_request, response) => json(response, 200, { enabled: true, path: '.tinyforge.yml', status: 'ok', drift: [], commit_sha: 'HEAD; rm -rf /' }));
    assert.match((await failure(client(server.url).getGitOps('wl'))).message, /commit_sha is "HEAD; rm -rf \/", not a commit hash/);
  });

  test('the token inside data (a name, a value, a time, a message), raw or percent-encoded, never leaves the client', async () => {
    const encoded = encodeURIComponent(token).toLowerCase();
    const workload = { id: 'wl', name: `app-${token}\u001b[2J`, source_kind: 'dockerfile', source_config: { branch: 'main', healthcheck: `/h?t=${encoded}` }, gitops_enabled: true, gitops_path: '.tinyforge.yml', gitops_last_sync_at: `${token}Z` };
    const server = await hostileServer((request, response) =>
      json(response, 200, request.url?.endsWith('/gitops') ? { enabled: true, path: '.tinyforge.yml', status: 'invalid', message: `bad ${token}`, drift: [], last_sync_at: token } : workload),
    );
    const read = await client(server.url).getWorkload('wl');
    assert.equal(read.name, 'app-***\\x1b[2J', 'redacted, and the escape shown, not kept');
    assert.equal(read.source_config.healthcheck, '/h?t=***');
    assert.equal(read.gitops_last_sync_at, '***Z');
    const state = await client(server.url).getGitOps('wl');
    assert.deepEqual([state.message, state.last_sync_at], ['bad ***', '***']);
    // A token spelled with JSON escapes (\u0074 for t) is not in the text as such: it is found after parsing.
    const escaped = await hostileServer((_request, response) => json(response, 200, `{"id":"wl","name":"app-\\u0074${token.slice(1)}","source_kind":"static","source_config":{},"gitops_enabled":true,"gitops_path":".tinyforge.yml"}`));
    assert.equal((await client(escaped.url).getWorkload('wl')).name, 'app-***');
    // A token with a slash can be spelled with JSON's \/ and no \u: that text is walked too.
    const slashToken = 'tf/admin/slash-token-9c1e';
    const slashed = await hostileServer((_request, response) => json(response, 200, `{"id":"wl","name":"app-${slashToken.replace(/\//g, '\\/')}","source_kind":"static","source_config":{},"gitops_enabled":true,"gitops_path":".tinyforge.yml"}`));
    assert.equal((await client(slashed.url, { token: slashToken }).getWorkload('wl')).name, 'app-***');
    // One workload's answer is capped at 1 MiB; the list (16 MiB) can carry a 4 MB name.
    const huge = await hostileServer((_request, response) => json(response, 200, [{ ...workload, name: 'n'.repeat(4 * 1024 * 1024) }]));
    assert.ok((await client(huge.url).listWorkloads())[0].name.length <= 120, 'a 4 MB name is capped where it comes in');
  });

  test('an error answer that echoes the token, or runs to megabytes, is cut down to one redacted line', async () => {
    const echo = await hostileServer((request, response) => json(response, 500, { error: 'boom', message: `bad ${request.headers.authorization}\nsecond line` }));
    const echoed = await failure(client(echo.url, { retries: 0 }).me());
    assert.equal(echoed.message, 'bad Bearer *** second line');
    const huge = await hostileServer((_request, response) => json(response, 500, { error: 'boom', message: 'x'.repeat(5 * 1024 * 1024) }));
    const cut = await failure(client(huge.url, { retries: 0 }).getGitOps('wl'));
    assert.ok(Buffer.byteLength(cut.message) <= 240, `${Buffer.byteLength(cut.message)} bytes`);
  });
});

/** Runs the CLI against a server, and returns its exit code and output. */
function lint(url: string): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/cli.js'), '--url', url, '--workload', 'wl', join(repoRoot, 'examples/valid/.tinyforge.yml')], { env: { PATH: process.env.PATH, TINYFORGE_TOKEN: token } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output, ms: performance.now() - started }));
  });
}

describe('tinyforge-lint against a hostile server: exit 2 with one clear line, never the token', () => {
  test('redirect, a 40 MB answer, bytes that are not UTF-8, and wrong shapes', async () => {
    const elsewhere = await hostileServer((_request, response) => json(response, 200, []));
    const behaviours: Array<[RegExp, (request: IncomingMessage, response: ServerResponse) => void]> = [
      [/answers with a redirect|redirect/, (request, response) => (response.writeHead(302, { Location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}${request.url}` }), response.end())],
      [/with more than (16|1) MiB/, endlessList(40 * 1024 * 1024).behave],
      [/not UTF-8/, (_request, response) => (response.writeHead(200), response.end(Buffer.from([0x7b, 0xff, 0x7d])))],
      [/role is "\*\*\*", not admin or viewer|not the Tinyforge API/, (request, response) => json(response, 200, request.url === '/api/me' ? { username: 'a', role: token } : [])],
    ];
    for (const [says, behave] of behaviours) {
      const server = await hostileServer(behave);
      const result = await lint(server.url);
      assert.equal(result.code, 2, result.output);
      assert.match(result.output, says);
      assert.ok(!result.output.includes(token), `the token is in the output: ${result.output}`);
      assert.equal(result.output.trim().split('\n').length, 1, `one line: ${result.output}`);
      assert.ok(result.ms < 10_000, `took ${result.ms.toFixed(0)} ms`);
    }
    assert.equal(elsewhere.requests.length, 0, 'the redirect target was never asked');
  });
});
