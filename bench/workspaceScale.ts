import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceDiagnosticReport, WorkspaceFullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { serverEnvironment } from '../client/src/serverLaunch';
import { startLspSession } from '../test/support/lspClient';
import { rssMiB } from './lspSubject';

/** A workspace of many Tinyforge files, as the Problems panel gets it from our server. */
export interface WorkspaceScaleFigures {
  files: number;
  /** Files under node_modules that must not be read. */
  skipped: number;
  problems: number;
  /** Server spawned → `workspace/diagnostic` answered with every file's problems, ms. */
  allProblemsMs: number;
  /** `initialize` answered → the same answer, ms (the server's own part). */
  afterInitializeMs: number;
  rssMiB: number;
}

/** Three files in ten have a problem: an unknown key, a wrong type, a YAML error. */
function fileText(index: number): string {
  const port = 3000 + index;
  switch (index % 10) {
    case 0:
      return `version: 1\ndeploy:\n  prot: ${port}\n`;
    case 1:
      return `version: 1\ndeploy:\n  port: "${port}"\n`;
    case 2:
      return `version: 1\ndeploy:\n  port: [${port}\n`;
    default:
      return `# service ${index}\nversion: 1\ndeploy:\n  port: ${port}\n  healthcheck: /healthz\n  deploy_strategy: blue_green\n`;
  }
}

/** Writes `count` files (and a node_modules full of decoys), starts our server on them, and times the first full answer. */
export async function measureWorkspaceScale(count = 1_000): Promise<WorkspaceScaleFigures> {
  const root = mkdtempSync(join(tmpdir(), 'tinyforge-bench-workspace-'));
  const skipped = 200;
  try {
    for (let index = 0; index < count; index++) {
      const dir = join(root, `team-${index % 20}`, `svc-${String(index).padStart(4, '0')}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '.tinyforge.yml'), fileText(index));
    }
    for (let index = 0; index < skipped; index++) {
      const dir = join(root, 'node_modules', `dep-${index}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '.tinyforge.yml'), 'version: 2\n');
    }
    const spawned = performance.now();
    const session = await startLspSession({
      env: serverEnvironment(process.env),
      initialize: {
        workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'fleet' }],
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { diagnostics: { refreshSupport: true } } },
      },
    });
    const initialized = performance.now();
    try {
      const report = (await session.connection.sendRequest('workspace/diagnostic', { previousResultIds: [] })) as WorkspaceDiagnosticReport;
      const done = performance.now();
      const items = report.items as WorkspaceFullDocumentDiagnosticReport[];
      if (items.length !== count) throw new Error(`the workspace answer had ${items.length} files, not ${count}`);
      return {
        files: items.length,
        skipped,
        problems: items.reduce((sum, item) => sum + item.items.length, 0),
        allProblemsMs: done - spawned,
        afterInitializeMs: done - initialized,
        rssMiB: rssMiB(session.process.pid),
      };
    } finally {
      await session.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
