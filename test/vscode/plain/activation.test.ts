import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitUntil } from '../../support/wait';
import { extensionId, open, waitFor, workspaceRoot } from '../support';

/** Language servers of this extension running now: node processes started on its dist/server.js. */
function ourServers(): string[] {
  const extensionPath = vscode.extensions.getExtension(extensionId)!.extensionPath;
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((line) => line.includes(join(extensionPath, 'dist/server.js')));
}

describe('a workspace of Kubernetes YAML and no Tinyforge file', () => {
  it('the extension is not activated while no YAML file is open', () => {
    assert.equal(vscode.extensions.getExtension(extensionId)?.isActive, false);
  });

  it('opening a Kubernetes file activates only the small entry: no language server, no diagnostics of ours', async () => {
    const editor = await open(join(workspaceRoot(), 'deployment-0.yaml'));
    const extension = vscode.extensions.getExtension(extensionId)!;
    // VS Code fires no event when an extension activates: poll, bounded.
    await waitUntil(() => extension.isActive, 'the activation on a YAML file', 20_000);
    // Let the workspace search (which finds no Tinyforge file) answer: the view's context key follows it.
    await vscode.workspace.findFiles('**/.tinyforge.{yml,yaml}', '**/node_modules/**', 1);
    assert.deepEqual(ourServers(), []);
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).filter((diagnostic) => diagnostic.source === 'tinyforge'), []);
  });

  it('a .tinyforge.yml created in the workspace starts the server and gets its diagnostics', async () => {
    const uri = vscode.Uri.file(join(workspaceRoot(), 'new-app/.tinyforge.yml'));
    await vscode.workspace.fs.writeFile(uri, Buffer.from('version: 1\ndeploy:\n  prot: 8080\n'));
    const editor = await open(uri.fsPath);
    await waitFor('the unknown key to be reported', vscode.languages.onDidChangeDiagnostics, () => vscode.languages.getDiagnostics(editor.document.uri).some((diagnostic) => diagnostic.code === 'unknown-key'), 30_000);
    assert.equal(ourServers().length, 1, 'one language server');
  });
});
