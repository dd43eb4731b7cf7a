import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import type { GitOpsState, Me, Workload } from '../../api/src/index';
import { FleetModel, type FleetApi } from '../../client/src/fleet/fleetModel';
import { RequestScheduler, type GetOptions } from '../../api/src/requestScheduler';

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

const workload = (index: number, enabled = true): Workload => ({
  id: `wl_${index}`,
  name: `svc-${index}`,
  source_kind: 'dockerfile',
  source_config: { repo_owner: 'acme', repo_name: 'fleet', branch: 'main', port: 3000 },
  gitops_enabled: enabled,
  gitops_path: `services/${index}/.tinyforge.yml`,
  gitops_last_sync_at: '',
  gitops_commit_sha: '',
});

const state = (drift: number): GitOpsState => ({
  enabled: true,
  path: '.tinyforge.yml',
  status: 'ok',
  message: '',
  commit_sha: 'abc',
  synced_commit_sha: '',
  last_sync_at: '',
  raw: 'version: 1\n',
  drift: Array.from({ length: drift }, () => ({ field: 'deploy.port', repo_value: '8080', live_value: '3000' })),
  managed_fields: ['deploy.port'],
});

/** A server of `count` workloads (every third with GitOps off) behind a real scheduler; states are answered by hand. */
function fakeServer(count: number, failing = new Set<string>()) {
  const scheduler = new RequestScheduler({ advise: () => ({ backOff: false }) });
  const asked: string[] = [];
  const waiting: Array<{ id: string; answer(): void }> = [];
  const workloads = Array.from({ length: count }, (_, index) => workload(index, index % 3 !== 2));
  const api: FleetApi = {
    url: 'https://forge.example.com',
    me: (options: GetOptions) => scheduler.get('me', async (): Promise<Me> => ({ username: 'admin', role: 'admin' }), options),
    workloads: (options: GetOptions) => scheduler.get('workloads', async () => (asked.push('list'), workloads), options),
    workload: (id: string, options: GetOptions) =>
      scheduler.get(`workload/${id}`, async () => {
        asked.push(`workload ${id}`);
        const found = workloads.find((candidate) => candidate.id === id);
        if (!found) throw Object.assign(new Error('404'), { kind: 'not_found' });
        return found;
      }, options),
    gitops: (id: string, options: GetOptions) =>
      scheduler.get(
        `gitops/${id}`,
        () =>
          new Promise<GitOpsState>((resolve, reject) => {
            asked.push(id);
            waiting.push({ id, answer: () => (failing.has(id) ? reject(new Error('403')) : resolve(state(id === 'wl_0' ? 1 : 0))) });
          }),
        options,
      ),
    lastGitops: (id: string) => scheduler.peek(`gitops/${id}`),
  };
  const answerAll = async (): Promise<void> => {
    while (waiting.length) {
      waiting.shift()!.answer();
      await settle();
    }
  };
  return { api, asked, waiting, answerAll, workloads, states: () => asked.filter((entry) => entry !== 'list' && !entry.startsWith('workload ')) };
}

