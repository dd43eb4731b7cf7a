import * as vscode from 'vscode';

/** Whether the Red Hat YAML extension is installed and validating YAML (its `yaml.validate`, on by default). */
export function redHatYamlValidates(): boolean {
  return !!vscode.extensions.getExtension('redhat.vscode-yaml') && vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true);
}
