// A client this project did not write: Vim 9 headless (Debian's vim) with ALE 3.3 (Debian's vim-ale), configured
// with the README's docs/editors/tinyforge-ale.vim, driving the installed `tinyforge-language-server`. ALE sends the
// diagnostics of a code-action request without `source`, or none when the range is a word, and has no snippets.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prepareEditorBench, runEditor, type EditorBench, type Step } from '../support/editorRun';
import { repoRoot } from '../support/lspClient';

interface AleDiagnostic {
  code: string;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  type: string;
  text: string;
  linter: string;
}
const where = (diagnostics: AleDiagnostic[]): string[] => diagnostics.map((d) => `${d.code}@${d.lnum}:${d.col}-${d.end_lnum}:${d.end_col}`);

describe('Vim with ALE and the installed tinyforge-language-server', () => {
  let bench: EditorBench;
  let run: { steps: Map<string, Step>; exitCode: number | null; stderr: string };

  before(async () => {
    bench = await prepareEditorBench('vim');
    const stepsFile = join(bench.work, 'steps.jsonl');
    run = await runEditor({
      name: 'vim-ale',
      command: 'vim',
      // No terminal here: --not-a-term keeps Vim from waiting for one; the driver writes its steps to a file.
      args: ['-N', '-n', '-i', 'NONE', '-X', '--not-a-term', '-u', join(repoRoot, 'docs/editors/tinyforge-ale.vim'), '-c', `source ${join(repoRoot, 'test/e2e/vim/driver.vim')}`],
      cwd: bench.work,
      stepsFile,
      env: bench.env({ TF_OUT: stepsFile }),
    });
  });
  after(async () => {
    await bench?.devServer.stop();
  });

  test('the driver ran every step; Tinyforge files get the filetype yaml.tinyforge', () => {
    assert.equal(run.steps.get('error')?.message, undefined);
    assert.equal(run.exitCode, 0, `vim exited with ${run.exitCode}: ${run.stderr.slice(-2000)}`);
    assert.deepEqual([...run.steps.keys()], ['broken', 'features', 'fixed', 'live']);
    assert.equal(run.steps.get('broken')!.filetype, 'yaml.tinyforge');
  });

  test("ALE lists the broken file's diagnostics: codes, 1-based ranges, messages", () => {
    const diagnostics = run.steps.get('broken')!.diagnostics as AleDiagnostic[];
    assert.deepEqual(where(diagnostics), ['unknown-key@3:3-3:6', 'invalid-type@5:16-5:19']);
    assert.deepEqual(diagnostics.map((d) => [d.type, d.linter]), [['E', 'tinyforge'], ['E', 'tinyforge']]);
    assert.equal(diagnostics[0].text, 'Unknown key "prot". Did you mean "port"?');
  });

  test('completion: one line each, what ALE inserts (no snippet, no line break); hover: the schema doc', () => {
    const features = run.steps.get('features')!;
    assert.deepEqual([...(features.words as string[])].sort(), ['deploy_strategy: recreate', 'max_instances: 1', 'port: 8080', 'resources:']);
    assert.match((features.hover as string[]).join('\n'), /\*\*Health check path\*\* · `deploy\.healthcheck`/);
  });

  test('the rename quick fix, through ALE\'s code-action request on the word, renames the key and the error goes', () => {
    const fixed = run.steps.get('fixed')!;
    assert.deepEqual(fixed.offered, ['Rename "prot" to "port"', 'Remove unknown key "prot"', 'Fix all Tinyforge problems that have a safe fix']);
    assert.deepEqual(fixed.lines, ['version: 1', 'deploy:', '  port: 8080', '  ', '  healthcheck: 8080']);
    assert.deepEqual(where(fixed.diagnostics as AleDiagnostic[]), ['invalid-type@5:16-5:19']);
  });

  test('against the dev server: drift and not-managed on the demo file (ALE shows information as W)', () => {
    const live = run.steps.get('live')!;
    assert.deepEqual(where(live.diagnostics as AleDiagnostic[]), ['drift@4:9-4:12', 'drift@6:20-6:29', 'not-managed@8:5-8:13']);
    assert.match((live.diagnostics as AleDiagnostic[])[0].text, /8080 here but 3000 on the live workload shop-api/);
  });
});
