import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { lintText } from '../../core/src/index';
import { repoRoot } from '../support/lspClient';
import { waitUntil } from '../support/wait';
import { goTo, hoverTextUntil, openEditor, openFile, problemsOf, runCommand, snap, stableValue, type EditorSession, type Problem } from '../support/workbench';

/** Red Hat's YAML extension 1.24.0, built unchanged from its public source (`../shared/vendor/README.md`). */
const redHatYaml = join(repoRoot, '../shared/vendor/redhat.vscode-yaml.vsix');

/** One file per problem, each in its own folder: what the user wrote, and what each setup must show for it. */
const cases = {
  'syntax-error': 'version: 1\ndeploy:\n  port: [8080\n',
  'duplicate-key': 'version: 1\ndeploy:\n  port: 8080\n  port: 9090\n',
  'unknown-key': 'version: 1\ndeploy:\n  prot: 8080\n',
  'wrong-type': 'version: 1\ndeploy:\n  port: "eighty"\n',
  valid: '# shop-api\nversion: 1\ndeploy:\n  port: 8080 # the port\n  healthcheck: /healthz\n',
  // Seen beside the real extension: it reports an alias with no anchor too (the README used to say it did not).
  'unresolved-alias': 'version: 1\ndeploy:\n  port: *port\n',
} as const;
type Case = keyof typeof cases;

/** `source code` of each problem a case must show, in order: exactly these and nothing else. */
type Expected = Record<Case, string[]>;

/** Red Hat YAML validating: it reports what any YAML parser sees; we report the rest and hide our copy of its findings. */
const besideRedHat: Expected = {
  'syntax-error': ['YAML'],
  'duplicate-key': ['YAML'],
  'unknown-key': ['tinyforge unknown-key'],
  'wrong-type': ['tinyforge invalid-type'],
  valid: [],
  'unresolved-alias': ['YAML'],
};
/** No other YAML validation: every problem is ours. */
const oursOnly: Expected = {
  'syntax-error': ['tinyforge yaml-syntax'],
  'duplicate-key': ['tinyforge duplicate-key'],
  'unknown-key': ['tinyforge unknown-key'],
  'wrong-type': ['tinyforge invalid-type'],
  valid: [],
  'unresolved-alias': ['tinyforge yaml-syntax'],
};

const describeProblem = (problem: Problem): string => (problem.code ? `${problem.source} ${problem.code}` : problem.source);

function workspaceWithCases(extra: Record<string, string> = {}): string {
  const workspace = mkdtempSync(join(tmpdir(), 'tinyforge-e2e-redhat-'));
  for (const [name, text] of Object.entries({ ...cases, ...extra })) {
    mkdirSync(join(workspace, name));
    writeFileSync(join(workspace, name, '.tinyforge.yml'), text);
  }
  return workspace;
}

/** Opens every case's file (in its own tab), the syntax error last: when its problem shows, every server has seen them all. */
async function openAllCases(page: Page, expected: Expected): Promise<void> {
  const order: Case[] = [...(Object.keys(cases) as Case[]).filter((name) => name !== 'syntax-error'), 'syntax-error'];
  for (const name of order) await openFile(page, `${name}/.tinyforge.yml`);
  await problemsOf(page, 'syntax-error', expected['syntax-error'].length);
}

/** Checks the Problems panel case by case, with a screenshot of each. */
async function checkProblems(page: Page, expected: Expected, setup: string): Promise<void> {
  for (const name of Object.keys(cases) as Case[]) {
    await openFile(page, `${name}/.tinyforge.yml`);
    const problems = await problemsOf(page, name, expected[name].length);
    await snap(page, `redhat-${setup}-${name}`);
    assert.deepEqual(problems.map(describeProblem), expected[name], `${setup}, ${name}: ${JSON.stringify(problems)}`);
  }
}

const baseSettings = { 'workbench.editor.enablePreview': false, 'redhat.telemetry.enabled': false, 'git.enabled': false };

