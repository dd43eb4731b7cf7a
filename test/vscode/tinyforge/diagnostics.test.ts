import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { loadDiagnosticFixtures } from '../../support/fixtures';
import { open, tinyforgeDiagnostics, where, workspaceRoot } from '../support';

// Every fixture of test/fixtures/diagnostics, as the runner copied it into the workspace (<name>/.tinyforge.yml):
// VS Code's own diagnostics for the file are the ones its `# expect` lines call for, with their ranges.
const contractCodes = ['yaml-syntax', 'duplicate-key', 'multiple-documents', 'missing-required', 'invalid-version', 'unknown-key', 'invalid-type', 'invalid-value'];

describe('diagnostics of every contract code, on the fixture files, through VS Code', () => {
  const fixtures = loadDiagnosticFixtures();
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('the fixtures cover every code the file alone can have', () => {
    const covered = new Set(fixtures.flatMap((fixture) => fixture.expected.map((line) => line.split(' ')[0])));
    assert.deepEqual(contractCodes.filter((code) => !covered.has(code)), []);
  });

  for (const fixture of fixtures) {
    it(fixture.name, async () => {
      const editor = await open(join(workspaceRoot(), 'fixtures', fixture.name.replace(/\.ya?ml$/, ''), '.tinyforge.yml'));
      // `code line:char` pins the start only; `code line:char-line:char` the whole range.
      const expected = fixture.expected.map((line) => line.split(' ').slice(0, 2).join('@'));
      const shown = (diagnostic: vscode.Diagnostic): string => {
        const full = where(diagnostic);
        return expected.includes(full) ? full : full.replace(/-\d+:\d+$/, '');
      };
      if (expected.length === 0) {
        // A clean file shows nothing from the start: prove the server has it by breaking it, then mending it.
        const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
        await editor.edit((edit) => edit.insert(end, '\nzz_not_a_key: 1\n'));
        await tinyforgeDiagnostics(editor.document.uri, (list) => list.length > 0, `the server to see ${fixture.name}`);
        await vscode.commands.executeCommand('undo');
      }
      const diagnostics = await tinyforgeDiagnostics(editor.document.uri, (list) => list.length === expected.length, `${expected.length} diagnostics on ${fixture.name}`);
      assert.deepEqual(diagnostics.map(shown).sort(), [...expected].sort());
      for (const line of fixture.expected.filter((entry) => entry.includes('suggestion='))) {
        const suggestion = line.split('suggestion=')[1];
        assert.ok(diagnostics.some((diagnostic) => String(diagnostic.message).includes(`Did you mean "${suggestion}"`)), `${fixture.name}: no "did you mean ${suggestion}"`);
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
