// A client this project did not write: Emacs 28 in batch mode (Debian's emacs-nox) with Debian's elpa-eglot,
// configured with the README's docs/editors/tinyforge-eglot.el, driving the installed `tinyforge-language-server`;
// once with Debian's yaml-mode installed and once as a stock Emacs 28 without it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prepareEditorBench, runEditor, type EditorBench, type Step } from '../support/editorRun';
import { repoRoot } from '../support/lspClient';

interface EmacsDiagnostic {
  code: string;
  source: string;
  type: string;
  line: number;
  col: number;
  end_line: number;
  end_col: number;
  message: string;
}
const where = (diagnostics: EmacsDiagnostic[]): string[] => diagnostics.map((d) => `${d.code}@${d.line}:${d.col}-${d.end_line}:${d.end_col}`);

for (const variant of [
  { name: 'with yaml-mode', parent: 'yaml-mode', before: [] as string[] },
  // Emacs 28 has no YAML mode of its own: without the package, the config derives from prog-mode.
  { name: 'without yaml-mode (a stock Emacs 28)', parent: 'prog-mode', before: ['--eval', '(setq load-path (seq-remove (lambda (dir) (string-match-p "yaml-mode" dir)) load-path))', '--eval', "(fmakunbound 'yaml-mode)"] },
]) {
  describe(`Emacs ${variant.name}, eglot, the installed tinyforge-language-server`, () => {
    let bench: EditorBench;
    let run: { steps: Map<string, Step>; exitCode: number | null; stderr: string };

    before(async () => {
      bench = await prepareEditorBench(`emacs-${variant.parent}`);
      run = await runEditor({
        name: `emacs-${variant.parent}`,
        command: 'emacs',
        args: ['--batch', '-q', ...variant.before, '-l', join(repoRoot, 'docs/editors/tinyforge-eglot.el'), '-l', join(repoRoot, 'test/e2e/emacs/driver.el')],
        cwd: bench.work,
        env: bench.env(),
      });
    });
    after(async () => {
      await bench?.devServer.stop();
    });

    test('the driver ran every step, in the mode the config made', () => {
      assert.equal(run.steps.get('error')?.message, undefined);
      assert.equal(run.exitCode, 0, `emacs exited with ${run.exitCode}: ${run.stderr.slice(-2000)}`);
      assert.deepEqual([...run.steps.keys()], ['broken', 'features', 'fixed', 'live']);
      assert.deepEqual([run.steps.get('broken')!.mode, run.steps.get('broken')!.parent], ['tinyforge-yaml-mode', variant.parent]);
    });

    test('Flymake shows the broken file\'s diagnostics: codes, ranges, messages', () => {
      const diagnostics = run.steps.get('broken')!.diagnostics as EmacsDiagnostic[];
      assert.deepEqual(where(diagnostics), ['unknown-key@2:2-2:6', 'invalid-type@4:15-4:19']);
      assert.deepEqual(diagnostics.map((d) => d.type), ['eglot-error', 'eglot-error']);
      assert.match(diagnostics[0].message, /Unknown key "prot"\. Did you mean "port"\?/);
    });

    test('completion under deploy: offers the keys not yet there (plain text: no yasnippet); hover shows the schema doc as Markdown text', () => {
      const features = run.steps.get('features')!;
      assert.deepEqual([...(features.completion as string[])].sort(), ['deploy_strategy', 'max_instances', 'port', 'resources']);
      assert.match(String(features.hover), /\*\*Health check path\*\* · `deploy\.healthcheck`/);
    });

    test("eglot-code-actions on the unknown key offers the rename; applying it fixes the key and the error goes", () => {
      const fixed = run.steps.get('fixed')!;
      assert.ok((fixed.offered as string[]).includes('Rename "prot" to "port"'), `offered: ${(fixed.offered as string[]).join(' | ')}`);
      assert.deepEqual(fixed.lines, ['version: 1', 'deploy:', '  port: 8080', '  ', '  healthcheck: 8080']);
      assert.deepEqual(where(fixed.diagnostics as EmacsDiagnostic[]), ['invalid-type@4:15-4:19']);
    });

    test('against the dev server: drift and not-managed on the demo file, and the three-sided hover', () => {
      const live = run.steps.get('live')!;
      assert.deepEqual(where(live.diagnostics as EmacsDiagnostic[]), ['drift@3:8-3:12', 'drift@5:19-5:29', 'not-managed@7:4-7:13']);
      assert.deepEqual((live.diagnostics as EmacsDiagnostic[]).map((d) => d.type), ['eglot-note', 'eglot-note', 'eglot-warning']);
      assert.match(String(live.hover), /\| Editor \| Branch main @ [0-9a-f]{7} \| Live \|\n\|---\|---\|---\|\n\| `8080` \| `8080` \| `3000` \|/);
    });
  });
}