describe('in a real VS Code beside the real Red Hat YAML extension: each problem shown once', () => {
  before(() => {
    assert.ok(existsSync(redHatYaml), `the Red Hat YAML .vsix is missing: ${redHatYaml}`);
  });

  describe('both installed, yaml.validate on (its default)', () => {
    let editor: EditorSession;
    let page: Page;
    const workspace = workspaceWithCases({
      complete: 'version: 1\ndeploy:\n  \n',
      format: '# shop-api: the repository is the source of truth.\nversion:   1\ndeploy:   { port: 8080,   healthcheck: /healthz }   # flow style\n# deploy_strategy: blue_green\n',
    });

    before(async () => {
      editor = await openEditor({ open: { folder: workspace }, extraExtensions: [redHatYaml], settings: baseSettings });
      page = editor.page;
      await openAllCases(page, besideRedHat);
    });
    after(async () => {
      await editor?.close();
      rmSync(workspace, { recursive: true, force: true });
    });

    test('the Problems panel: YAML errors from Red Hat YAML, schema problems from us, one each', async () => {
      await checkProblems(page, besideRedHat, 'both');
    });

    test('completion under deploy: shows our keys once each, and nothing from Red Hat YAML', async () => {
      await openFile(page, 'complete/.tinyforge.yml');
      await goTo(page, 3, 3);
      await page.keyboard.press('Control+Space');
      const rows = page.locator('.suggest-widget .monaco-list-row');
      await rows.first().waitFor({ timeout: 15_000 });
      // Red Hat YAML answers completion on its own schedule: the list is read once it has stopped changing.
      const labels = await stableValue(async () => (await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label') ?? ''))).map((label) => label.split(',')[0]));
      await snap(page, 'redhat-both-completion');
      await page.keyboard.press('Escape');
      assert.deepEqual([...labels].sort(), ['deploy_strategy', 'healthcheck', 'max_instances', 'port', 'resources']);
    });

    test('hover on port shows our doc once', async () => {
      await openFile(page, 'valid/.tinyforge.yml');
      // The hover can still hold the previous file's answer for a moment: it is read once it shows the port's doc.
      const text = await hoverTextUntil(page, 'port', (shown) => shown.includes('Container port'));
      const blocks = await page.locator('.monaco-hover:not(.hidden) .markdown-hover').count();
      await snap(page, 'redhat-both-hover');
      await page.keyboard.press('Escape');
      assert.equal(text.split('Container port').length - 1, 1, text);
      assert.equal(blocks, 1, 'one doc block in the hover');
    });

    test('Format Document runs Red Hat YAML\'s formatter: spacing tidied, every comment kept, the file still valid', async () => {
      await openFile(page, 'format/.tinyforge.yml');
      await runCommand(page, 'Format Document');
      await page.waitForFunction(`[...document.querySelectorAll('.monaco-editor .view-lines .view-line')].some((line) => line.innerText.replace(/\\u00a0/g, ' ') === 'version: 1')`, undefined, { timeout: 15_000 });
      await page.keyboard.press('Control+S');
      const file = join(workspace, 'format/.tinyforge.yml');
      await waitUntil(() => readFileSync(file, 'utf8').includes('version: 1\n'), 'the formatted file saved');
      await snap(page, 'redhat-both-format');
      const formatted = readFileSync(file, 'utf8');
      assert.equal(formatted, '# shop-api: the repository is the source of truth.\nversion: 1\ndeploy: { port: 8080, healthcheck: /healthz } # flow style\n# deploy_strategy: blue_green\n');
      assert.deepEqual(lintText(formatted).findings, []);
    });

    test('turning yaml.validate off in the Settings editor brings our YAML errors back at once, without an edit', async () => {
      await openFile(page, 'syntax-error/.tinyforge.yml');
      await page.keyboard.press('Control+,');
      await page.locator('.settings-editor .suggest-input-container').waitFor({ timeout: 15_000 });
      await page.keyboard.type('yaml.validate');
      const checkbox = page.locator('.setting-item-bool', { hasText: 'Enable/disable validation feature' }).locator('.setting-value-checkbox').first();
      await checkbox.waitFor({ timeout: 15_000 });
      await checkbox.click();
      await page.locator('.setting-item-bool .setting-value-checkbox[aria-checked="false"]').first().waitFor({ timeout: 15_000 });
      // The Settings editor writes a moment after the click; closing it sooner would drop the change.
      const userSettings = join(editor.codeServer.userDataDir, 'User/settings.json');
      await waitUntil(() => /"yaml\.validate":\s*false/.test(readFileSync(userSettings, 'utf8')), 'yaml.validate: false in the user settings', 15_000);
      await snap(page, 'redhat-both-validate-unchecked');
      await page.keyboard.press('Escape');
      await page.locator('.settings-editor').waitFor({ state: 'hidden', timeout: 15_000 });
      await openFile(page, 'syntax-error/.tinyforge.yml');
      const problems = await problemsOf(page, 'syntax-error', 1, (found) => found.some((problem) => problem.source === 'tinyforge'));
      await snap(page, 'redhat-both-validate-turned-off');
      assert.deepEqual(problems.map(describeProblem), ['tinyforge yaml-syntax']);
    });
  });

  for (const [setup, settings, withRedHat] of [
    ['validate-off', { 'yaml.validate': false }, true],
    ['validate-off-for-yaml', { '[yaml]': { 'yaml.validate': false } }, true],
    ['ours-alone', {}, false],
  ] as const) {
    describe(`${withRedHat ? 'both installed' : 'ours alone'}${withRedHat ? `, ${JSON.stringify(settings)}` : ''}`, () => {
      let editor: EditorSession;
      let page: Page;
      const workspace = workspaceWithCases(withRedHat ? {} : { format: 'version:   1\n' });

      before(async () => {
        editor = await openEditor({ open: { folder: workspace }, extraExtensions: withRedHat ? [redHatYaml] : [], settings: { ...baseSettings, ...settings } });
        page = editor.page;
        await openAllCases(page, oursOnly);
      });
      after(async () => {
        await editor?.close();
        rmSync(workspace, { recursive: true, force: true });
      });

      test('the Problems panel: every problem from us, one each', async () => {
        await checkProblems(page, oursOnly, setup);
      });

      if (!withRedHat) {
        test('Format Document: VS Code says no formatter is installed, and the file is left as it is', async () => {
          await openFile(page, 'format/.tinyforge.yml');
          await runCommand(page, 'Format Document');
          const dialog = page.locator('.monaco-dialog-box', { hasText: /There is no formatter for 'yaml' files installed/ });
          await dialog.waitFor({ timeout: 15_000 });
          await snap(page, 'redhat-ours-alone-format');
          await dialog.locator('a.monaco-button, button', { hasText: /^Cancel$/ }).first().click();
          assert.equal(readFileSync(join(workspace, 'format/.tinyforge.yml'), 'utf8'), 'version:   1\n');
        });
      }
    });
  }
});
