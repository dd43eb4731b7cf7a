import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { persistCoreCache } from './core';
import { startServer } from './server';
import { stdioTransport } from './stdioTransport';

// Loaded by `entry.ts` (dist/server.js) as dist/serverMain.js. The transport (--stdio, --node-ipc, --socket) comes from
// the command line; stdio gets a writer that sends each message in one write.
const connection = process.argv.includes('--stdio') ? createConnection(ProposedFeatures.all, ...stdioTransport()) : createConnection(ProposedFeatures.all);
// On stdio, anything written to stdout corrupts the protocol: route console output to the client's log.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = console.log;
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
/** Settles once start-up is over and the core's code cache is kept: the entry then keeps its own and sets V8 flags. */
export const startedUp = new Promise<void>((resolve) => {
  startServer(connection, () => {
    persistCoreCache();
    resolve();
  });
});
connection.listen();
