import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { extensionId, open, tinyforgeDiagnostics, where, workspaceRoot } from '../support';

describe('activation in a workspace of Tinyforge files', () => {
  it('the extension is active, and a file gets its diagnostics', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    const editor = await open(join(workspaceRoot(), 'fixtures/unknown-key-suggestions/.tinyforge.yml'));
    const diagnostics = await tinyforgeDiagnostics(editor.document.uri, (list) => list.length > 0, 'diagnostics of unknown-key-suggestions');
    assert.ok(diagnostics.every((diagnostic) => where(diagnostic).startsWith('unknown-key@')), diagnostics.map(where).join(', '));
  });
});
