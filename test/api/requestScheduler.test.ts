import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { RequestScheduler } from '../../api/src/requestScheduler';

/** Lets promise callbacks run (setImmediate is not mocked). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A fetch the test answers by hand, counting how often it was started. */
function manualFetch<T>() {
  const calls: Array<{ resolve(value: T): void; reject(error: unknown): void }> = [];
  return {
    calls,
    fetch: () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject })),
  };
}

describe('the request scheduler, on a mock clock', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  test('at most 4 requests in flight; the fifth starts when one is answered', async () => {
    const scheduler = new RequestScheduler();
    const fetches = Array.from({ length: 10 }, () => manualFetch<number>());
    const answers = fetches.map((one, index) => scheduler.get(`k${index}`, one.fetch, { maxAgeMs: 0 }));
    await settle();
    assert.deepEqual(fetches.map((one) => one.calls.length), [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(scheduler.load, { inFlight: 4, queued: 6 });
    fetches[2].calls[0].resolve(2);
    assert.equal(await answers[2], 2);
    await settle();
    assert.deepEqual(fetches.map((one) => one.calls.length), [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  test('an answer younger than the caller\'s max age is reused; older, it is fetched again; a pending one is joined', async () => {
    const scheduler = new RequestScheduler();
    const one = manualFetch<string>();
    const first = scheduler.get('gitops/wl_a', one.fetch, { maxAgeMs: 300_000 });
    const joined = scheduler.get('gitops/wl_a', one.fetch, { maxAgeMs: 300_000 });
    await settle();
    assert.equal(one.calls.length, 1, 'two callers, one request');
    one.calls[0].resolve('state-1');
    assert.deepEqual(await Promise.all([first, joined]), ['state-1', 'state-1']);
    mock.timers.tick(299_000);
    assert.equal(await scheduler.get('gitops/wl_a', one.fetch, { maxAgeMs: 300_000 }), 'state-1');
    assert.equal(one.calls.length, 1, 'within the TTL: no request');
    // The open file asks with its own, shorter age: the view's answer is too old for it.
    const forFile = scheduler.get('gitops/wl_a', one.fetch, { maxAgeMs: 60_000 });
    await settle();
    assert.equal(one.calls.length, 2);
    one.calls[1].resolve('state-2');
    assert.equal(await forFile, 'state-2');
    mock.timers.tick(2_000);
    assert.equal(await scheduler.get('gitops/wl_a', one.fetch, { maxAgeMs: 300_000 }), 'state-2', 'the file\'s answer serves the view');
  });

  test('a manual refresh (max age 0) fetches even a fresh answer', async () => {
    const scheduler = new RequestScheduler();
    let calls = 0;
    const fetch = async () => ++calls;
    assert.equal(await scheduler.get('list', fetch, { maxAgeMs: 300_000 }), 1);
    assert.equal(await scheduler.get('list', fetch, { maxAgeMs: 300_000 }), 1);
    assert.equal(await scheduler.get('list', fetch, { maxAgeMs: 0, manual: true }), 2);
  });

  test('after a failure the queue pauses 10 s, then 20 s after the next; a success resets it; a manual refresh is not held', async () => {
    const scheduler = new RequestScheduler({ concurrency: 1 });
    const failing = manualFetch<number>();
    const first = scheduler.get('a', failing.fetch, { maxAgeMs: 0 });
    const waiting = manualFetch<number>();
    const second = scheduler.get('b', waiting.fetch, { maxAgeMs: 0 });
    await settle();
    failing.calls[0].reject(new Error('503'));
    await assert.rejects(first, /503/);
    await settle();
    assert.equal(waiting.calls.length, 0, 'held after the failure');
    assert.equal(scheduler.backingOff, true);
    mock.timers.tick(9_999);
    await settle();
    assert.equal(waiting.calls.length, 0);
    mock.timers.tick(1);
    await settle();
    assert.equal(waiting.calls.length, 1, 'sent once the 10 s pause is over');
    waiting.calls[0].reject(new Error('503 again'));
    await assert.rejects(second, /again/);
    const third = manualFetch<number>();
    const thirdAnswer = scheduler.get('c', third.fetch, { maxAgeMs: 0 });
    mock.timers.tick(19_999);
    await settle();
    assert.equal(third.calls.length, 0, 'the second pause doubles');
    const manual = manualFetch<number>();
    const manualAnswer = scheduler.get('d', manual.fetch, { maxAgeMs: 0, manual: true });
    await settle();
    assert.equal(manual.calls.length, 1, 'a manual refresh goes at once');
    manual.calls[0].resolve(4);
    assert.equal(await manualAnswer, 4);
    await settle();
    assert.equal(third.calls.length, 1, 'a success ends the pause for everyone');
    third.calls[0].resolve(3);
    assert.equal(await thirdAnswer, 3);
    assert.equal(scheduler.backingOff, false);
  });

  test('a 429 Retry-After holds everything, manual refreshes too, for as long as it asks', async () => {
    const scheduler = new RequestScheduler({ advise: () => ({ backOff: true, retryAfterMs: 30_000 }) });
    await assert.rejects(scheduler.get('a', () => Promise.reject(new Error('429')), { maxAgeMs: 0 }));
    const manual = manualFetch<number>();
    void scheduler.get('b', manual.fetch, { maxAgeMs: 0, manual: true });
    mock.timers.tick(29_999);
    await settle();
    assert.equal(manual.calls.length, 0);
    mock.timers.tick(1);
    await settle();
    assert.equal(manual.calls.length, 1);
  });

  test('the doubling pause stops at 10 minutes', async () => {
    const scheduler = new RequestScheduler({ concurrency: 1 });
    for (let failure = 0; failure < 8; failure++) {
      const answer = scheduler.get(`f${failure}`, () => Promise.reject(new Error('down')), { maxAgeMs: 0 }).catch((error: Error) => error.message);
      mock.timers.tick(600_000);
      await settle();
      assert.equal(await answer, 'down');
    }
    const next = manualFetch<number>();
    void scheduler.get('after', next.fetch, { maxAgeMs: 0 });
    mock.timers.tick(599_999);
    await settle();
    assert.equal(next.calls.length, 0);
    mock.timers.tick(1);
    await settle();
    assert.equal(next.calls.length, 1, 'sent after 10 minutes, not 21');
  });

  test('the user\'s requests (priority 0) go before the view\'s background ones (priority 1), and a queued request can be moved up', async () => {
    const scheduler = new RequestScheduler({ concurrency: 1 });
    const started: string[] = [];
    const gate = manualFetch<void>();
    void scheduler.get('busy', gate.fetch, { maxAgeMs: 0 });
    for (const key of ['bg1', 'bg2', 'bg3']) void scheduler.get(key, async () => void started.push(key), { maxAgeMs: 0, priority: 1 });
    void scheduler.get('file', async () => void started.push('file'), { maxAgeMs: 0, priority: 0 });
    void scheduler.get('bg3', async () => void started.push('bg3 again'), { maxAgeMs: 0, priority: 0 });
    await settle();
    gate.calls[0].resolve();
    for (let i = 0; i < 10; i++) await settle();
    // bg3, asked for again urgently, joins the urgent ones in the order it was first queued; its second fetch never runs.
    assert.deepEqual(started, ['bg3', 'file', 'bg1', 'bg2']);
  });

  test('a manual refresh that joins a request held by the pause sends it at once', async () => {
    const scheduler = new RequestScheduler({ concurrency: 1 });
    await scheduler.get('down', () => Promise.reject(new Error('503')), { maxAgeMs: 0 }).catch(() => undefined);
    const list = manualFetch<string>();
    const background = scheduler.get('workloads', list.fetch, { maxAgeMs: 0, priority: 1 });
    await settle();
    assert.equal(list.calls.length, 0, 'the view\'s round waits out the pause');
    const manual = scheduler.get('workloads', list.fetch, { maxAgeMs: 0, manual: true });
    await settle();
    assert.equal(list.calls.length, 1, 'the user\'s Refresh does not');
    list.calls[0].resolve('list');
    assert.deepEqual(await Promise.all([background, manual]), ['list', 'list']);
  });

  test('a queued request every caller gave up on is never sent; one somebody still waits for is', async () => {
    const scheduler = new RequestScheduler({ concurrency: 1 });
    const gate = manualFetch<void>();
    void scheduler.get('busy', gate.fetch, { maxAgeMs: 0 });
    const hidden = new AbortController();
    const dropped = manualFetch<string>();
    const kept = manualFetch<string>();
    const droppedAnswer = scheduler.get('gitops/a', dropped.fetch, { maxAgeMs: 0, signal: hidden.signal });
    const keptByView = scheduler.get('gitops/b', kept.fetch, { maxAgeMs: 0, signal: hidden.signal });
    const keptByFile = scheduler.get('gitops/b', kept.fetch, { maxAgeMs: 0 });
    hidden.abort();
    await assert.rejects(droppedAnswer, { name: 'AbortError' });
    await assert.rejects(keptByView, { name: 'AbortError' });
    gate.calls[0].resolve();
    await settle();
    assert.equal(dropped.calls.length, 0, 'nobody wanted it: not sent');
    assert.equal(kept.calls.length, 1, 'the open file still wants it');
    kept.calls[0].resolve('b');
    assert.equal(await keptByFile, 'b');
    assert.deepEqual(scheduler.load, { inFlight: 0, queued: 0 });
  });

  test('once disposed (another server or token), nothing more is sent', async () => {
    const scheduler = new RequestScheduler({ concurrency: 1 });
    const gate = manualFetch<void>();
    void scheduler.get('busy', gate.fetch, { maxAgeMs: 0 });
    const queued = manualFetch<string>();
    const queuedAnswer = scheduler.get('workloads', queued.fetch, { maxAgeMs: 0 });
    scheduler.dispose();
    await assert.rejects(queuedAnswer, { name: 'AbortError' });
    await assert.rejects(scheduler.get('me', queued.fetch, { maxAgeMs: 0 }), { name: 'AbortError' });
    gate.calls[0].resolve();
    await settle();
    assert.equal(queued.calls.length, 0);
  });

  test('after a write, nothing sent before it will do: not the cache, not a request still under way', async () => {
    const scheduler = new RequestScheduler();
    const before = manualFetch<string>();
    const early = scheduler.get('gitops/wl_shop', before.fetch, { maxAgeMs: 60_000 });
    await settle();
    mock.timers.tick(100);
    const wroteAt = Date.now();
    mock.timers.tick(100);
    const after = manualFetch<string>();
    const fresh = scheduler.get('gitops/wl_shop', after.fetch, { maxAgeMs: 60_000, notBefore: wroteAt });
    await settle();
    assert.equal(after.calls.length, 1, 'a new request, not the one sent before the write');
    // The old answer comes last: it must not replace the new one.
    after.calls[0].resolve('after the sync');
    before.calls[0].resolve('before the sync');
    assert.deepEqual(await Promise.all([early, fresh]), ['before the sync', 'after the sync']);
    assert.equal(await scheduler.get('gitops/wl_shop', () => Promise.resolve('unexpected'), { maxAgeMs: 60_000, notBefore: wroteAt }), 'after the sync');
  });

  test('an answer\'s age counts from when its request was sent, so a slow answer never passes for a newer one', async () => {
    const scheduler = new RequestScheduler();
    const slow = manualFetch<string>();
    const answer = scheduler.get('list', slow.fetch, { maxAgeMs: 0 });
    await settle();
    mock.timers.tick(8_000);
    slow.calls[0].resolve('list');
    await answer;
    mock.timers.tick(3_000);
    let sent = 0;
    await scheduler.get('list', async () => String(++sent), { maxAgeMs: 10_000 });
    assert.equal(sent, 1, 'sent 11 s ago, answered 3 s ago: too old for 10 s');
  });
});

