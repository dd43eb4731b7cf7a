import * as vscode from 'vscode';

const redHatYamlId = 'redhat.vscode-yaml';

/**
 * Whether the Red Hat YAML extension validates this document: installed and enabled, the document is `yaml` (the
 * language it validates), and its `yaml.validate` is on, read as it reads it, `[yaml]` language overrides included.
 */
export function redHatYamlValidates(document: { uri: vscode.Uri; languageId: string }): boolean {
  if (document.languageId !== 'yaml' || !vscode.extensions.getExtension(redHatYamlId)) return false;
  return vscode.workspace.getConfiguration('yaml', { uri: document.uri, languageId: document.languageId }).get<boolean>('validate', true);
}

/** Calls `onChange` when what `redHatYamlValidates` answers may have changed: the extension came or went, or `yaml.validate` changed. */
export function onRedHatYamlChange(onChange: () => void): vscode.Disposable {
  let present = !!vscode.extensions.getExtension(redHatYamlId);
  return vscode.Disposable.from(
    vscode.extensions.onDidChange(() => {
      const now = !!vscode.extensions.getExtension(redHatYamlId);
      if (now !== present) onChange();
      present = now;
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('yaml.validate') || event.affectsConfiguration('yaml.validate', { languageId: 'yaml' })) onChange();
    }),
  );
}
