import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { RefreshScheduler } from '../../api/src/refreshScheduler';

type Outcome = { failed: boolean; retryAfterSeconds?: number; anyLinked: boolean };

/** A scheduler whose refreshes answer from a script, on Node's mock clock; records when each refresh ran. */
function harness(outcomes: Outcome[], intervalSeconds = 60) {
  const times: number[] = [];
  let now = 0;
  const scheduler = new RefreshScheduler(async () => {
    times.push(now);
    return outcomes.shift() ?? { failed: false, anyLinked: false };
  }, () => intervalSeconds);
  const advance = async (ms: number) => {
    now += ms;
    mock.timers.tick(ms);
    // Let the refresh promise settle and re-arm the timer.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { scheduler, times, advance };
}

describe('refresh scheduling', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  test('every interval while a linked file is open; stops when none is', async () => {
    const { scheduler, times, advance } = harness([{ failed: false, anyLinked: true }, { failed: false, anyLinked: false }]);
    scheduler.ensureRunning();
    await advance(60_000);
    await advance(60_000);
    await advance(600_000);
    assert.deepEqual(times, [60_000, 120_000]);
    scheduler.dispose();
  });

  test('doubles the wait after each failure (up to 10 minutes), and resets after a success', async () => {
    const failure = { failed: true, anyLinked: true };
    const { scheduler, times, advance } = harness([failure, failure, failure, failure, { failed: false, anyLinked: true }, { failed: false, anyLinked: false }]);
    scheduler.ensureRunning();
    for (let i = 0; i < 80; i++) await advance(30_000);
    const gaps = times.map((time, i) => time - (i ? times[i - 1] : 0));
    assert.deepEqual(gaps, [60_000, 120_000, 240_000, 480_000, 600_000, 60_000]);
    assert.equal(scheduler.backingOff, false);
    scheduler.dispose();
  });

  test('honours a 429 Retry-After longer than the interval', async () => {
    const { scheduler, times, advance } = harness([{ failed: false, anyLinked: false }]);
    scheduler.schedule({ failed: true, retryAfterSeconds: 300, anyLinked: true });
    assert.equal(scheduler.backingOff, true);
    await advance(299_000);
    assert.deepEqual(times, []);
    await advance(1_000);
    assert.deepEqual(times, [300_000]);
    scheduler.dispose();
  });

  test('an interval below 10 s is raised to 10 s', async () => {
    const { scheduler, times, advance } = harness([{ failed: false, anyLinked: false }], 1);
    scheduler.ensureRunning();
    await advance(9_000);
    assert.deepEqual(times, []);
    await advance(1_000);
    assert.deepEqual(times, [10_000]);
    scheduler.dispose();
  });

  test('a round that throws (a mistyped CA path, a stopped language server) backs off and keeps polling', async () => {
    const times: number[] = [];
    let now = 0;
    let calls = 0;
    const scheduler = new RefreshScheduler(async () => {
      times.push(now);
      calls++;
      if (calls === 1) throw new Error('ENOENT: no such file or directory');
      return { failed: false, anyLinked: true };
    }, () => 60);
    const advance = async (ms: number) => {
      now += ms;
      mock.timers.tick(ms);
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    scheduler.ensureRunning();
    await advance(60_000);
    assert.equal(scheduler.backingOff, true);
    await advance(120_000);
    await advance(60_000);
    assert.deepEqual(times, [60_000, 180_000, 240_000]);
    scheduler.dispose();
  });

  test('a round still running at dispose (the extension deactivating) does not start the timer again', async () => {
    let finish: (outcome: Outcome) => void = () => undefined;
    let calls = 0;
    const scheduler = new RefreshScheduler(() => {
      calls++;
      return new Promise<Outcome>((resolve) => (finish = resolve));
    }, () => 60);
    scheduler.ensureRunning();
    mock.timers.tick(60_000);
    assert.equal(calls, 1);
    scheduler.dispose();
    finish({ failed: false, anyLinked: true });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    mock.timers.tick(600_000);
    assert.equal(calls, 1);
  });
});
