import * as vscode from 'vscode';

/**
 * Registers every command the manifest contributes with a stand-in that loads the extension's body and runs the real
 * command, so the palette, menus and welcome links work before the body has loaded. `load` must dispose the stand-ins
 * (returned here) before the body registers the real commands.
 */
export function registerCommandStubs(context: vscode.ExtensionContext, load: () => Promise<void>): vscode.Disposable {
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  const stubs = contributed.map(({ command }) =>
    vscode.commands.registerCommand(command, async (...args: unknown[]) => {
      await load();
      return vscode.commands.executeCommand(command, ...args);
    }),
  );
  return vscode.Disposable.from(...stubs);
}
