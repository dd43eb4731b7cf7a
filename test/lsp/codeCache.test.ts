import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { codeCacheEnvironmentVariable } from '../../server/src/protocol';
import { codesOf, openDocument, startLspSession } from '../support/lspClient';
import { waitUntil } from '../support/wait';

const scratch = mkdtempSync(join(tmpdir(), 'tinyforge-code-cache-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Starts the server with a code-cache directory, proves it lints (so the core bundle loaded too), and stops it. */
async function lintOnce(cacheDir: string, waitForCaches = true): Promise<void> {
  const session = await startLspSession({ env: { ...process.env, [codeCacheEnvironmentVariable]: cacheDir } });
  try {
    const uri = 'file:///ws/cache/.tinyforge.yml';
    const published = session.nextDiagnostics(uri, { timeoutMs: 5000 });
    openDocument(session, uri, 'version: 1\ndeploy:\n  prot: 8080\n');
    assert.deepEqual(codesOf((await published).diagnostics), ['unknown-key']);
    if (waitForCaches) await waitUntil(() => cacheFiles(cacheDir).length === 2, 'both bundles cached', 5000);
  } finally {
    await session.close();
  }
}

function cacheFiles(cacheDir: string): string[] {
  try {
    return readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache')).sort();
  } catch {
    return [];
  }
}

describe('the server keeps V8 compiled code between starts (faster start-up)', () => {
  test('the first start writes a cache for the server and the core; the next one uses them as they are', async () => {
    const cacheDir = join(scratch, 'fresh', 'code-cache');
    await lintOnce(cacheDir);
    const files = cacheFiles(cacheDir);
    assert.match(files[0], /^core\.js\.[0-9a-f]{16}\.v8cache$/);
    assert.match(files[1], /^serverMain\.js\.[0-9a-f]{16}\.v8cache$/);
    const before = files.map((name) => statSync(join(cacheDir, name)).mtimeMs);
    await lintOnce(cacheDir, false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(cacheFiles(cacheDir), files);
    assert.deepEqual(files.map((name) => statSync(join(cacheDir, name)).mtimeMs), before, 'a usable cache is not rewritten');
  });

  test('a damaged cache (garbage, or bytes flipped deep inside V8\'s data) is compiled around and replaced; leftovers of older bundles and killed servers are removed', async () => {
    const cacheDir = join(scratch, 'corrupt');
    await lintOnce(cacheDir);
    const files = cacheFiles(cacheDir);
    const valid = files.map((name) => readFileSync(join(cacheDir, name)));
    const damaged = valid.map((content, index) => {
      if (index === 0) return Buffer.alloc(4096, 0x5a);
      // V8 does not checksum its data in release builds: these bytes alone used to abort the server at every start.
      const copy = Buffer.from(content);
      for (let i = 0; i < 20; i++) copy[200 + i] ^= 0xff;
      return copy;
    });
    files.forEach((name, index) => writeFileSync(join(cacheDir, name), damaged[index]));
    writeFileSync(join(cacheDir, 'core.js.0000000000000000.v8cache'), 'an older bundle\'s cache');
    const leftover = join(cacheDir, `${files[1]}.99999.tmp`);
    writeFileSync(leftover, 'a killed server\'s temporary file');
    utimesSync(leftover, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    await lintOnce(cacheDir);
    await waitUntil(() => files.every((name, index) => !readFileSync(join(cacheDir, name)).equals(damaged[index])), 'the damaged caches replaced', 5000);
    await waitUntil(() => readdirSync(cacheDir).length === 2, 'the leftovers removed', 5000);
    assert.deepEqual(readdirSync(cacheDir).sort(), files);
    await lintOnce(cacheDir, false);
  });

  test('a cache directory that cannot be made costs nothing but speed', async () => {
    const notADirectory = join(scratch, 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    await lintOnce(join(notADirectory, 'code-cache'), false);
    assert.equal(readFileSync(notADirectory, 'utf8'), 'not a directory');
  });
});
