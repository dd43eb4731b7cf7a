import { join } from 'node:path';
import { serverEnvironment } from '../client/src/serverLaunch';
import { openDocument, repoRoot, startLspSession, type LspSession } from '../test/support/lspClient';
import type { BenchDocument } from './documents';

/** The do-nothing vscode-languageserver server (`bench/libraryFloorServer.cjs`) with one document open. */
export interface LibraryFloor {
  /** One hover round trip, ms. */
  hover(): Promise<number>;
  /** One completion round trip, ms. */
  completion(): Promise<number>;
  /** The server's pid, for its memory. */
  pid: number | undefined;
  close(): Promise<void>;
}

/** Starts the library floor server in the environment ours gets and opens the typical document in it. */
export async function startLibraryFloor(document: BenchDocument): Promise<LibraryFloor> {
  const session: LspSession = await startLspSession({ args: [join(repoRoot, 'bench/libraryFloorServer.cjs'), '--stdio'], env: serverEnvironment(process.env) });
  const uri = 'file:///tmp/bench/library-floor/.tinyforge.yml';
  openDocument(session, uri, document.typingText);
  const time = async (method: string, position: { line: number; character: number }): Promise<number> => {
    const started = performance.now();
    const result = await session.connection.sendRequest(method, { textDocument: { uri }, position });
    if (!result) throw new Error(`the library floor server gave no answer to ${method}`);
    return performance.now() - started;
  };
  return {
    hover: () => time('textDocument/hover', document.hoverAt),
    completion: () => time('textDocument/completion', document.completeKeyAt),
    pid: session.process.pid,
    close: () => session.close(),
  };
}
