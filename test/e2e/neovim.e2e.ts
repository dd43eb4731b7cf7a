// A client this project did not write: headless Neovim (Debian's package), configured with the README's
// docs/editors/neovim.lua, driving `tinyforge-language-server` as `npm install -g` of the packed package installs it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import type { DevServer } from '../support/devServer';
import { prepareEditorBench } from '../support/editorRun';
import { repoRoot } from '../support/lspClient';

/** One line the driver printed: a step's name and what it saw. */
type Step = { step: string } & Record<string, unknown>;
interface NeovimDiagnostic {
  code: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  source: string;
  message: string;
}

const outputDir = join(repoRoot, 'test-output/e2e');
const apiRequests = (server: DevServer): string[] => server.log.filter((line) => /^(GET|PUT|POST) \/api\//.test(line));
const where = (diagnostics: NeovimDiagnostic[]): string[] => diagnostics.map((d) => `${d.code}@${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col}`);

describe('Neovim (headless, its built-in LSP client) with the installed tinyforge-language-server', () => {
  let devServer: DevServer;
  const steps = new Map<string, Step>();
  const requestsAt = new Map<string, string[]>();
  let exitCode: number | null = null;
  let stderr = '';

  before(async () => {
    // What a user does: pack the package and install it globally (into a prefix of our own), then start the editor.
    const bench = await prepareEditorBench('nvim');
    devServer = bench.devServer;
    const ackDir = join(bench.work, 'ack');
    mkdirSync(ackDir);

    const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(repoRoot, 'docs/editors/neovim.lua'), '-c', `luafile ${join(repoRoot, 'test/e2e/neovim/driver.lua')}`], {
      cwd: bench.work,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: bench.env({ TF_ACK: ackDir }),
    });
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const step = JSON.parse(line) as Step;
      if (step.step === 'sync') {
        // Count what the dev server has seen at this point, then let the driver go on.
        requestsAt.set(String(step.name), apiRequests(devServer));
        writeFileSync(join(ackDir, String(step.name)), '');
      } else steps.set(step.step, step);
    });
    exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
      child.once('exit', (code) => (clearTimeout(timer), resolve(code)));
    });
    mkdirSync(outputDir, { recursive: true });
    writeFileSync(join(outputDir, 'neovim.json'), `${JSON.stringify({ steps: Object.fromEntries(steps), requestsAt: Object.fromEntries(requestsAt) }, null, 2)}\n`);
  });
  after(async () => {
    await devServer?.stop();
  });

  test('the driver ran every step', () => {
    assert.equal(steps.get('error')?.message, undefined);
    assert.equal(exitCode, 0, `nvim exited with ${exitCode}: ${stderr.slice(-2000)}`);
    assert.deepEqual([...steps.keys()], ['broken', 'features', 'fixed', 'live', 'typed']);
  });

  test("a broken file's diagnostics, read with vim.diagnostic.get(): codes, ranges, messages, source", () => {
    const broken = steps.get('broken')!;
    assert.equal(broken.clients, 1, 'one tinyforge client attached');
    const diagnostics = broken.diagnostics as NeovimDiagnostic[];
    assert.deepEqual(where(diagnostics), ['unknown-key@2:2-2:6', 'invalid-type@4:15-4:19']);
    assert.deepEqual(diagnostics.map((d) => d.severity), [1, 1], 'errors');
    assert.deepEqual(diagnostics.map((d) => d.source), ['tinyforge', 'tinyforge']);
    assert.equal(diagnostics[0].message, 'Unknown key "prot". Did you mean "port"?');
    assert.equal(diagnostics[1].message, 'healthcheck must be a string, not an integer');
  });

  test('completion under deploy: offers the keys not yet there; hover on a key shows its schema doc', () => {
    const features = steps.get('features')!;
    assert.deepEqual([...(features.completion as string[])].sort(), ['deploy_strategy', 'max_instances', 'port', 'resources']);
    assert.match(String(features.hover), /healthcheck/i);
    assert.match(String(features.hover), /path/i);
  });

  test("the unknown-key quick fix, chosen in Neovim's code-action menu, renames the key and the error goes", () => {
    const fixed = steps.get('fixed')!;
    assert.ok((fixed.offered as string[]).includes('Rename "prot" to "port"'), `offered: ${(fixed.offered as string[]).join(' | ')}`);
    assert.deepEqual(fixed.lines, ['version: 1', 'deploy:', '  port: 8080', '  ', '  healthcheck: 8080']);
    assert.deepEqual(where(fixed.diagnostics as NeovimDiagnostic[]), ['invalid-type@4:15-4:19']);
  });

  test('against the dev server: drift on the drifted values, from three requests; typing sends none', () => {
    const live = steps.get('live')!;
    assert.deepEqual(where(live.diagnostics as NeovimDiagnostic[]), ['drift@3:8-3:12', 'drift@5:19-5:29', 'not-managed@7:4-7:13']);
    const drift = (live.diagnostics as NeovimDiagnostic[])[0];
    assert.equal(drift.severity, 3, 'information');
    assert.match(drift.message, /3000/);
    const beforeTyping = requestsAt.get('before-typing')!;
    assert.deepEqual(beforeTyping.map((line) => line.split(' ').slice(0, 2).join(' ')).sort(), ['GET /api/me', 'GET /api/workloads', 'GET /api/workloads/wl_shop/gitops']);
    const typed = steps.get('typed')!;
    assert.equal(typed.line, '  port: 3000');
    assert.deepEqual(where(typed.diagnostics as NeovimDiagnostic[]), ['drift@5:19-5:29', 'not-managed@7:4-7:13'], 'the port drift went with the last keystroke');
    assert.match(String(typed.hover), /blue_green/);
    assert.deepEqual(requestsAt.get('after-typing'), beforeTyping, 'eight keystrokes and a hover sent no request');
  });
});
