import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { compareFindings, diagnosticFixtureDir, loadDiagnosticFixtures, type RangedFinding } from '../support/fixtures';
import { repoRoot } from '../support/lspClient';

const cli = join(repoRoot, 'dist/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'tinyforge-lint-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function lint(args: string[], env: NodeJS.ProcessEnv = {}, input?: string | Uint8Array) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: scratch, encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(relative: string, text: string | Uint8Array): string {
  const path = join(scratch, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('tinyforge-lint', () => {
  test('- reads the file from standard input (an editor or a pre-commit hook piping a buffer), named <stdin> or --stdin-filename', () => {
    const text = 'version: 2\ndeploy:\n  prot: 8080\n';
    const piped = lint(['-'], {}, text);
    assert.equal(piped.code, 1, piped.stderr);
    assert.equal(piped.stdout, '<stdin>:1:10 error invalid-version version must be the integer 1, not 2\n<stdin>:3:3 error unknown-key Unknown key "prot". Did you mean "port"?\n');
    const path = write('stdin-twin/.tinyforge.yml', text);
    const fromFile = JSON.parse(lint([path, '--format', 'json']).stdout);
    const named = lint(['--format', 'json', '--stdin-filename', 'deploy/.tinyforge.yml', '-'], {}, Buffer.from(text));
    assert.equal(named.code, 1, named.stderr);
    const report = JSON.parse(named.stdout);
    assert.equal(report.files[0].path, 'deploy/.tinyforge.yml');
    assert.deepEqual(report.files[0].findings, fromFile.files[0].findings);
    // A file named - is a file: ./- and standard input are both checked.
    write('-', 'version: 1\n');
    const both = JSON.parse(lint(['--format', 'json', '-', './-'], {}, text).stdout);
    assert.deepEqual(both.files.map((file: { path: string; findings: unknown[] }) => [file.path, file.findings.length]), [['<stdin>', 2], ['./-', 0]]);
  });

  test('exit 0 and no output lines for a clean file', () => {
    const path = write('clean/.tinyforge.yml', 'version: 1\ndeploy:\n  port: 8080\n');
    const result = lint([path]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^0 errors, 0 warnings in 1 file$/m);
  });

  test('a file with a BOM: columns on line 1 are the ones the editor shows', () => {
    const path = write('bom/.tinyforge.yml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('prot: 1\nversion: 2\n')]));
    const result = lint([path]);
    assert.equal(result.stdout, `${path}:1:1 error unknown-key Unknown key "prot": the top level accepts only version and deploy\n${path}:2:10 error invalid-version version must be the integer 1, not 2\n`);
  });

  test('a file that is not UTF-8 (Latin-1 é): exit 1, a yaml-syntax error on the byte, nothing silently replaced', () => {
    const path = write('latin1/.tinyforge.yml', Buffer.concat([Buffer.from('version: 1\ndeploy:\n  healthcheck: /caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const result = lint([path]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, `${path}:3:20 error yaml-syntax The file is not valid UTF-8: byte 0xE9 here does not start or continue a character, so Tinyforge rejects the file\n`);
  });

  test('output piped into a reader that stops early (`| head -1`): no stack trace', () => {
    const path = write('many/.tinyforge.yml', `version: 1\n${Array.from({ length: 3000 }, (_, i) => `k${i}: ${i}\n`).join('')}`);
    const result = spawnSync('sh', ['-c', `node "${cli}" "${path}" | head -1`], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.match(result.stdout, /^.*:2:1 error unknown-key Unknown key "k0"/);
    assert.doesNotMatch(result.stderr, /EPIPE|at .*\(/);
  });

  test('in Russian under LANG=ru_RU.UTF-8: findings, the summary, usage errors and the help', () => {
    const path = write('ru/.tinyforge.yml', 'version: 1\ndeploy:\n  prot: 8080\n');
    const result = lint([path], { LANG: 'ru_RU.UTF-8' });
    assert.match(result.stdout, /Неизвестный ключ «prot»/);
    assert.equal(result.stderr, 'ошибок: 1, предупреждений: 0, файлов проверено: 1\n');
    const usage = lint(['--bogus'], { LANG: 'ru_RU.UTF-8' });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^tinyforge-lint: неизвестный параметр --bogus\nИспользование: tinyforge-lint/);
    assert.match(lint(['--help'], { LC_ALL: 'ru' }).stdout, /Коды выхода: 0 ошибок нет/);
  });

  test('a directory with no Tinyforge file says so on stderr (a mistyped CI path), and still exits 0', () => {
    mkdirSync(join(scratch, 'nothing-here'), { recursive: true });
    const result = lint([join(scratch, 'nothing-here')]);
    assert.equal(result.code, 0);
    assert.match(result.stderr, /tinyforge-lint: no \.tinyforge\.yml or \.tinyforge\.yaml under .*nothing-here\n/);
  });

  test('a symlinked .tinyforge.yml is found in a directory search, and a file given twice is checked once', () => {
    const target = write('linked/real.yml', 'version: 2\n');
    symlinkSync(target, join(scratch, 'linked/.tinyforge.yml'));
    const result = lint([join(scratch, 'linked'), join(scratch, 'linked/.tinyforge.yml')]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout.trim().split('\n').length, 1, result.stdout);
    assert.match(result.stdout, /linked\/\.tinyforge\.yml:1:10 error invalid-version/);
    assert.match(result.stderr, /in 1 file$/m);
  });

  test('exit 1 with path:line:col severity code message (1-based) for errors', () => {
    const path = write('broken/.tinyforge.yml', 'version: 1\ndeploy:\n  prot: 8080\n');
    const result = lint([path]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, `${path}:3:3 error unknown-key Unknown key "prot". Did you mean "port"?\n`);
  });

  test('a directory is searched for .tinyforge.yml/.yaml, skipping node_modules and other YAML', () => {
    write('tree/a/.tinyforge.yml', 'version: 2\n');
    write('tree/b/c/.tinyforge.yaml', 'version: 1\n');
    write('tree/node_modules/x/.tinyforge.yml', 'version: 3\n');
    write('tree/compose.yml', 'services: {}\n');
    const result = lint(['--format', 'json', join(scratch, 'tree')]);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as { files: Array<{ path: string; findings: Array<{ code: string; line: number; column: number }> }> };
    assert.deepEqual(
      report.files.map((file) => [file.path.slice(scratch.length + 1), file.findings.map((f) => `${f.code}@${f.line}:${f.column}`)]),
      [['tree/a/.tinyforge.yml', ['invalid-version@1:10']], ['tree/b/c/.tinyforge.yaml', []]],
    );
  });

  test('exit 2 for bad usage and unreadable input, with a one-line reason', () => {
    assert.equal(lint(['--format', 'xml']).code, 2);
    assert.equal(lint(['--bogus']).code, 2);
    const missing = lint([join(scratch, 'does-not-exist.yml')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*does-not-exist\.yml \(ENOENT\)/);
    if (process.getuid?.() !== 0) {
      const locked = write('locked/.tinyforge.yml', 'version: 1\n');
      chmodSync(locked, 0o000);
      assert.equal(lint([locked]).code, 2);
    }
  });

  test('SARIF 2.1.0 with rules, levels and 1-based regions', () => {
    const path = write('sarif/.tinyforge.yml', 'version: 1\ndeploy:\n  port: 0\n  helthcheck: /h\n');
    const result = lint(['--format=sarif', path]);
    assert.equal(result.code, 1);
    const log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'tinyforge-lint');
    assert.ok(run.tool.driver.rules.some((rule: { id: string }) => rule.id === 'unknown-key'));
    assert.deepEqual(
      run.results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { region: object } }> }) => [r.ruleId, r.level, r.locations[0].physicalLocation.region]),
      [
        ['invalid-value', 'error', { startLine: 3, startColumn: 9, endLine: 3, endColumn: 10 }],
        ['unknown-key', 'error', { startLine: 4, startColumn: 3, endLine: 4, endColumn: 13 }],
      ],
    );
  });

  test('SARIF and JSON also carry what could not be read; SARIF names files by file: URI when given an absolute path, relative otherwise', () => {
    const path = write('sarif2/.tinyforge.yml', 'version: 2\n');
    const missing = join(scratch, 'sarif2/missing.yml');
    const sarif = lint(['--format', 'sarif', path, missing]);
    assert.equal(sarif.code, 2);
    const run = JSON.parse(sarif.stdout).runs[0];
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, pathToFileURL(path).href);
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.deepEqual(
      run.invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => [n.level, n.message.text]),
      [['error', `cannot read ${missing} (ENOENT)`]],
    );
    const relative = JSON.parse(lint(['--format', 'sarif', 'sarif2/.tinyforge.yml']).stdout).runs[0];
    assert.equal(relative.results[0].locations[0].physicalLocation.artifactLocation.uri, 'sarif2/.tinyforge.yml');
    assert.deepEqual(JSON.parse(lint(['--format', 'json', path, missing]).stdout).unreadable, [{ path: missing, reason: 'ENOENT' }]);
  });

  test('--help and --version exit 0', () => {
    assert.equal(lint(['--help']).code, 0);
    assert.match(lint(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  test('every fixture: the CLI reports the same findings as the core and the server', () => {
    const result = lint(['--format', 'json', diagnosticFixtureDir]);
    // Fixture names are not .tinyforge.yml, so the directory search finds none: they are passed one by one below.
    assert.equal(JSON.parse(result.stdout).files.length, 0);
    for (const fixture of loadDiagnosticFixtures()) {
      const run = lint(['--format', 'json', fixture.path]);
      const findings = JSON.parse(run.stdout).files[0].findings as Array<{ code: string; line: number; column: number; endLine: number; endColumn: number; suggestion?: string }>;
      const ranged: RangedFinding[] = findings.map((f) => ({
        code: f.code,
        start: { line: f.line - 1, character: f.column - 1 },
        end: { line: f.endLine - 1, character: f.endColumn - 1 },
        suggestion: f.suggestion,
      }));
      assert.deepEqual(compareFindings(fixture.expected, ranged), { missing: [], unexpected: [] }, fixture.name);
      assert.equal(run.code, fixture.expected.length ? 1 : 0, fixture.name);
    }
  });
});
