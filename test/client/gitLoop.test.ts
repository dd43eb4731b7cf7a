// From edit to applied against a fake of the Git extension's repository: where a file stands, each step's refusals,
// and the whole flow cancelled at each step; the wait for Tinyforge on Node's mock clock.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { describeFieldChanges } from '../../core/src/fieldChanges';
import type { GitBranch, GitChange, GitRepository, GitRepositoryState } from '../../client/src/git/gitApi';
import { commitMessageFor, runLoop, type LoopPorts, type LoopSteps } from '../../client/src/git/loop';
import { standingOf } from '../../client/src/git/standing';
import { commitFile, pushBranch, waitUntilSeen } from '../../client/src/git/steps';
import { shopApiSnapshot } from '../support/snapshots';

const root = '/work/shop-api';
const file = `${root}/.tinyforge.yml`;
const uri = (path: string) => ({ fsPath: path, toString: () => `file://${path}` });
const change = (path: string): GitChange => ({ uri: uri(path) });

interface Fake extends GitRepository {
  state: GitRepositoryState & { HEAD: GitBranch | undefined; indexChanges: GitChange[]; workingTreeChanges: GitChange[]; mergeChanges: GitChange[] };
  calls: string[];
  /** What the next push throws, if anything. */
  pushError?: unknown;
  commitError?: unknown;
  /** Changes on disk the fake's state shows only after `status()`. */
  unreadChanges?: GitChange[];
  /** The file's text at HEAD and in the working tree. */
  headText?: string;
}

/** A repository on main, level with origin/main at c1; the Tinyforge file edited in the working tree. */
function fakeRepository(overrides: Partial<Fake['state']> = {}): Fake {
  let commits = 1;
  const repository: Fake = {
    rootUri: uri(root),
    calls: [],
    headText: 'version: 1\ndeploy:\n  port: 8080\n',
    state: {
      HEAD: { type: 0, name: 'main', commit: 'c1', upstream: { remote: 'origin', name: 'main', commit: 'c1' }, ahead: 0, behind: 0 },
      remotes: [{ name: 'origin', fetchUrl: 'https://git.example.com/acme/shop-api.git' }],
      rebaseCommit: undefined,
      mergeChanges: [],
      indexChanges: [],
      workingTreeChanges: [change(file)],
      onDidChange: () => ({ dispose() {} }),
      ...overrides,
    },
    async show() {
      if (repository.headText === undefined) throw new Error('fatal: path does not exist in HEAD');
      return repository.headText;
    },
    async add(paths) {
      repository.calls.push(`add ${paths.join(' ')}`);
      for (const path of paths) {
        repository.state.workingTreeChanges = repository.state.workingTreeChanges.filter((c) => c.uri.fsPath !== path);
        if (!repository.state.indexChanges.some((c) => c.uri.fsPath === path)) repository.state.indexChanges.push(change(path));
      }
    },
    async commit(message) {
      repository.calls.push(`commit ${message}`);
      if (repository.commitError) throw repository.commitError;
      const head = repository.state.HEAD!;
      repository.state.indexChanges = [];
      repository.state.HEAD = { ...head, commit: `c${++commits}`, ahead: (head.ahead ?? 0) + 1 };
    },
    async push(remote, branch, setUpstream) {
      repository.calls.push(`push ${remote} ${branch}${setUpstream ? ' --set-upstream' : ''}`);
      if (repository.pushError) throw repository.pushError;
      const head = repository.state.HEAD!;
      repository.state.HEAD = { ...head, upstream: { remote: remote!, name: branch!, commit: head.commit }, ahead: 0 };
    },
    async status() {
      // What the working tree holds once read again (a save the extension has not noticed yet).
      if (repository.unreadChanges) repository.state.workingTreeChanges = repository.unreadChanges;
    },
  };
  return repository;
}

const context = (repository: Fake) => ({ repository, filePath: file, workloadBranch: 'main' });

