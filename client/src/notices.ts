import * as vscode from 'vscode';

/**
 * VS Code shows a notification without a button on one line (about 60 characters) and cuts the rest with "…"; one
 * with a button is shown whole. A longer message without a button of its own gets "Show Output", and goes to the
 * output too, where it is read whole later.
 */
const oneLine = 60;

let output: vscode.LogOutputChannel | undefined;

/** Where long messages are written as well (the extension's output, once the body has loaded). */
export function noticesGoTo(channel: vscode.LogOutputChannel): void {
  output = channel;
}

/** Shows a message as VS Code's notification of its kind, whole; resolves with the item chosen, if one of `items`. */
export async function notify(kind: 'info' | 'warning' | 'error', message: string, ...items: string[]): Promise<string | undefined> {
  const show = kind === 'info' ? vscode.window.showInformationMessage : kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  if (items.length || message.length <= oneLine || !output) return show(message, ...items);
  if (kind === 'info') output.info(message);
  else if (kind === 'warning') output.warn(message);
  else output.error(message);
  const more = vscode.l10n.t('Show Output');
  if ((await show(message, more)) === more) output.show(true);
  return undefined;
}
