import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { GitOpsStatus, LiveSnapshot } from '../../core/src/index';
import type { LiveState } from '../../client/src/liveData';
import { groupOfHeadline, headlineOf, viewGroupOrder } from '../../client/src/state/model';
import { shopApiSnapshot } from '../support/snapshots';

const statuses: GitOpsStatus[] = ['disabled', 'ok', 'no_file', 'fetch_failed', 'invalid'];
const drifts = [0, 1, 3];

/** Every live state a file can be in, for a snapshot. */
function statesOf(snapshot: LiveSnapshot): LiveState[] {
  return [
    { kind: 'live', url: 'u', snapshot },
    { kind: 'offline', url: 'u', reason: 'down', since: new Date(0), last: snapshot },
  ];
}

describe('the state model: one headline from every input, and never "in sync" beside drift', () => {
  test('every combination of status, branch drift and the text\'s drift: "in-sync" only when both are none', () => {
    let combinations = 0;
    for (const status of statuses) {
      for (const branch of drifts) {
        for (const buffer of drifts) {
          const snapshot = shopApiSnapshot({ status, branchDrift: Array.from({ length: branch }, (_, index) => ({ field: `f${index}`, repo_value: '1', live_value: '2' })) });
          for (const state of statesOf(snapshot)) {
            combinations++;
            const headline = headlineOf(state, buffer);
            const live = headline.kind === 'offline' ? headline.last : headline;
            if (live?.kind === 'in-sync') assert.deepEqual([status, branch, buffer], ['ok', 0, 0], `in sync with ${branch} branch and ${buffer} text drift`);
            if (status === 'ok' && branch > 0) assert.deepEqual(live, { kind: 'drifted', fields: branch });
            if (status === 'ok' && branch === 0 && buffer > 0) assert.deepEqual(live, { kind: 'edited', fields: buffer, commit: '4b2d0c1e' });
            // The same inputs give the same headline: the model keeps nothing between calls.
            assert.deepEqual(headlineOf(state, buffer), headline);
          }
        }
      }
    }
    assert.equal(combinations, statuses.length * drifts.length * drifts.length * 2);
  });

  test('states without live data say what they are, never a drift state', () => {
    assert.deepEqual(headlineOf(undefined, 2), { kind: 'checking' });
    assert.deepEqual(headlineOf({ kind: 'restricted' }, 2), { kind: 'restricted' });
    assert.deepEqual(headlineOf({ kind: 'signed-out', url: 'u' }, 2), { kind: 'signed-out' });
    assert.deepEqual(headlineOf({ kind: 'offline', url: 'u', reason: 'down', since: new Date(0) }, 2), { kind: 'offline', reason: 'down', since: new Date(0), last: undefined, lastFetchedAt: undefined });
  });

  test('the Tinyforge view\'s group for an open file follows the same headline: never "In sync" with drift in the text or on the branch', () => {
    for (const status of statuses) {
      for (const branch of drifts) {
        for (const buffer of drifts) {
          const snapshot = shopApiSnapshot({ status, branchDrift: Array.from({ length: branch }, (_, index) => ({ field: `f${index}`, repo_value: '1', live_value: '2' })) });
          for (const state of statesOf(snapshot)) {
            const group = groupOfHeadline(headlineOf(state, buffer));
            assert.ok(group && viewGroupOrder.includes(group), `${status}/${branch}/${buffer}: a group the view draws`);
            if (group === 'in_sync') assert.deepEqual([status, branch, buffer], ['ok', 0, 0]);
            if (status === 'ok') assert.equal(group, branch ? 'drifted' : buffer ? 'edited' : 'in_sync');
            else assert.equal(group, status === 'disabled' ? 'disabled' : status);
          }
        }
      }
    }
    // Without live data the headline says nothing of the workload: the view's own answer stands.
    for (const state of [undefined, { kind: 'restricted' } as const, { kind: 'signed-out', url: 'u' } as const, { kind: 'offline', url: 'u', reason: 'down', since: new Date(0) } as const]) {
      assert.equal(groupOfHeadline(headlineOf(state, 1)), undefined);
    }
  });
});
