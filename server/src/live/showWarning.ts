import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import type { ServerState } from '../state';

/**
 * Shows the user a warning as a `window/showMessage` notification: the library's `showWarningMessage` sends a
 * `window/showMessageRequest`, which some clients (Neovim 0.7) answer with a blocking prompt.
 */
export function showWarning(state: ServerState, message: string): void {
  void state.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
}