describe('the Tinyforge view\'s model, on a mock clock', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  const model = (api: FleetApi) => new FleetModel({ session: async () => api, ttlMs: () => 300_000, describe: (error) => String(error) });

  test('opening asks for the list once and one state per workload with GitOps on, four at a time', async () => {
    const server = fakeServer(30);
    const fleet = model(server.api);
    fleet.setVisible(true);
    await settle();
    assert.equal(server.asked.filter((entry) => entry === 'list').length, 1);
    assert.equal(server.waiting.length, 4, 'at most 4 in flight');
    await server.answerAll();
    assert.equal(server.states().length, 20, 'the 20 of 30 with GitOps on, none of the 10 without');
    assert.deepEqual(fleet.progress(), { done: 20, total: 20 });
    assert.equal(fleet.all().filter((entry) => entry.group === 'drifted').length, 1);
    fleet.dispose();
  });

  test('hiding the view mid-round sends nothing more of it', async () => {
    const server = fakeServer(30);
    const fleet = model(server.api);
    fleet.setVisible(true);
    await settle();
    for (let i = 0; i < 6; i++) {
      server.waiting.shift()!.answer();
      await settle();
    }
    fleet.setVisible(false);
    await server.answerAll();
    mock.timers.tick(3_600_000);
    await settle();
    assert.ok(server.states().length <= 10, `${server.states().length} states asked; 6 answered and at most 4 in flight when it hid`);
    assert.equal(server.waiting.length, 0);
    fleet.dispose();
  });

  test('while visible and idle, each state is asked for again once per refresh interval, one that starts failing too', async () => {
    const failing = new Set<string>();
    const server = fakeServer(9, failing);
    const fleet = model(server.api);
    fleet.setVisible(true);
    await settle();
    await server.answerAll();
    assert.equal(server.states().length, 6);
    mock.timers.tick(60_000);
    await settle();
    assert.equal(server.states().length, 6, 'nothing within a minute');
    failing.add('wl_1');
    mock.timers.tick(240_000);
    await settle();
    await server.answerAll();
    assert.equal(server.states().length, 12, 'each of the 6 once more after 5 minutes');
    assert.match(fleet.entry('wl_1')!.error ?? '', /403/);
    assert.ok(fleet.entry('wl_1')!.state, 'the last known state is kept, marked');
    // A state that failed is not asked again every 30 s, but after the refresh interval like the rest.
    mock.timers.tick(120_000);
    await settle();
    assert.equal(server.states().length, 12, 'nothing two minutes after the failure');
    mock.timers.tick(180_000);
    await settle();
    await server.answerAll();
    assert.equal(server.states().length, 18);
    fleet.dispose();
  });

  test('a new list and the status it brings are one change, and no state is asked for until the list is on its way to the screen', async () => {
    const server = fakeServer(9);
    let shown: () => void = () => undefined;
    const changes: string[] = [];
    const fleet = new FleetModel({ session: async () => server.api, ttlMs: () => 300_000, describe: String, listShown: () => new Promise<void>((resolve) => (shown = resolve)) });
    fleet.onChange((change) => changes.push(`${change}:${fleet.status.kind}:${fleet.all().length}`));
    fleet.setVisible(true);
    await settle();
    assert.deepEqual(changes, ['status:loading:0', 'status:ready:9'], 'the list arrives with its status, in one change');
    assert.deepEqual(server.states(), [], 'no state before the list is shown');
    shown();
    await settle();
    assert.equal(server.waiting.length, 4);
    await server.answerAll();
    assert.equal(changes.filter((change) => change.startsWith('state')).length, 6, 'then one change per state');
    fleet.dispose();
  });

  test("a workload's refresh (its Refresh, after a Sync) asks for it and its state, not the whole list; one the server no longer has leaves the view", async () => {
    const server = fakeServer(6);
    const fleet = model(server.api);
    fleet.setVisible(true);
    await settle();
    await server.answerAll();
    server.asked.length = 0;
    server.workloads[0] = { ...server.workloads[0], source_config: { ...server.workloads[0].source_config, port: 8080 } };
    const refreshing = fleet.refreshWorkload('wl_0');
    await settle();
    await server.answerAll();
    const entry = await refreshing;
    assert.deepEqual([...server.asked].sort(), ['wl_0', 'workload wl_0'], 'the workload and its state, together');
    assert.equal(entry?.workload.source_config.port, 8080);
    assert.deepEqual(fleet.all().map((item) => item.workload.id), ['wl_0', 'wl_1', 'wl_2', 'wl_3', 'wl_4', 'wl_5'], 'in its place');
    server.workloads.splice(1, 1);
    assert.equal(await fleet.refreshWorkload('wl_1'), undefined);
    assert.deepEqual(fleet.all().map((item) => item.workload.id), ['wl_0', 'wl_2', 'wl_3', 'wl_4', 'wl_5']);
    fleet.dispose();
  });
});
