import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppContext } from './app';
import { answerInternalError, describeUnexpected, handleRequest, secretsOf } from './app';
import { seedDemo } from './demo';
import { noFaults, type FaultOptions } from './faults';
import { WorkloadLocks } from './locks';
import { loggedTarget } from './requestLog';
import { DataStore, type StoredToken } from './store';

const usage = `Usage: dev-server [--port N] [--data DIR] [--demo] [--demo-fleet N] [--parent-pid PID] [--lock-wait-ms N]
       [--fault-latency-ms N] [--fault-status N] [--fault-retry-after S] [--fault-malformed] [--fault-drop]
       [--fault-now-and-then N] [--fault-outage N,K] [--fault-sync-delay-ms N] [--fault-sync-write-pause-ms N]

A Tinyforge API for demos and tests (contract section 3), on 127.0.0.1 only.
--port 0 picks a free port. --demo seeds a fresh data dir (a temp dir without --data) with the demo's workloads;
--demo-fleet N seeds N generated workloads over shared repositories (with --demo, besides the demo's).
--parent-pid makes the server stop when that process is gone. --lock-wait-ms (default 5000) is how long a
PUT …/gitops waits for a sync of the same workload before answering 409. Fault flags are for tests:
--fault-now-and-then N fails every N-th request, in turn with a 429, a 500 and a dropped connection;
--fault-outage N,K answers 503 to K requests in a row from every N-th on.`;

interface Options {
  port: number;
  /** How long a PUT …/gitops waits for a sync of the same workload before answering 409. */
  lockWaitMs: number;
  data?: string;
  demo: boolean;
  /** Generated workloads to seed (`--demo-fleet N`). */
  fleet: number;
  parentPid?: number;
  faults: FaultOptions;
}

function parse(argv: string[]): Options {
  const options: Options = { port: 8787, lockWaitMs: 5_000, demo: false, fleet: 0, faults: { ...noFaults } };
  const number = (flag: string, value: string | undefined): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isInteger(parsed) || parsed < 0) throw new Error(`${flag} needs a whole number`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--port') options.port = number(flag, argv[++i]);
    else if (flag === '--data') options.data = argv[++i];
    else if (flag === '--lock-wait-ms') options.lockWaitMs = number(flag, argv[++i]);
    else if (flag === '--demo') options.demo = true;
    else if (flag === '--demo-fleet') options.fleet = number(flag, argv[++i]);
    else if (flag === '--parent-pid') options.parentPid = number(flag, argv[++i]);
    else if (flag === '--fault-latency-ms') options.faults.latencyMs = number(flag, argv[++i]);
    else if (flag === '--fault-status') options.faults.status = number(flag, argv[++i]);
    else if (flag === '--fault-retry-after') options.faults.retryAfterSeconds = number(flag, argv[++i]);
    else if (flag === '--fault-malformed') options.faults.malformed = true;
    else if (flag === '--fault-drop') options.faults.drop = true;
    else if (flag === '--fault-now-and-then') options.faults.everyNth = number(flag, argv[++i]) || undefined;
    else if (flag === '--fault-outage') {
      const [every, length] = (argv[++i] ?? '').split(',').map((part) => number(flag, part));
      if (!every || !length || length >= every) throw new Error(`${flag} needs N,K with 0 < K < N`);
      options.faults.burst = { every, length };
    }
    else if (flag === '--fault-sync-delay-ms') options.faults.syncDelayMs = number(flag, argv[++i]);
    else if (flag === '--fault-sync-write-pause-ms') options.faults.syncWritePauseMs = number(flag, argv[++i]);
    else if (flag === '--help' || flag === '-h') {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`unknown option ${flag}`);
  }
  if (!options.data && !options.demo && !options.fleet) throw new Error('--data DIR is required without --demo or --demo-fleet');
  return options;
}

function main(): void {
  let options: Options;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`dev-server: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  const dir = options.data ?? mkdtempSync(join(tmpdir(), 'tinyforge-dev-'));
  let tokens: StoredToken[] | undefined;
  const seeding = options.demo || options.fleet > 0;
  if (seeding && !existsSync(join(dir, 'workloads.json'))) seedDemo(dir, { demo: options.demo, fleet: options.fleet });
  if (seeding) tokens = (JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8')) as { tokens: StoredToken[] }).tokens;
  const context: AppContext = { store: new DataStore(dir), faults: options.faults, locks: new WorkloadLocks(options.lockWaitMs), now: () => new Date(), requests: 0 };
  const server = createServer((request, response) => {
    const started = performance.now();
    // One line per request: method, target as sent with every known token redacted, status, time. Never headers.
    const line = (outcome: string): string => `${request.method} ${loggedTarget(request.url, secretsOf(context, request))} ${outcome}`;
    response.on('finish', () => console.log(line(`${response.statusCode} ${(performance.now() - started).toFixed(1)}ms`)));
    response.on('close', () => {
      if (!response.writableFinished) console.log(line('dropped'));
    });
    handleRequest(context, request, response).catch((error: unknown) => answerInternalError(response, error, secretsOf(context, request)));
  });
  // Requests too broken to parse (Node answers them 400 itself): one line, nothing of what was sent.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    console.log(`unparseable request: ${error.code ?? 'error'}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  // A slow or silent client must not hold a connection forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // The last resort, not the fix: no input should get here, but if one does, the server keeps answering the others.
  const logUnexpected = (error: unknown): void => console.error(`dev-server: unexpected error, still running: ${describeUnexpected(error, context.store.allTokens().map((token) => token.token))}`);
  process.on('uncaughtException', logUnexpected);
  process.on('unhandledRejection', logUnexpected);
  server.listen(options.port, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`listening on http://127.0.0.1:${port}`);
    if (tokens) {
      console.log(`admin token: ${tokens.find((t) => t.role === 'admin')?.token}`);
      console.log(`viewer token: ${tokens.find((t) => t.role === 'viewer')?.token}`);
      console.log(`data: ${dir}`);
    }
  });
  const stop = (): void => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (options.parentPid) {
    const parentPid = options.parentPid;
    // Tests' servers stop by themselves when the test process is gone, even if it was killed.
    setInterval(() => {
      try {
        process.kill(parentPid, 0);
      } catch {
        stop();
      }
    }, 500).unref();
  }
}

main();