describe('where the file stands', () => {
  const snapshot = shopApiSnapshot({ branchHead: { raw: 'version: 1\n', commitSha: 'c1' }, branchDrift: [{ field: 'deploy.port', repo_value: '8080', live_value: '3000' }] });
  const standing = (overrides: Partial<Fake['state']>, dirty = false, snap = snapshot) => standingOf(fakeRepository(overrides).state, file, dirty, snap);
  const level = { workingTreeChanges: [] };

  test('not committed: the file differs from HEAD on disk, in the index, or in an unsaved buffer', () => {
    assert.deepEqual(standing({}), { kind: 'not-committed' });
    assert.deepEqual(standing({ workingTreeChanges: [], indexChanges: [change(file)] }), { kind: 'not-committed' });
    assert.deepEqual(standing(level, true), { kind: 'not-committed' });
    assert.notDeepEqual(standing({ workingTreeChanges: [change(`${root}/README.md`)] }), { kind: 'not-committed' }, 'another file does not count');
  });

  test('committed, not pushed (n ahead, or no upstream yet); behind; pushed and waiting; ready to Sync; applied', () => {
    const head = { type: 0, name: 'main', commit: 'c2', upstream: { remote: 'origin', name: 'main' }, ahead: 1, behind: 0 };
    assert.deepEqual(standing({ ...level, HEAD: head }), { kind: 'not-pushed', ahead: 1 });
    assert.deepEqual(standing({ ...level, HEAD: { type: 0, name: 'main', commit: 'c2' } }), { kind: 'not-pushed' });
    assert.deepEqual(standing({ ...level, HEAD: { ...head, ahead: 1, behind: 2 } }), { kind: 'behind', behind: 2, upstream: 'origin/main' });
    assert.deepEqual(standing({ ...level, HEAD: { ...head, ahead: 0 } }), { kind: 'waiting', pushed: 'c2', seen: 'c1' });
    assert.deepEqual(standing(level), { kind: 'ready', commit: 'c1' });
    assert.deepEqual(standing(level, false, { ...snapshot, branchDrift: [] }), { kind: 'applied', commit: 'c1' });
    assert.deepEqual(standing(level, false, { ...snapshot, status: 'no_file', branchHead: undefined }), { kind: 'waiting', pushed: 'c1', seen: undefined });
  });

  test('on another branch, detached, and a merge or rebase under way come before everything else', () => {
    assert.deepEqual(standing({ HEAD: { type: 0, name: 'feature', commit: 'c1' } }), { kind: 'other-branch', local: 'feature', workload: 'main' });
    assert.deepEqual(standing({ HEAD: { type: 0, commit: 'c1' } }), { kind: 'detached' });
    assert.deepEqual(standing({ mergeChanges: [change(file)] }), { kind: 'busy', operation: 'merge' });
    assert.deepEqual(standing({ rebaseCommit: { hash: 'c0' } }), { kind: 'busy', operation: 'rebase' });
    assert.equal(standing({ HEAD: undefined }), undefined, 'an empty repository has no standing');
  });
});

describe('commit the file', () => {
  test('stages and commits the Tinyforge file only', async () => {
    const repository = fakeRepository();
    assert.deepEqual(await commitFile(context(repository), 'tinyforge: port 8080 → 3000'), { kind: 'done', commit: 'c2', changed: true });
    assert.deepEqual(repository.calls, [`add ${file}`, 'commit tinyforge: port 8080 → 3000']);
  });

  test('refuses, changing nothing, when other files are staged (and names them), on another branch, detached, or mid-merge', async () => {
    const cases: Array<[Partial<Fake['state']>, object]> = [
      [{ indexChanges: [change(`${root}/src/app.ts`), change(`${root}/README.md`)] }, { kind: 'other-staged', files: ['src/app.ts', 'README.md'] }],
      [{ HEAD: { type: 0, name: 'feature', commit: 'c1' } }, { kind: 'other-branch', local: 'feature', workload: 'main' }],
      [{ HEAD: { type: 0, commit: 'c1' } }, { kind: 'detached' }],
      [{ mergeChanges: [change(`${root}/a`)] }, { kind: 'busy', operation: 'merge' }],
      [{ rebaseCommit: { hash: 'c0' } }, { kind: 'busy', operation: 'rebase' }],
    ];
    for (const [overrides, refusal] of cases) {
      const repository = fakeRepository(overrides);
      assert.deepEqual(await commitFile(context(repository), 'm'), refusal);
      assert.deepEqual(repository.calls, [], JSON.stringify(refusal));
    }
  });

  test('a file with nothing to commit is no error; a failed commit says what git said', async () => {
    const clean = fakeRepository({ workingTreeChanges: [] });
    assert.deepEqual(await commitFile(context(clean), 'm'), { kind: 'done', commit: 'c1', changed: false });
    assert.deepEqual(clean.calls, []);
    const failing = fakeRepository();
    failing.commitError = { message: 'Failed to execute git', stderr: 'Author identity unknown\n\n*** Please tell me who you are.' };
    assert.deepEqual(await commitFile(context(failing), 'm'), { kind: 'commit-failed', detail: 'Author identity unknown *** Please tell me who you are.' });
  });
});

