import * as vscode from 'vscode';
import { isTinyforgeDocument } from '../tinyforgeDocuments';

/** The drift data the server puts on a `drift` diagnostic (the client reads it; it never computes drift). */
interface DriftData {
  liveValue: string;
}

/** Draws `live: 3000` after each drifted value, from the server's `drift` diagnostics. */
export class DriftDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('tinyforge.driftForeground'), fontStyle: 'italic', margin: '0 0 0 1.5em' },
  });
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.languages.onDidChangeDiagnostics((event) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (event.uris.some((uri) => uri.toString() === editor.document.uri.toString())) this.draw(editor);
        }
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.draw(editor))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('tinyforge.decorations.enabled')) vscode.window.visibleTextEditors.forEach((editor) => this.draw(editor));
      }),
    ];
    vscode.window.visibleTextEditors.forEach((editor) => this.draw(editor));
  }

  /**
   * Draws a file's decorations from diagnostics the language client has just pulled: VS Code would report them through
   * onDidChangeDiagnostics only ~50 ms later (a round trip through the window), after they are already known here.
   */
  drawPulled(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) this.draw(editor, diagnostics);
  }

  private draw(editor: vscode.TextEditor, diagnostics: readonly vscode.Diagnostic[] = vscode.languages.getDiagnostics(editor.document.uri)): void {
    if (!isTinyforgeDocument(editor.document)) return;
    const enabled = vscode.workspace.getConfiguration('tinyforge', editor.document.uri).get<boolean>('decorations.enabled', true);
    const drifts = enabled ? diagnostics.filter((diagnostic) => diagnostic.source === 'tinyforge' && diagnostic.code === 'drift') : [];
    editor.setDecorations(
      this.type,
      drifts.map((diagnostic) => {
        const live = ((diagnostic as vscode.Diagnostic & { data?: { drift?: DriftData } }).data?.drift?.liveValue ?? '') as string;
        const text = live === '' ? vscode.l10n.t('live: not set') : vscode.l10n.t('live: {0}', live);
        return { range: new vscode.Range(diagnostic.range.end, diagnostic.range.end), renderOptions: { after: { contentText: text } } };
      }),
    );
  }

  dispose(): void {
    this.type.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
