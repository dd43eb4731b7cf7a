import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { open, tinyforgeDiagnostics, where, workspaceRoot } from '../support';

const text = 'version: 1\ndeploy:\n  prot: 8080\n  healthcheck: 8080\n  \n';

/** A fresh untitled-free editor on a file of the workspace with the given text (the file is rewritten on disk first). */
async function editorWith(relative: string, content: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(join(workspaceRoot(), relative));
  await vscode.workspace.fs.writeFile(uri, Buffer.from(content));
  return open(uri.fsPath);
}

const labels = (list: vscode.CompletionList): string[] => list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));

describe('completion, hover and code actions through the VS Code API', () => {
  let editor: vscode.TextEditor;
  let diagnostics: vscode.Diagnostic[];
  before(async () => {
    editor = await editorWith('features/.tinyforge.yml', text);
    diagnostics = await tinyforgeDiagnostics(editor.document.uri, (list) => list.length === 2, 'the two problems of the features file');
  });
  after(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  it('completion on the empty line under deploy: offers the keys not there yet', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(4, 2));
    const offered = labels(list);
    for (const key of ['deploy_strategy', 'resources', 'max_instances']) assert.ok(offered.includes(key), `${key} not in ${offered.join(', ')}`);
    assert.ok(!offered.includes('healthcheck'), 'a key already there is not offered again');
  });

  it('hover on a key shows its documentation from the schema', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(3, 4));
    const markdown = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : (content as vscode.MarkdownString).value))).join('\n');
    assert.match(markdown, /\*\*Health check path\*\* · `deploy\.healthcheck`/);
  });

  it('the unknown key has a preferred quick fix; applied, it renames the key and the problem goes', async () => {
    const unknown = diagnostics.find((diagnostic) => diagnostic.code === 'unknown-key')!;
    assert.equal(where(unknown), 'unknown-key@2:2-2:6');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, unknown.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find((action) => action.title === 'Rename "prot" to "port"');
    assert.ok(rename?.edit, actions.map((action) => action.title).join(' | '));
    assert.equal(rename.isPreferred, true);
    // Applied, the key is renamed and its problem goes; undone, it comes back (the next test needs it).
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.match(editor.document.getText(), /^ {2}port: 8080$/m);
    await tinyforgeDiagnostics(editor.document.uri, (list) => !list.some((diagnostic) => diagnostic.code === 'unknown-key'), 'the unknown key to be gone');
    await vscode.commands.executeCommand('undo');
    await tinyforgeDiagnostics(editor.document.uri, (list) => list.some((diagnostic) => diagnostic.code === 'unknown-key'), 'the unknown key back after undo');
  });

  it('Fix all applies every safe fix and leaves the one without a fix', async () => {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.tinyforge');
    assert.equal(actions.length, 1, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.match(editor.document.getText(), /^ {2}port: 8080$/m);
    const after = await tinyforgeDiagnostics(editor.document.uri, (list) => list.length === 1, 'only the healthcheck problem');
    assert.equal(where(after[0]), 'invalid-type@3:15-3:19');
  });

  it('the outline lists the keys', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['version', 'deploy']);
    assert.deepEqual(symbols[1].children.map((symbol) => symbol.name), ['port', 'healthcheck']);
  });
});

describe('settings and commands', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('tinyforge').update('files', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('tinyforge.files makes another YAML file a Tinyforge file, at once', async () => {
    const other = await open(join(workspaceRoot(), 'deploy/tinyforge.yaml'));
    // Not a Tinyforge file yet: a Tinyforge file opened after it gets its diagnostics, and it still has none.
    const fixture = await open(join(workspaceRoot(), 'fixtures/invalid-version-two/.tinyforge.yml'));
    await tinyforgeDiagnostics(fixture.document.uri, (list) => list.length > 0, 'a Tinyforge file opened later to be checked');
    assert.deepEqual(vscode.languages.getDiagnostics(other.document.uri).filter((diagnostic) => diagnostic.source === 'tinyforge'), []);
    await vscode.workspace.getConfiguration('tinyforge').update('files', ['deploy/*.yaml'], vscode.ConfigurationTarget.Workspace);
    const found = await tinyforgeDiagnostics(other.document.uri, (list) => list.length === 1, 'deploy/tinyforge.yaml to be checked once the setting names it');
    assert.equal(where(found[0]), 'unknown-key@2:2-2:6');
  });

  it('Tinyforge: Restart Language Server brings the diagnostics back', async () => {
    const editor = await editorWith('restart/.tinyforge.yml', 'version: 2\n');
    await tinyforgeDiagnostics(editor.document.uri, (list) => list.some((diagnostic) => diagnostic.code === 'invalid-version'), 'invalid-version before the restart');
    // The stopped client clears its diagnostics; the new one publishes them again.
    let cleared = false;
    const watch = vscode.languages.onDidChangeDiagnostics(() => {
      if (!vscode.languages.getDiagnostics(editor.document.uri).some((diagnostic) => diagnostic.source === 'tinyforge')) cleared = true;
    });
    await vscode.commands.executeCommand('tinyforge.restartServer');
    const again = await tinyforgeDiagnostics(editor.document.uri, (list) => cleared && list.some((diagnostic) => diagnostic.code === 'invalid-version'), 'invalid-version again after the restart cleared it', 30_000);
    watch.dispose();
    assert.equal(where(again[0]), 'invalid-version@0:9-0:10');
  });
});
