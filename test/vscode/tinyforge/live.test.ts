import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { demoRepoFolder } from '../../../devserver/src/demo';
import { startDevServer, type DevServer } from '../../support/devServer';
import { assertNothingHostile, gitopsAnswer, hostile, hostileToken, makeCheckout, startHostileTinyforge, workloadAnswer, type HostileTinyforge } from '../../support/hostileTinyforge';
import { waitUntil } from '../../support/wait';
import { open, tinyforgeDiagnostics, waitFor, where } from '../support';

const gitopsRequests = (server: DevServer): string[] => server.log.filter((line) => /^GET \/api\/workloads\/[^/ ]+\/gitops /.test(line));

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : (content as vscode.MarkdownString).value))).join('\n---\n');
}

/** Points the extension at a server: the token in its environment (as the demo and CI give it), then the URL. */
async function connectTo(url: string, token: string): Promise<void> {
  process.env.TINYFORGE_TOKEN = token;
  await vscode.workspace.getConfiguration('tinyforge').update('url', url, vscode.ConfigurationTarget.Global);
}

describe('live data from the dev server, started by the suite', () => {
  let server: DevServer;
  let editor: vscode.TextEditor;
  before(async () => {
    server = await startDevServer();
    await connectTo(server.url, server.adminToken);
    editor = await open(join(demoRepoFolder(server.dataDir, 'shop-api'), '.tinyforge.yml'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('tinyforge').update('url', undefined, vscode.ConfigurationTarget.Global);
    await server.stop();
  });

  it('drift and not-managed on the demo file, with their ranges (where the live: decorations go)', async () => {
    const diagnostics = await tinyforgeDiagnostics(editor.document.uri, (list) => list.filter((diagnostic) => diagnostic.code === 'drift').length === 2, 'two drift diagnostics');
    assert.deepEqual(diagnostics.map(where), ['drift@3:8-3:12', 'drift@5:19-5:29', 'not-managed@7:4-7:13']);
    assert.match(String(diagnostics[0].message), /deploy\.port is 8080 here but 3000 on the live workload shop-api/);
    assert.deepEqual(diagnostics[2].tags, [vscode.DiagnosticTag.Unnecessary]);
  });

  it('the hover on a drifted value shows the three sides', async () => {
    const markdown = await hoverText(editor.document.uri, new vscode.Position(3, 9));
    assert.match(markdown, /\| Editor \| Branch main @ [0-9a-f]{7} \| Live \|\n\|---\|---\|---\|\n\| `8080` \| `8080` \| `3000` \|/);
    // On the value, the docs are their title only (the key's hover has them whole): the hover fits without scrolling.
    assert.match(markdown, /Container port|Порт контейнера/);
    assert.doesNotMatch(markdown, /The port the container listens on|Порт, который слушает контейнер/);
  });

  it('Compare with Live: the live side is the file with the live values of what drifts, nothing else changed', async () => {
    await vscode.commands.executeCommand('tinyforge.compareWithLive', editor.document.uri.toString());
    const live = await waitFor('the live document', vscode.workspace.onDidOpenTextDocument, () => vscode.workspace.textDocuments.find((document) => document.uri.scheme === 'tinyforge-live'));
    const file = editor.document.getText();
    const expected = file.replace(/^( {2}port: )8080$/m, '$13000').replace(/^( {2}deploy_strategy: )blue_green$/m, '$1recreate');
    assert.notEqual(expected, file);
    assert.equal(live.getText(), expected, 'comments, layout and cpu_limit (which Sync ignores) are the same on both sides');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    editor = await open(editor.document.uri.fsPath);
  });

  it('typing sends no request; Tinyforge: Refresh sends one GET …/gitops', async () => {
    const before = gitopsRequests(server).length;
    await editor.edit((edit) => edit.replace(new vscode.Range(3, 8, 3, 12), '3000'));
    await tinyforgeDiagnostics(editor.document.uri, (list) => list.filter((diagnostic) => diagnostic.code === 'drift').length === 1, 'the port drift to go with the edit');
    assert.equal(gitopsRequests(server).length, before, 'the edit asked the server nothing');
    await vscode.commands.executeCommand('tinyforge.refresh');
    await waitUntil(() => gitopsRequests(server).length > before, 'the refresh to reach the dev server');
    assert.equal(gitopsRequests(server).length, before + 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

describe('hostile data from a Tinyforge: what the extension shows is text', () => {
  let server: HostileTinyforge;
  const fileText = 'version: 1\ndeploy:\n  port: 8080\n  healthcheck: /healthz\n';
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('tinyforge').update('url', undefined, vscode.ConfigurationTarget.Global);
    server?.stop();
  });

  it('a token, escapes and Markdown in the name and values: no token, no control character, no link in diagnostics and hover', async () => {
    server = await startHostileTinyforge({
      workloads: () => [workloadAnswer({ name: `${hostile.tokenInName}${hostile.escapes}${hostile.markdown}` }, { healthcheck: `${hostile.tokenEncodedInValue}${hostile.escapes}` })],
      gitops: () => gitopsAnswer(fileText, { message: hostile.escapes, last_sync_at: hostileToken }),
    });
    await connectTo(server.url, hostileToken);
    const editor = await open(makeCheckout(fileText).file);
    const diagnostics = await tinyforgeDiagnostics(editor.document.uri, (list) => list.filter((diagnostic) => diagnostic.code === 'drift').length === 2, 'drift from the hostile server');
    for (const diagnostic of diagnostics) {
      assertNothingHostile(String(diagnostic.message), 'a diagnostic');
      assert.ok(String(diagnostic.message).length < 600);
    }
    const markdown = await hoverText(editor.document.uri, new vscode.Position(3, 16));
    assertNothingHostile(markdown, 'the hover');
    assert.doesNotMatch(markdown, /(^|[^\\])\[click\]\(/, 'the link in the name is escaped, not rendered');
    assert.doesNotMatch(markdown, /(^|[^\\])!\[img\]/, 'the image in the name is escaped, not rendered');
  });

  it('a live value of the wrong type: the drift shown before goes, none is guessed', async () => {
    let port: unknown = 3000;
    server.stop();
    server = await startHostileTinyforge({ workloads: () => [workloadAnswer({}, { port })], gitops: () => gitopsAnswer(fileText) });
    await connectTo(server.url, hostileToken);
    const editor = await open(makeCheckout(fileText).file);
    await tinyforgeDiagnostics(editor.document.uri, (list) => list.some((diagnostic) => diagnostic.code === 'drift'), 'the port drift from a well-typed answer');
    port = [3000];
    await vscode.commands.executeCommand('tinyforge.refresh');
    await tinyforgeDiagnostics(editor.document.uri, (list) => !list.some((diagnostic) => diagnostic.code === 'drift'), 'the drift to go once the live port is an array');
  });
});
