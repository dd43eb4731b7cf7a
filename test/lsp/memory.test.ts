import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { serverEnvironment, serverExecArgv } from '../../client/src/serverLaunch';
import { changeDocument, openDocument, repoRoot, startLspSession } from '../support/lspClient';

const rssMiB = (pid: number | undefined): number => Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A file just under 60 KiB, comments between the fields: the heaviest to parse per keystroke. */
function largeFile(port: number): string {
  const lines = ['version: 1', 'deploy:', `  port: ${port}`, '  healthcheck: /healthz'];
  while (lines.join('\n').length < 60_000) lines.push('  # the port the container listens on, and the path Tinyforge checks for health');
  return `${lines.join('\n')}\n`;
}

describe('the server started as the extension starts it', () => {
  test('gives memory back once typing stops: RSS falls by megabytes within 3 s of the last keystroke', async () => {
    const session = await startLspSession({
      args: [...serverExecArgv, join(repoRoot, 'dist/server.js'), '--stdio'],
      env: serverEnvironment(process.env),
      initialize: { capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: {} } },
    });
    try {
      const uri = 'file:///tmp/memory/.tinyforge.yml';
      openDocument(session, uri, largeFile(8080));
      for (let version = 2; version < 200; version++) {
        changeDocument(session, uri, largeFile(8080 + (version % 2)), version);
        await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      }
      const busy = rssMiB(session.process.pid);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const idle = rssMiB(session.process.pid);
      assert.ok(busy - idle >= 2, `RSS ${busy.toFixed(1)} MiB while typing, ${idle.toFixed(1)} MiB 3.5 s later`);
    } finally {
      await session.close();
    }
  });
});