describe('push the branch', () => {
  test("pushes the workload's branch to its upstream, or to origin setting it; nothing when level", async () => {
    const ahead = fakeRepository({ workingTreeChanges: [], HEAD: { type: 0, name: 'main', commit: 'c2', upstream: { remote: 'origin', name: 'main' }, ahead: 1, behind: 0 } });
    assert.deepEqual(await pushBranch(context(ahead)), { kind: 'done', commit: 'c2', changed: true });
    assert.deepEqual(ahead.calls, ['push origin main']);
    const unpublished = fakeRepository({ workingTreeChanges: [], HEAD: { type: 0, name: 'main', commit: 'c2' } });
    await pushBranch(context(unpublished));
    assert.deepEqual(unpublished.calls, ['push origin main --set-upstream']);
    const level = fakeRepository({ workingTreeChanges: [] });
    assert.deepEqual(await pushBranch(context(level)), { kind: 'done', commit: 'c1', changed: false });
    assert.deepEqual(level.calls, []);
  });

  test('a rejected push says so and is never forced; known to be behind, it is not tried', async () => {
    const rejected = fakeRepository({ HEAD: { type: 0, name: 'main', commit: 'c2', upstream: { remote: 'origin', name: 'main' }, ahead: 1, behind: 0 } });
    rejected.pushError = { gitErrorCode: 'PushRejected', stderr: 'To /srv/git/shop-api.git\n ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs' };
    const refusal = await pushBranch(context(rejected));
    assert.deepEqual(refusal, { kind: 'push-rejected', detail: '! [rejected]        main -> main (fetch first) error: failed to push some refs' });
    assert.deepEqual(rejected.calls, ['push origin main'], 'one push, no force');
    // The reason of a rejection and the remote: lines are the remote's text: shown, never acted on or rendered.
    const hostile = fakeRepository({ HEAD: { type: 0, name: 'main', commit: 'c2', upstream: { remote: 'origin', name: 'main' }, ahead: 1, behind: 0 } });
    hostile.pushError = { gitErrorCode: 'PushRejected', stderr: ` ! [remote rejected] main -> main (see [docs](command:workbench.action.terminal.sendSequence) \u001b]0;owned\u0007 $(alert) ${'x'.repeat(600)})` };
    const hostileRefusal = (await pushBranch(context(hostile))) as { detail: string };
    assert.doesNotMatch(hostileRefusal.detail, /[\u0000-\u001f]|\]\(|\$\(/, 'no escape, no Markdown link, no theme icon');
    assert.match(hostileRefusal.detail, /\\x1b\]0;owned\\x07/);
    assert.ok(hostileRefusal.detail.length <= 400 && hostileRefusal.detail.endsWith('…'), `cut with an ellipsis: ${hostileRefusal.detail.length}`);
    const behind = fakeRepository({ HEAD: { type: 0, name: 'main', commit: 'c2', upstream: { remote: 'origin', name: 'main' }, ahead: 1, behind: 3 } });
    assert.deepEqual(await pushBranch(context(behind)), { kind: 'behind', behind: 3, upstream: 'origin/main' });
    assert.deepEqual(behind.calls, []);
    const noRemote = fakeRepository({ remotes: [], HEAD: { type: 0, name: 'main', commit: 'c2' } });
    assert.deepEqual(await pushBranch(context(noRemote)), { kind: 'no-remote' });
  });
});

