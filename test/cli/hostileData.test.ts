// tinyforge-lint against a Tinyforge whose data is hostile: what reaches the terminal, the JSON and the SARIF.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { repoRoot } from '../support/lspClient';
import { assertNothingHostile, gitopsAnswer, hostile, hostileToken, makeCheckout, startHostileTinyforge, workloadAnswer, type HostileTinyforge } from '../support/hostileTinyforge';

const fileText = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /healthz\n  max_instances: 2\n';

function lint(url: string, format: string, file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist/cli.js'), '--url', url, '--workload', 'wl_hostile', '--format', format, file], { env: { PATH: process.env.PATH, TINYFORGE_TOKEN: hostileToken } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tinyforge-lint with hostile data from the server', () => {
  const servers: HostileTinyforge[] = [];
  const { file } = makeCheckout(fileText);
  after(() => servers.forEach((server) => server.stop()));
  const serve = async (workload: unknown, gitops: unknown = gitopsAnswer(fileText)): Promise<string> => {
    const server = await startHostileTinyforge({ workloads: () => (typeof workload === 'string' ? workload : [workload]), gitops: () => gitops });
    servers.push(server);
    return server.url;
  };

  test('a token, terminal escapes and Markdown in names, values and times: redacted and shown as text in every format', async () => {
    const url = await serve(
      workloadAnswer({ name: `${hostile.tokenInName}${hostile.escapes}${hostile.markdown}`, gitops_last_sync_at: hostileToken }, { healthcheck: `${hostile.tokenEncodedInValue}${hostile.escapes}` }),
      gitopsAnswer(fileText, { last_sync_at: hostileToken, message: hostile.escapes }),
    );
    for (const format of ['text', 'json', 'sarif']) {
      const result = await lint(url, format, file);
      assert.equal(result.code, 3, `${format}: ${result.stderr}`);
      assertNothingHostile(result.stdout, `${format} output`);
      assertNothingHostile(result.stderr, `${format} stderr`);
    }
    const text = await lint(url, 'text', file);
    const lines = text.stdout.split('\n').filter(Boolean).map((line) => line.slice(file.length + 1));
    assert.equal(lines[0], '3:9 information drift deploy.port is 8080 here but 3000 on the live workload app-***evil\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eend[click] (https://evil.example/x) ![img] (https://evil.example/i.png) …');
    assert.match(lines[1], /^4:16 information drift deploy\.healthcheck is \/healthz here but \/h\?t=\*\*\*evil\\x1b\]0;pwned\\x07.* on the live workload app-\*\*\*/);
    assert.match(text.stderr, /2 drifted fields against app-\*\*\*evil\\x1b/);
    for (const line of text.stdout.split('\n')) assert.ok(line.length < 800, `a line of ${line.length} characters`);
  });

  test('a 4 MB workload name: every line stays short', async () => {
    const url = await serve(workloadAnswer({ name: 'n'.repeat(4 * 1024 * 1024) }));
    const result = await lint(url, 'json', file);
    assert.equal(result.code, 3, result.stderr);
    assert.ok(result.stdout.length < 4000, `${result.stdout.length} bytes of JSON`);
    const text = await lint(url, 'text', file);
    assert.ok(text.stdout.length + text.stderr.length < 2000, `${text.stdout.length + text.stderr.length} bytes of text`);
  });

  test('managed live values of the wrong type: exit 2, a message naming the field and the server, not the file; no drift', async () => {
    const cases: Array<[Record<string, unknown> | string, RegExp]> = [
      [{ port: [3000] }, /live deploy\.port \(source_config\.port\) is an array, not an integer/],
      [{ healthcheck: { path: '/x' } }, /live deploy\.healthcheck \(source_config\.healthcheck\) is an object, not a string/],
      [{ port: '0x1F90' }, /live deploy\.port \(source_config\.port\) is a string, not an integer/],
      [{ max_instances: false }, /live deploy\.max_instances \(source_config\.max_instances\) is a boolean, not an integer/],
      [`[{"id":"wl_hostile","name":"deep","source_kind":"dockerfile","gitops_enabled":true,"gitops_path":".tinyforge.yml","source_config":{"base_url":"https://git.example.com","repo_owner":"acme","repo_name":"hostile-app","branch":"main","port":${'['.repeat(10_000)}3000${']'.repeat(10_000)}}}]`, /live deploy\.port \(source_config\.port\) is an array, not an integer/],
    ];
    for (const [source, says] of cases) {
      const url = await serve(typeof source === 'string' ? source : workloadAnswer({}, source));
      const result = await lint(url, 'text', file);
      assert.equal(result.code, 2, result.stderr);
      assert.equal(result.stdout, '', 'no finding, and no drift shown as fact');
      assert.match(result.stderr, says);
      assert.match(result.stderr, /^tinyforge-lint: cannot read the live config: http:\/\/127\.0\.0\.1:\d+/);
      assert.doesNotMatch(result.stderr, /\.tinyforge\.yml|RangeError/, 'the local file is not blamed');
    }
  });

  test('a value nested 10,000 deep in a field we do not manage renders nowhere and breaks nothing', async () => {
    const deep = `[{"id":"wl_hostile","name":"deep","source_kind":"dockerfile","gitops_enabled":true,"gitops_path":".tinyforge.yml","source_config":{"port":3000,"labels":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}}]`;
    const result = await lint(await serve(deep), 'text', file);
    assert.equal(result.code, 3, result.stderr);
    assert.match(result.stdout, /deploy\.port is 8080 here but 3000 on the live workload deep/);
  });
});
