import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDiagnosticFixtures } from '../support/fixtures';
import { changeDocument, openDocument, startLspSession, type LspSession } from '../support/lspClient';
import { mutate, seededRandom } from '../support/mutate';
import { loadYamlTestSuite } from '../support/yamlTestSuite';
import { worstCaseInputs } from '../support/worstCases';

/** Rejects when a request takes longer than a second. */
function withinASecond<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within 1 s`)), 1000)))]).finally(() =>
    clearTimeout(timer),
  );
}

describe('robustness of the running server', () => {
  let session: LspSession;
  before(async () => {
    session = await startLspSession({});
  });
  after(async () => {
    await session.close();
  });

  test('YAML test suite inputs, 1,000 mutations and the worst-case files as edits of one document: every version answered within 1 s, no handler fails', async () => {
    const fixtures = loadDiagnosticFixtures().map((fixture) => fixture.text);
    const inputs = (await loadYamlTestSuite()).map((input) => input.yaml);
    for (let seed = 1; seed <= 1000; seed++) inputs.push(mutate(fixtures[seed % fixtures.length], seededRandom(seed)));
    inputs.push(...worstCaseInputs().map((input) => input.text));
    const uri = 'file:///ws/robust/.tinyforge.yml';
    const random = seededRandom(42);
    let version = 1;
    const first = session.nextDiagnostics(uri, { version });
    openDocument(session, uri, 'version: 1\n', version);
    await first;
    for (const text of inputs) {
      version++;
      const published = session.nextDiagnostics(uri, { version, timeoutMs: 1000 });
      changeDocument(session, uri, text, version);
      await published;
      const offset = Math.floor(random() * (text.length + 1));
      const lines = text.slice(0, offset).split('\n');
      const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
      await withinASecond(session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }), `completion v${version}`);
      await withinASecond(session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }), `hover v${version}`);
    }
    assert.ok(version > 1300);
    assert.deepEqual(session.logs.filter((line) => / failed: /.test(line)), []);
  });
});
