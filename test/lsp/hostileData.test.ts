// The standalone language server (as Neovim, Emacs or Vim run it) against a Tinyforge whose data is hostile, and
// for a client that drops what LSP makes optional (`source` of the diagnostics it sends back, snippet support).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { marked } from 'marked';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { assertNothingHostile, gitopsAnswer, hostile, hostileToken, makeCheckout, startHostileTinyforge, workloadAnswer, type HostileTinyforge } from '../support/hostileTinyforge';
import { openDocument, repoRoot, startLspSession, type LspSession } from '../support/lspClient';
import { waitUntil } from '../support/wait';

const bin = join(repoRoot, 'dist/language-server.js');
const fileText = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /healthz\n  max_instances: 2\n';

function environment(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TINYFORGE_URL: url, TINYFORGE_TOKEN: hostileToken };
  delete env.TINYFORGE_CODE_CACHE;
  delete env.TINYFORGE_CA_FILE;
  return env;
}

/** Everything the server said to the user or the log, and published, as one text. */
function everythingSaid(session: LspSession): string {
  return JSON.stringify({ logs: session.logs, shown: session.shown, published: session.published });
}

describe('tinyforge-language-server with hostile data from Tinyforge', () => {
  const servers: HostileTinyforge[] = [];
  const sessions: LspSession[] = [];
  after(async () => {
    for (const session of sessions) await session.close();
    for (const server of servers) server.stop();
  });
  const start = async (workloads: () => unknown, gitops: unknown = gitopsAnswer(fileText)) => {
    const server = await startHostileTinyforge({ workloads, gitops: () => gitops });
    servers.push(server);
    const session = await startLspSession({ args: [bin], env: environment(server.url), initialize: { capabilities: {}, rootUri: null, workspaceFolders: null } });
    sessions.push(session);
    const { file } = makeCheckout(fileText);
    return { server, session, uri: pathToFileURL(file).toString() };
  };

  test('diagnostics, hover and log lines: no token, no control character, no markup, bounded', async () => {
    const name = `${hostile.tokenInName}${hostile.escapes}${hostile.markdown}`;
    const { session, uri } = await start(
      () => [workloadAnswer({ name, gitops_last_sync_at: hostileToken }, { healthcheck: `${hostile.tokenEncodedInValue}${hostile.escapes}|${'`'.repeat(3)}` })],
      gitopsAnswer(fileText, { last_sync_at: '2026-11-20T09:00:00Z', message: hostile.escapes }),
    );
    openDocument(session, uri, fileText);
    await waitUntil(() => session.published.some((p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'drift')), 'drift diagnostics');
    const diagnostics = session.published.filter((p) => p.uri === uri).at(-1)!.diagnostics;
    assert.deepEqual(diagnostics.map((d) => d.code), ['drift', 'drift', 'not-managed']);
    for (const diagnostic of diagnostics) assert.ok(String(diagnostic.message).length < 600, `${String(diagnostic.message).length} characters`);
    assert.match(String(diagnostics[1].message), /but \/h\?t=\*\*\*evil\\x1b\]0;pwned\\x07/);

    for (const line of [2, 3]) {
      const hover = (await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 16 } })) as Hover;
      const markdown = (hover.contents as MarkupContent).value;
      assertNothingHostile(markdown, 'the hover');
      const html = marked.parse(markdown, { async: false, gfm: true });
      assert.doesNotMatch(html, /<(a|img|b)\b|evil\.example\/i\.png"/, `no link, image or HTML from server data:\n${html}`);
      assert.match(html, /app-\*\*\*evil\\x1b\]0;pwned\\x07/, 'the name is shown as text');
      // The table keeps its header and one row of three cells whatever the value holds.
      assert.equal((html.match(/<tr>/g) ?? []).length, 2, html);
      assert.equal((html.match(/<td>/g) ?? []).length, 3, html);
    }
    assertNothingHostile(everythingSaid(session), 'what the server published and logged');
  });

  test('20,000 workloads matching one file: one short log line naming five of them', async () => {
    const many = Array.from({ length: 20_000 }, (_, index) => workloadAnswer({ id: `wl_${index}`, name: `copy-${index}-${hostileToken}\u001b[2J` }));
    const { session, uri } = await start(() => many);
    openDocument(session, uri, fileText);
    await waitUntil(() => session.logs.some((line) => /several workloads/.test(line)), 'the ambiguity log line', 20_000);
    const line = session.logs.find((entry) => /several workloads/.test(entry))!;
    assert.ok(line.length < 1000, `${line.length} characters`);
    assert.match(line, /copy-0-\*\*\*\\x1b\[2J, copy-1-\*\*\*\\x1b\[2J, .* and 19995 more/);
    assertNothingHostile(everythingSaid(session), 'what the server logged');
  });

  test('a live value of the wrong type: no drift shown, and the warning names the field', async () => {
    const { session, uri } = await start(() => [workloadAnswer({}, { port: [3000] })]);
    openDocument(session, uri, fileText);
    await waitUntil(() => session.shown.some((line) => /deploy\.port/.test(line)), 'a warning naming the field');
    assert.match(session.shown.find((line) => /deploy\.port/.test(line))!, /live deploy\.port \(source_config\.port\) is an array, not an integer/);
    assert.ok(!session.published.some((p) => p.diagnostics.some((d) => d.code === 'drift')), 'no drift from a bad value');
  });
});

describe('tinyforge-language-server shut down while Tinyforge asks it to wait (429)', () => {
  test('the log says the server is shutting down; no warning is shown for it', async () => {
    const server = createServer((_request, response) => {
      response.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '120' });
      response.end(JSON.stringify({ error: 'rate_limited', message: 'slow down' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const session = await startLspSession({ args: [bin], env: environment(`http://127.0.0.1:${(server.address() as { port: number }).port}`), initialize: { capabilities: {}, rootUri: null, workspaceFolders: null } });
    try {
      const first = makeCheckout(fileText);
      openDocument(session, pathToFileURL(first.file).toString(), fileText);
      await waitUntil(() => session.shown.length > 0, 'the 429 warning');
      const shownBefore = session.shown.length;
      // A second file's requests wait out the server's pause in the queue; then the editor stops the server.
      const second = makeCheckout(fileText);
      openDocument(session, pathToFileURL(second.file).toString(), fileText);
      await session.connection.sendRequest('shutdown');
      await waitUntil(() => session.logs.some((line) => /shutting down/.test(line)), 'a log line saying the server is shutting down');
      assert.ok(!session.logs.some((line) => /connection settings changed/.test(line)), session.logs.join('\n'));
      assert.equal(session.shown.length, shownBefore, `nothing more shown: ${session.shown.join(' | ')}`);
    } finally {
      await session.close();
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('a client that sends diagnostics back without `source` and has no snippet support (as Vim\'s ALE)', () => {
  let session: LspSession;
  const uri = 'file:///nowhere/ale/.tinyforge.yml';
  before(async () => {
    const env = { ...process.env };
    for (const name of ['TINYFORGE_URL', 'TINYFORGE_TOKEN', 'TINYFORGE_CODE_CACHE']) delete env[name];
    session = await startLspSession({ args: [bin], env, initialize: { capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } }, rootUri: null, workspaceFolders: null } });
  });
  after(() => session.close());

  test('quick fixes are found by code and range alone', async () => {
    const published = session.nextDiagnostics(uri, { version: 1 });
    openDocument(session, uri, 'version: 1\ndeploy:\n  prot: 8080\n  helthcheck: /h\n');
    const { diagnostics } = await published;
    for (const diagnostic of diagnostics) {
      const { source: _dropped, ...withoutSource } = diagnostic as Diagnostic & { source?: string };
      const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: withoutSource.range, context: { diagnostics: [withoutSource] } })) as CodeAction[];
      assert.ok(actions.some((action) => action.kind === 'quickfix' && /^Rename "/.test(action.title)), `${diagnostic.message}: ${actions.map((action) => action.title).join(' | ')}`);
    }
    // ALE sends no diagnostics when the range is a word: the findings that range touches get their fixes.
    const word = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 5 } }, context: { diagnostics: [] } })) as CodeAction[];
    assert.ok(word.some((action) => action.title === 'Rename "prot" to "port"'), word.map((action) => action.title).join(' | '));
    assert.ok(!word.some((action) => /helthcheck/.test(action.title)), 'nothing for a finding the range does not touch');
    // A diagnostic of another code at the same range is not ours to fix.
    const foreign = { ...diagnostics[0], code: 'some-other-linter' };
    delete (foreign as { source?: string }).source;
    const none = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: foreign.range, context: { diagnostics: [foreign], only: ['quickfix'] } })) as CodeAction[];
    assert.deepEqual(none, []);
  });

  test('every completion is one line of plain text: no snippet syntax, no line break', async () => {
    const text = 'version: 1\ndeploy:\n  \n';
    openDocument(session, 'file:///nowhere/ale2/.tinyforge.yml', '\n');
    const positions = [
      ['file:///nowhere/ale2/.tinyforge.yml', { line: 0, character: 0 }],
      ['file:///nowhere/ale3/.tinyforge.yml', { line: 2, character: 2 }],
    ] as const;
    openDocument(session, positions[1][0], text);
    const seen: string[] = [];
    for (const [target, position] of positions) {
      const answer = (await session.connection.sendRequest('textDocument/completion', { textDocument: { uri: target }, position })) as CompletionList | CompletionItem[];
      const items = Array.isArray(answer) ? answer : answer.items;
      assert.ok(items.length >= 2, `${target}: ${items.length} items`);
      for (const item of items) {
        const inserted = item.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : (item.insertText ?? item.label);
        assert.notEqual(item.insertTextFormat, 2, `${item.label} is a snippet`);
        assert.doesNotMatch(inserted, /[\r\n]|\$\{?\d/, `${item.label} inserts ${JSON.stringify(inserted)}`);
        seen.push(inserted);
      }
    }
    assert.ok(seen.includes('deploy:') && seen.includes('resources:'), `inserted: ${seen.join(' | ')}`);
  });
});
