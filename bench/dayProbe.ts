// Run by bench/day.ts in its own process (node --expose-gc): the extension itself (dist/client.js, then its body) in a
// window with the Tinyforge view visible and some Tinyforge files open, for a working day on a virtual clock, against a
// dev server that fails now and then. Prints one JSON line per hour and waits for a line on stdin before going on, so
// the parent can count the requests the dev server logged in each hour.
import { GlobalVirtualClock } from './globalClock';
import { createInterface } from 'node:readline';
import Module from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../test/support/lspClient';

// Time first: everything loaded after this schedules on the virtual clock.
const clock = new GlobalVirtualClock();
/** What bench/dayVscode.cjs exports: its `vscode`, the window's state, and what the extension showed. */
interface DayStandIn {
  vscode: { Uri: { file(path: string): unknown } };
  state: { folders: unknown[]; documents: unknown[]; settings: Record<string, unknown> };
  shown: { messages: string[]; output: string[] };
  document(path: string): unknown;
  extensionContext(root: string): unknown;
}
const stand = require('./dayVscode.cjs') as DayStandIn;

const hours = Number(process.env.DAY_HOURS ?? 8);
const files = JSON.parse(process.env.DAY_FILES ?? '[]') as string[];
const folders = JSON.parse(process.env.DAY_FOLDERS ?? '[]') as string[];

const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason instanceof Error ? reason.message : String(reason)));

// The language server is measured elsewhere: here it is a client that takes every snapshot and does nothing.
const snapshots = { sent: 0 };
const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
(Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load = function (request: string, ...rest: unknown[]) {
  if (request === './languageClient.js') {
    return {
      startClient: async () => ({
        sendNotification: async () => void snapshots.sent++,
        stop: async () => undefined,
        state: 2,
      }),
    };
  }
  return load.call(this, request, ...rest);
};

const lines = createInterface({ input: process.stdin });
const nextLine = (): Promise<string> => new Promise((resolve) => lines.once('line', resolve));
const heapMiB = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

async function main(): Promise<void> {
  stand.state.folders = folders.map((path, index) => ({ uri: stand.vscode.Uri.file(path), name: path.split('/').pop(), index }));
  stand.state.documents = files.map((path) => stand.document(path));
  stand.state.settings = { 'tinyforge.url': process.env.DAY_URL, 'tinyforge.refreshInterval': 60, 'tinyforge.view.refreshInterval': 300, 'tinyforge.files': JSON.parse(process.env.DAY_GLOBS ?? '[]') };
  const context = stand.extensionContext(repoRoot);
  const entry = require(join(repoRoot, 'dist/client.js')) as { activate(context: unknown): void; deactivate(): Promise<void> };
  const started = clock.now();
  entry.activate(context);
  console.log(JSON.stringify({ hour: 0, heapMiB: heapMiB() }));
  await nextLine();
  for (let hour = 1; hour <= hours; hour++) {
    await clock.runUntil(started + hour * 3_600_000);
    console.log(JSON.stringify({ hour, heapMiB: heapMiB(), snapshots: snapshots.sent }));
    await nextLine();
  }
  console.log(JSON.stringify({ done: true, unhandled, messages: stand.shown.messages, output: stand.shown.output }));
  await nextLine();
  await entry.deactivate();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