describe('wait for Tinyforge to see the push (mock clock)', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'] }));
  afterEach(() => mock.timers.reset());
  const clock = { now: () => Date.now(), setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout) };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  async function advance(ms: number): Promise<void> {
    // Each look's answer settles before the clock moves, as it would in real time.
    for (let i = 0; i < ms / 100; i++) {
      await settle();
      mock.timers.tick(100);
    }
    await settle();
  }

  test('looks at once, then after 1, 2, 4 s: seen at the fourth look, 7 s after the push', async () => {
    const looks: number[] = [];
    const start = Date.now();
    const answers = ['c1', 'c1', 'c1', 'c2'];
    const done = waitUntilSeen('c2', async () => (looks.push(Date.now() - start), answers.shift()), { boundMs: 120_000, clock, signal: new AbortController().signal });
    await advance(10_000);
    assert.deepEqual(await done, { kind: 'seen' });
    assert.deepEqual(looks, [0, 1000, 3000, 7000]);
  });

  test('gives up at the bound (2 minutes) with what Tinyforge saw last: 12 looks, the last one on the bound', async () => {
    let looks = 0;
    const start = Date.now();
    let last = 0;
    const done = waitUntilSeen('c2', async () => (looks++, (last = Date.now() - start), 'c1'), { boundMs: 120_000, clock, signal: new AbortController().signal });
    await advance(125_000);
    const outcome = await done;
    assert.deepEqual({ ...outcome, waitedMs: undefined }, { kind: 'not-seen', pushed: 'c2', seen: 'c1', waitedMs: undefined, lastError: undefined });
    assert.equal(last, 120_000);
    assert.equal(looks, 12);
  });

  test('a failed look counts as not seen yet; a cancel stops the wait at once', async () => {
    const controller = new AbortController();
    let looks = 0;
    const done = waitUntilSeen('c2', async () => {
      looks++;
      throw new Error('Could not reach http://127.0.0.1:1');
    }, { boundMs: 120_000, clock, signal: controller.signal });
    await advance(4000);
    controller.abort();
    await settle();
    assert.deepEqual(await done, { kind: 'cancelled', pushed: 'c2', seen: undefined });
    assert.equal(looks, 3);
  });
});

