// The language server as other editors run it: `tinyforge-language-server` (dist/language-server.js), started with no
// VS Code file, settings or code cache; a client with few capabilities; live data fetched by the server itself.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InitializeParams } from 'vscode-languageserver-protocol';
import { demoRepoFolder } from '../../devserver/src/demo';
import { startDevServer, type DevServer } from '../support/devServer';
import { changeDocument, codesOf, openDocument, repoRoot, startLspSession, type LspSession } from '../support/lspClient';
import { waitUntil } from '../support/wait';

const bin = join(repoRoot, 'dist/language-server.js');

/** An environment with nothing of ours in it: no token, URL or code cache, as a user's shell would be. */
function bareEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['TINYFORGE_URL', 'TINYFORGE_TOKEN', 'TINYFORGE_CA_FILE', 'TINYFORGE_CODE_CACHE']) if (!(name in extra)) delete env[name];
  return env;
}

/** The API requests a dev server logged (one line each: method, target, status, time). */
const apiRequests = (server: DevServer): string[] => server.log.filter((line) => /^(GET|PUT|POST|DELETE) \/api\//.test(line));

function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`);
}

/** A client that pulls nothing, has no workspace folders, no configuration and no other capability. */
const bareClient = { capabilities: {}, rootUri: null, workspaceFolders: null };

const brokenText = 'version: 1\ndeploy:\n  prot: 8080\n  healthcheck: 8080\n\n';

describe('tinyforge-language-server for a client with no pull diagnostics, no workspace folders and no configuration capability', () => {
  let session: LspSession;
  const uri = 'file:///nowhere/app/.tinyforge.yml';
  before(async () => {
    session = await startLspSession({ args: [bin], env: bareEnvironment(), initialize: bareClient });
  });
  after(() => session.close());

  test('starts on stdio by default and advertises push diagnostics only', () => {
    assert.equal(session.initializeResult.serverInfo?.name, 'tinyforge-language-server');
    assert.equal(session.initializeResult.capabilities.diagnosticProvider, undefined);
    assert.deepEqual(session.initializeResult.capabilities.textDocumentSync, 2, 'no didSave asked for: nothing to fetch');
  });

  test('every feature answers: diagnostics, completion, hover, quick fix, fix-all, symbols, folding; it asks the client nothing', async () => {
    const published = session.nextDiagnostics(uri, { version: 1 });
    openDocument(session, uri, brokenText);
    const { diagnostics } = await published;
    assert.deepEqual(summary(diagnostics), ['unknown-key@2:2-2:6', 'invalid-type@3:15-3:19']);
    assert.match(String(diagnostics[0].message), /Did you mean "port"\?/);

    const deployItems = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 2 } })) as CompletionList;
    const labels = (Array.isArray(deployItems) ? deployItems : deployItems.items).map((item: CompletionItem) => item.label);
    assert.ok(labels.includes('port') && labels.includes('max_instances'), `keys under deploy: ${labels.join(', ')}`);
    // Without snippet support a proposal is the plain text a snippet would leave.
    assert.ok((Array.isArray(deployItems) ? deployItems : deployItems.items).every((item: CompletionItem) => item.insertTextFormat !== 2));

    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /healthcheck/i);

    const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } })) as CodeAction[];
    const rename = actions.find((action) => action.title === 'Rename "prot" to "port"');
    assert.ok(rename?.edit?.changes?.[uri], `actions: ${actions.map((action) => action.title).join(' | ')}`);
    const fixAll = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.equal(fixAll.length, 1);

    const symbols = (await session.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['version', 'deploy']);
    const folding = (await session.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as FoldingRange[];
    assert.ok(folding.some((range) => range.startLine === 1));

    const fixed = session.nextDiagnostics(uri, { version: 2 });
    changeDocument(session, uri, brokenText.replace('prot', 'port').replace('healthcheck: 8080', 'healthcheck: /healthz'), 2);
    assert.deepEqual((await fixed).diagnostics, []);
    assert.deepEqual(session.serverRequests, [], 'a client without capabilities is asked for nothing');
  });
});

describe('tinyforge-language-server started for every YAML file (as Helix, Zed or LSP4IJ may be set up)', () => {
  test('a YAML file that is not a Tinyforge file gets no diagnostics, completion or hover', async () => {
    const session = await startLspSession({ args: [bin], env: bareEnvironment(), initialize: bareClient });
    try {
      const other = 'file:///ws/k8s/deployment.yaml';
      openDocument(session, other, 'apiVersion: apps/v1\nkind: Deployment\nprot: 1\n');
      const tinyforge = 'file:///ws/k8s/.tinyforge.yml';
      const published = session.nextDiagnostics(tinyforge, { version: 1 });
      openDocument(session, tinyforge, brokenText);
      await published;
      assert.equal(await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 2, character: 1 } }), null);
      const completion = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: other }, position: { line: 3, character: 0 } })) as CompletionItem[] | CompletionList | null;
      assert.equal((Array.isArray(completion) ? completion : (completion?.items ?? [])).length, 0);
      assert.ok(!session.published.some((p) => p.uri === other), 'nothing published for it');
    } finally {
      await session.close();
    }
  });
});

describe('tinyforge-language-server with only a rootUri, and with a workspace folder', () => {
  const cases: Array<[string, string, Partial<InitializeParams>]> = [
    ['rootUri only', 'file:///ws/only-root', { capabilities: {}, rootUri: 'file:///ws/only-root', workspaceFolders: null }],
    ['a workspace folder', 'file:///ws/folder', { capabilities: {}, rootUri: null, workspaceFolders: [{ uri: 'file:///ws/folder', name: 'folder' }] }],
  ];
  for (const [name, folder, initialize] of cases) {
    test(`${name}: a file in it and a file outside it both get their diagnostics`, async () => {
      const session = await startLspSession({ args: [bin], env: bareEnvironment(), initialize });
      try {
        for (const uri of [`${folder}/.tinyforge.yml`, 'file:///elsewhere/.tinyforge.yml']) {
          const published = session.nextDiagnostics(uri, { version: 1 });
          openDocument(session, uri, brokenText);
          assert.deepEqual(codesOf((await published).diagnostics), ['unknown-key', 'invalid-type'], uri);
        }
      } finally {
        await session.close();
      }
    });
  }

  test('--help and --version answer on stdout and exit', async () => {
    const { execFileSync } = await import('node:child_process');
    assert.match(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }), /TINYFORGE_TOKEN/);
    const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version;
    assert.equal(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim(), version);
  });
});

describe('tinyforge-language-server fetching live data itself (TINYFORGE_URL and TINYFORGE_TOKEN)', () => {
  let server: DevServer;
  let session: LspSession;
  let uri: string;
  let text: string;
  before(async () => {
    server = await startDevServer();
    const path = join(demoRepoFolder(server.dataDir, 'shop-api'), '.tinyforge.yml');
    uri = pathToFileURL(path).toString();
    text = readFileSync(path, 'utf8');
    session = await startLspSession({ args: [bin], env: bareEnvironment({ TINYFORGE_URL: server.url, TINYFORGE_TOKEN: server.adminToken }), initialize: bareClient });
  });
  after(async () => {
    await session.close();
    await server.stop();
  });

  test('binds the file by its checkout and reports drift on the value; typing sends no request', async () => {
    assert.deepEqual(session.initializeResult.capabilities.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    openDocument(session, uri, text);
    await waitUntil(() => session.published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'drift')), 'a drift diagnostic');
    const diagnostics = session.published.filter((p) => p.uri === uri).at(-1)!.diagnostics;
    // shop-api's file says port 8080 and blue_green; live says 3000 and an empty strategy (recreate).
    // cpu_limit is not managed for a dockerfile workload.
    assert.deepEqual(summary(diagnostics), ['drift@3:8-3:12', 'drift@5:19-5:29', 'not-managed@7:4-7:13']);
    assert.deepEqual(diagnostics.map((d) => d.severity), [3, 3, 2]);
    const opened = apiRequests(server);
    assert.deepEqual(opened.map((line) => line.split(' ').slice(0, 2).join(' ')).sort(), ['GET /api/me', 'GET /api/workloads', 'GET /api/workloads/wl_shop/gitops'].sort());

    // Twenty keystrokes: drift is recomputed from the snapshot held, nothing is asked.
    let version = 1;
    let typed = text;
    for (const character of '3000') {
      typed = typed.replace(/port: \d*/, (match) => `${match}${character}`);
      changeDocument(session, uri, typed, ++version);
    }
    typed = text.replace('port: 8080', 'port: 3000');
    const last = session.nextDiagnostics(uri, { version: version + 1 });
    changeDocument(session, uri, typed, ++version);
    assert.deepEqual(summary((await last).diagnostics), ['drift@5:19-5:29', 'not-managed@7:4-7:13'], 'port 3000 is live: only the strategy drifts');
    const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /blue_green/);
    // A save right after the open's fetch is not a reason to ask again (at most one per 30 s).
    session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } });
    assert.deepEqual(apiRequests(server), opened, 'typing, hovering and saving sent no request');
  });

  test('an admin gets "Use the live value" on a drift, but no Sync: this client has no Sync command', async () => {
    const drift = session.published.filter((p) => p.uri === uri).at(-1)!.diagnostics.filter((d) => d.code === 'drift');
    const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: drift[0].range, context: { diagnostics: drift } })) as CodeAction[];
    assert.deepEqual(actions.map((action) => action.title), ['Use the live value (recreate) in this file']);
    assert.ok(!(session.initializeResult.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds.includes('source.sync.tinyforge'));
  });

  test('a file outside git costs no request and gets no live finding', async () => {
    const before = apiRequests(server).length;
    const outside = 'file:///not/a/checkout/.tinyforge.yml';
    const published = session.nextDiagnostics(outside, { version: 1 });
    openDocument(session, outside, text);
    assert.deepEqual(codesOf((await published).diagnostics), []);
    await waitUntil(() => session.logs.some((line) => line.includes('is not in a git checkout')), 'the log line saying why');
    assert.equal(apiRequests(server).length, before);
  });

  test('the token never appears in what the server logged or showed', () => {
    const said = [...session.logs, ...session.shown].join('\n');
    assert.ok(said.includes(server.url), 'the log names the server');
    assert.ok(!said.includes(server.adminToken));
  });
});

describe('tinyforge-language-server when Tinyforge fails', () => {
  test('429: no live finding, one warning with the reason (no token), and the retries stop', async () => {
    const server = await startDevServer({ flags: ['--fault-status', '429', '--fault-retry-after', '1'] });
    const path = join(demoRepoFolder(server.dataDir, 'shop-api'), '.tinyforge.yml');
    const uri = pathToFileURL(path).toString();
    const session = await startLspSession({ args: [bin], env: bareEnvironment({ TINYFORGE_URL: server.url, TINYFORGE_TOKEN: server.adminToken }), initialize: bareClient });
    try {
      openDocument(session, uri, readFileSync(path, 'utf8'));
      await waitUntil(() => session.shown.length > 0, 'a warning', 20_000);
      assert.match(session.shown[0], new RegExp(`no live data from ${server.url.replace(/[.:/]/g, '\\$&')}`));
      assert.ok(!session.shown.join('\n').includes(server.adminToken) && !session.logs.join('\n').includes(server.adminToken));
      assert.ok(session.published.filter((p) => p.uri === uri).every((p) => p.diagnostics.every((d) => d.code !== 'drift')));
      // The API client tries a GET three times (Retry-After 1 s between), for me and the list at once: 6 at most.
      const sent = apiRequests(server).length;
      assert.ok(sent <= 6, `${sent} requests for one open`);
      // A second file opened now waits out the pause the failures started (10 s, doubled per failed call), then fails
      // the same way: logged again, not shown again.
      const failedAt = Date.now();
      const other = pathToFileURL(join(demoRepoFolder(server.dataDir, 'docs-site'), '.tinyforge.yml')).toString();
      openDocument(session, other, 'version: 1\n');
      await waitUntil(() => session.logs.filter((line) => line.includes('no live data')).length >= 2, 'the second file logged its failure', 40_000);
      assert.ok(Date.now() - failedAt >= 9_000, `the second file asked ${Date.now() - failedAt} ms after the failure`);
      assert.equal(session.shown.length, 1, 'the same failure is shown once');
    } finally {
      await session.close();
      await server.stop();
    }
  });

  test('a URL with no token, and a URL that is not http(s), each get one warning and no request', async () => {
    for (const [env, expected] of [
      [{ TINYFORGE_URL: 'https://forge.example.com' }, /no token is/],
      [{ TINYFORGE_URL: 'forge.example.com', TINYFORGE_TOKEN: 'tf_secret_value' }, /is not an http\(s\) URL/],
    ] as const) {
      const session = await startLspSession({ args: [bin], env: bareEnvironment(env), initialize: bareClient });
      try {
        await waitUntil(() => session.shown.length > 0, 'a warning');
        assert.match(session.shown[0], expected);
        assert.ok(!session.shown[0].includes('tf_secret_value'));
      } finally {
        await session.close();
      }
    }
  });
});

describe('the server VS Code starts never fetches', () => {
  test("with liveData: 'client', TINYFORGE_URL and TINYFORGE_TOKEN in its environment are not used", async () => {
    const server = await startDevServer();
    const path = join(demoRepoFolder(server.dataDir, 'shop-api'), '.tinyforge.yml');
    const uri = pathToFileURL(path).toString();
    const session = await startLspSession({
      env: bareEnvironment({ TINYFORGE_URL: server.url, TINYFORGE_TOKEN: server.adminToken }),
      initialize: { initializationOptions: { liveData: 'client' } },
    });
    try {
      const published = session.nextDiagnostics(uri, { version: 1 });
      openDocument(session, uri, readFileSync(path, 'utf8'));
      assert.deepEqual(codesOf((await published).diagnostics), []);
      await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 4 } });
      assert.deepEqual(apiRequests(server), []);
      assert.ok(!session.logs.some((line) => line.includes('live findings from')));
    } finally {
      await session.close();
      await server.stop();
    }
  });
});
