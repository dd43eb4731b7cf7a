import * as vscode from 'vscode';

/**
 * Registers every command the manifest contributes with a stand-in that loads the extension's body and runs the real
 * command, so the palette, menus and welcome links work before the body has loaded. `load` resolves false when the body
 * could not load; once it has, it must have disposed the stand-ins (returned here) before the body registered the real
 * commands.
 */
export function registerCommandStubs(context: vscode.ExtensionContext, load: () => Promise<boolean>): vscode.Disposable {
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  const stubs = contributed.map(({ command }) =>
    vscode.commands.registerCommand(command, async (...args: unknown[]) => {
      // A body that did not load leaves the stand-ins in place: running the command again would come back here.
      if (await load()) return vscode.commands.executeCommand(command, ...args);
      return undefined;
    }),
  );
  return vscode.Disposable.from(...stubs);
}
