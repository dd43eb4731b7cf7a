// A workspace of Kubernetes YAML with no Tinyforge file, in code-server with a Tinyforge server configured and a
// token at hand: the extension activates (it listens for YAML), and must start no language server, send no request,
// and cost little. Each run is a fresh code-server.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startDevServer } from '../test/support/devServer';
import { packFloorExtension } from './floorPack';
import { languageServerRuns, openEditor, reportedActivationMs, snap } from '../test/support/workbench';

/** Fresh code-servers opened on the workspace. */
const runs = 5;
/** Kubernetes files in the workspace. */
export const kubernetesFiles = 200;

/** What the runs measured. */
export interface NotTinyforgeFigures {
  files: number;
  /** Our activation time as VS Code reports it (its Running Extensions view: code loading + the activate call), ms, one per run. */
  activationMs: number[];
  /** The same for an extension that does nothing, activated on the same event in the same editor (`bench/floorExtension`). */
  floorActivationMs: number[];
  /** Runs in which a Tinyforge language server process was running. */
  serverStarted: number;
  /** API requests the dev server received over all runs. */
  requests: number;
}

const manifests = [
  (i: number) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  labels:\n    app: app-${i}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n      labels:\n        app: app-${i}\n    spec:\n      containers:\n        - name: app\n          image: registry.example.com/app-${i}:1.${i}\n          ports:\n            - containerPort: 8080\n          resources:\n            limits:\n              cpu: 500m\n              memory: 512Mi\n`,
  (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: app-${i}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n    - port: 80\n      targetPort: 8080\n`,
  (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-${i}-config\ndata:\n  LOG_LEVEL: info\n  PORT: "8080"\n`,
  (i: number) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app-${i}\nspec:\n  rules:\n    - host: app-${i}.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: app-${i}\n                port:\n                  number: 80\n`,
];

function writeWorkspace(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tinyforge-bench-k8s-'));
  for (let i = 0; i < kubernetesFiles; i++) {
    const dir = join(folder, 'k8s', `app-${Math.floor(i / manifests.length)}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${['deployment', 'service', 'configmap', 'ingress'][i % manifests.length]}.yaml`), manifests[i % manifests.length](Math.floor(i / manifests.length)));
  }
  return folder;
}

/** Opens a file by Quick Open on its folder and name, and waits for its tab. */
async function openByPath(page: Page, path: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(path.replace('/', ' '));
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.split('/')[0] }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
  await page.waitForSelector(`.tab.active[aria-label*="${path.split('/')[1]}"]`, { timeout: 15_000 });
}

/** Opens the workspace `runs` times: three YAML files opened, a hover, a few keys typed, then the figures. */
export async function measureNotTinyforge(): Promise<NotTinyforgeFigures> {
  const folder = writeWorkspace();
  const packed = mkdtempSync(join(tmpdir(), 'tinyforge-bench-floor-'));
  const floorVsix = packFloorExtension('floorExtension', packed);
  const devServer = await startDevServer();
  const figures: NotTinyforgeFigures = { files: kubernetesFiles, activationMs: [], floorActivationMs: [], serverStarted: 0, requests: 0 };
  try {
    for (let run = 0; run < runs; run++) {
      const editor = await openEditor({ open: { folder }, settings: { 'tinyforge.url': devServer.url }, env: { TINYFORGE_TOKEN: devServer.adminToken }, extraExtensions: [floorVsix] });
      try {
        const { page } = editor;
        for (const file of ['app-3/deployment.yaml', 'app-7/service.yaml', 'app-11/ingress.yaml']) await openByPath(page, file);
        await page.locator('.monaco-editor .view-lines span', { hasText: /^spec$/ }).first().hover();
        await page.keyboard.press('End');
        await page.keyboard.type('# a note');
        // Whatever the extension would start or send in answer, it has had time to.
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        if (languageServerRuns(editor)) figures.serverStarted++;
        const [ours, floor] = await reportedActivationMs(page, ['Tinyforge GitOps', 'Activation floor']);
        await page.keyboard.press('Escape');
        figures.activationMs.push(ours);
        figures.floorActivationMs.push(floor);
        if (run === 0) await snap(page, 'bench-not-tinyforge');
      } finally {
        await editor.close();
      }
    }
    figures.requests = devServer.log.filter((line) => /^(GET|PUT|POST|DELETE) \/api\//.test(line)).length;
    return figures;
  } finally {
    await devServer.stop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(packed, { recursive: true, force: true });
  }
}