describe('the whole flow: commit, push, wait, Sync', () => {
  function ports(repository: Fake, overrides: Partial<LoopPorts> = {}): LoopPorts & { log: string[] } {
    const log: string[] = [];
    return {
      log,
      context: context(repository),
      save: async () => (log.push('save'), true),
      texts: async () => ({ head: repository.headText, now: 'version: 1\ndeploy:\n  port: 3000\n  max_instances: 4\n' }),
      askMessage: async (prefill) => (log.push(`ask ${prefill}`), prefill),
      look: async () => repository.state.HEAD?.upstream?.commit,
      sync: async (commit) => (log.push(`sync ${commit}`), 'synced'),
      isAdmin: true,
      trusted: true,
      boundMs: 120_000,
      clock: { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
      signal: new AbortController().signal,
      onStep: (step) => log.push(step),
      describeChanges: describeFieldChanges,
      ...overrides,
    };
  }
  const all: LoopSteps = { commit: true, push: true, sync: true };

  test('the message names the changed fields; the pushed commit is what Sync expects', async () => {
    const repository = fakeRepository({ HEAD: { type: 0, name: 'main', commit: 'c1', upstream: { remote: 'origin', name: 'main', commit: 'c1' }, ahead: 0, behind: 0 } });
    repository.headText = 'version: 1\ndeploy:\n  port: 8080\n  max_instances: 2\n';
    const flow = ports(repository);
    const outcome = await runLoop(flow, all);
    assert.deepEqual(outcome, { kind: 'done', progress: { committed: 'c2', pushed: 'c2', seen: true }, synced: 'synced' });
    assert.deepEqual(flow.log, ['save', 'ask tinyforge: port 8080 → 3000, max_instances 2 → 4', 'commit', 'push', 'wait', 'sync', 'sync c2']);
    assert.deepEqual(repository.calls, [`add ${file}`, 'commit tinyforge: port 8080 → 3000, max_instances 2 → 4', 'push origin main']);
  });

  test('a viewer commits and pushes, and is told Sync needs an admin', async () => {
    const repository = fakeRepository();
    const flow = ports(repository, { isAdmin: false });
    assert.deepEqual(await runLoop(flow, all), { kind: 'done', progress: { committed: 'c2', pushed: 'c2', seen: true }, needsAdmin: true });
    assert.ok(!flow.log.some((line) => line.startsWith('sync')));
  });

  test('cancel at each step leaves the repository as that step left it', async () => {
    // At the message: nothing committed.
    const atMessage = fakeRepository();
    assert.deepEqual(await runLoop(ports(atMessage, { askMessage: async () => undefined }), all), { kind: 'cancelled', at: 'message', progress: {} });
    assert.deepEqual(atMessage.calls, []);
    // During the commit: it is made, nothing is pushed.
    const duringCommit = fakeRepository();
    const commitCancel = new AbortController();
    const commitPorts = ports(duringCommit, { signal: commitCancel.signal, onStep: (step) => step === 'commit' && commitCancel.abort() });
    assert.deepEqual(await runLoop(commitPorts, all), { kind: 'cancelled', at: 'commit', progress: { committed: 'c2' } });
    assert.deepEqual(duringCommit.calls.map((call) => call.split(' ')[0]), ['add', 'commit']);
    // During the push: it is pushed, nothing is synced.
    const duringPush = fakeRepository();
    const pushCancel = new AbortController();
    const pushPorts = ports(duringPush, { signal: pushCancel.signal, onStep: (step) => step === 'push' && pushCancel.abort() });
    assert.deepEqual(await runLoop(pushPorts, all), { kind: 'cancelled', at: 'push', progress: { committed: 'c2', pushed: 'c2' } });
    // During the wait: pushed, not seen, not synced.
    const duringWait = fakeRepository();
    const waitCancel = new AbortController();
    const waitPorts = ports(duringWait, { signal: waitCancel.signal, look: async () => (waitCancel.abort(), 'c1') });
    assert.deepEqual(await runLoop(waitPorts, all), { kind: 'cancelled', at: 'wait', progress: { committed: 'c2', pushed: 'c2' } });
    assert.ok(!waitPorts.log.some((line) => line.startsWith('sync')));
    // At the Sync modal: seen, not synced.
    const atSync = fakeRepository();
    assert.deepEqual(await runLoop(ports(atSync, { sync: async () => 'declined' }), all), { kind: 'cancelled', at: 'sync', progress: { committed: 'c2', pushed: 'c2', seen: true } });
  });

  test('a refusal stops the flow before anything changes; a rejected push syncs nothing', async () => {
    const untrusted = fakeRepository();
    const untrustedFlow = ports(untrusted, { trusted: false });
    assert.deepEqual(await runLoop(untrustedFlow, all), { kind: 'refused', refusal: { kind: 'untrusted' }, progress: {} });
    assert.deepEqual([untrusted.calls, untrustedFlow.log], [[], []]);
    const otherBranch = fakeRepository({ HEAD: { type: 0, name: 'feature', commit: 'c1' } });
    const flow = ports(otherBranch);
    assert.deepEqual(await runLoop(flow, all), { kind: 'refused', refusal: { kind: 'other-branch', local: 'feature', workload: 'main' }, progress: {} });
    assert.deepEqual(flow.log, [], 'not even saved');
    const rejected = fakeRepository();
    rejected.pushError = { gitErrorCode: 'PushRejected', message: 'rejected' };
    const rejectedFlow = ports(rejected);
    const outcome = await runLoop(rejectedFlow, all);
    assert.equal(outcome.kind, 'refused');
    assert.deepEqual(outcome.kind === 'refused' && [outcome.refusal.kind, outcome.progress], ['push-rejected', { committed: 'c2' }]);
    assert.ok(!rejectedFlow.log.some((line) => line.startsWith('sync') || line === 'wait'));
  });

  test('a file saved just now counts as changed: the working tree is read again before the commit step looks', async () => {
    const repository = fakeRepository({ workingTreeChanges: [] });
    repository.unreadChanges = [change(file)];
    const outcome = await runLoop(ports(repository), { commit: true, push: false, sync: false });
    assert.deepEqual(outcome, { kind: 'done', progress: { committed: 'c2' } });
  });

  test('each step alone: commit only, push only', async () => {
    const commitOnly = fakeRepository();
    assert.deepEqual(await runLoop(ports(commitOnly), { commit: true, push: false, sync: false }), { kind: 'done', progress: { committed: 'c2' } });
    assert.deepEqual(commitOnly.calls.map((call) => call.split(' ')[0]), ['add', 'commit']);
    const pushOnly = fakeRepository({ workingTreeChanges: [], HEAD: { type: 0, name: 'main', commit: 'c2', upstream: { remote: 'origin', name: 'main' }, ahead: 1, behind: 0 } });
    assert.deepEqual(await runLoop(ports(pushOnly), { commit: false, push: true, sync: false }), { kind: 'done', progress: { pushed: 'c2' } });
    assert.deepEqual(pushOnly.calls, ['push origin main']);
  });

  test('the prefilled message for a new file, and for a change that touches no field', () => {
    assert.equal(commitMessageFor(describeFieldChanges(undefined, 'version: 1\ndeploy:\n  port: 3000\n'), true), 'tinyforge: add the GitOps file (port ∅ → 3000)');
    assert.equal(commitMessageFor(describeFieldChanges('version: 1\n# a\ndeploy:\n  port: 1\n', 'version: 1\ndeploy:\n  port: 1\n'), false), 'tinyforge: update the GitOps file');
    assert.equal(describeFieldChanges('version: 1\ndeploy:\n  port: 1\n  healthcheck: /h\n', 'version: 1\ndeploy:\n  port: 2\n'), 'port 1 → 2, healthcheck /h → ∅');
  });
});
