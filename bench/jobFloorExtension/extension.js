// The bench's floor: the requests Tinyforge GitOps sends for a file or the view, then only the drawing, so the bench
// can tell the editor's and the machine's time from ours. The token comes from the environment, as in the bench.
const vscode = require('vscode');

async function get(path) {
  const url = vscode.workspace.getConfiguration('tinyforge').get('url');
  const response = await fetch(url + path, { headers: { authorization: `Bearer ${process.env.TINYFORGE_TOKEN}` } });
  return response.json();
}

exports.activate = function activate(context) {
  // A .tinyforge.yml of the demo's shop-api: me and the list together, then its state; live: after each drifted key.
  const type = vscode.window.createTextEditorDecorationType({ after: { fontStyle: 'italic', margin: '0 0 0 1.5em' } });
  const seen = new Set();
  const look = async (editor) => {
    if (!editor || !editor.document.uri.path.endsWith('/.tinyforge.yml') || seen.has(editor.document.uri.toString())) return;
    seen.add(editor.document.uri.toString());
    const [, workloads] = await Promise.all([get('/api/me'), get('/api/workloads')]);
    const workload = workloads.find((candidate) => candidate.id === 'wl_shop');
    const state = await get(`/api/workloads/${workload.id}/gitops`);
    const lines = editor.document.getText().split('\n');
    const decorations = [];
    for (const drift of state.drift) {
      const key = drift.field.split('.').pop();
      const line = lines.findIndex((text) => text.trimStart().startsWith(`${key}:`));
      if (line >= 0) decorations.push({ range: new vscode.Range(line, lines[line].length, line, lines[line].length), renderOptions: { after: { contentText: `live: ${drift.live_value}` } } });
    }
    editor.setDecorations(type, decorations);
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(look));
  void look(vscode.window.activeTextEditor);

  // The view: me and the list together, then one row per group, worded as Tinyforge's group rows are.
  let groups;
  let loading = false;
  const changed = new vscode.EventEmitter();
  const load = async () => {
    loading = true;
    const [, workloads] = await Promise.all([get('/api/me'), get('/api/workloads')]);
    const enabled = workloads.filter((workload) => workload.gitops_enabled);
    groups = [`Checking… ${enabled.length}`, `GitOps disabled ${workloads.length - enabled.length}`];
    changed.fire();
    // Then every enabled workload's state, 4 at a time as Tinyforge asks, the counts redrawn as answers come.
    const counts = new Map();
    const queue = enabled.map((workload) => workload.id);
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const state = await get(`/api/workloads/${encodeURIComponent(id)}/gitops`);
        const group = state.status !== 'ok' ? 'Invalid on branch' : state.drift.length ? 'Drifted' : 'In sync';
        counts.set(group, (counts.get(group) ?? 0) + 1);
        const checking = enabled.length - [...counts.values()].reduce((sum, count) => sum + count, 0);
        groups = [...(checking ? [`Checking… ${checking}`] : []), ...[...counts].map(([name, count]) => `${name} ${count}`), `GitOps disabled ${workloads.length - enabled.length}`];
        changed.fire();
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  };
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('jobFloor.workloads', {
      onDidChangeTreeData: changed.event,
      getTreeItem: (label) => {
        const item = new vscode.TreeItem(label);
        item.accessibilityInformation = { label };
        return item;
      },
      getChildren: () => {
        if (!groups && !loading) void load();
        return groups ?? [];
      },
    }),
  );
};
exports.deactivate = function deactivate() {};
