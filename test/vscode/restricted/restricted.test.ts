import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { demoRepoFolder } from '../../../devserver/src/demo';
import { startDevServer, type DevServer } from '../../support/devServer';
import { open, tinyforgeDiagnostics, where } from '../support';

describe('Restricted Mode (an untrusted workspace)', () => {
  let server: DevServer;
  before(async () => {
    server = await startDevServer();
  });
  after(() => server.stop());

  it('the workspace is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('a Tinyforge file gets its schema diagnostics and nothing is sent, with the URL in user and workspace settings and a token', async () => {
    process.env.TINYFORGE_TOKEN = server.adminToken;
    await vscode.workspace.getConfiguration('tinyforge').update('url', server.url, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('tinyforge').update('url', server.url, vscode.ConfigurationTarget.Workspace);
    const file = join(demoRepoFolder(server.dataDir, 'shop-api'), '.tinyforge.yml');
    const editor = await open(file);
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'zz_unknown: 1\n'));
    const diagnostics = await tinyforgeDiagnostics(editor.document.uri, (list) => list.some((diagnostic) => diagnostic.code === 'unknown-key'), 'the schema diagnostics');
    assert.deepEqual(diagnostics.map(where).filter((entry) => entry.startsWith('unknown-key')), ['unknown-key@0:0-0:10']);
    await vscode.commands.executeCommand('tinyforge.refresh');
    // The refresh of an open linked file asks for its workload's state first; in Restricted Mode it must ask nothing.
    const diagnosticsAgain = await tinyforgeDiagnostics(editor.document.uri, (list) => list.length > 0, 'the diagnostics after the refresh');
    assert.ok(!diagnosticsAgain.some((diagnostic) => diagnostic.code === 'drift'), 'no live finding');
    assert.deepEqual(server.log.filter((line) => /^(GET|PUT|POST) \/api\//.test(line)), [], 'no request reached the server');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.getConfiguration('tinyforge').update('url', undefined, vscode.ConfigurationTarget.Global);
  });
});
