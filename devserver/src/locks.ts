import { HttpError } from './http';

/** What holds or waits for a workload's lock. */
export type LockPurpose = 'sync' | 'update';

interface Waiter {
  purpose: LockPurpose;
  grant(): void;
}

interface Lane {
  holder: LockPurpose;
  waiters: Waiter[];
}

/**
 * One lock per workload, taken by every write (Sync and PUT …/gitops), so that no answered change is ever lost.
 * A sync is refused with 409 `sync_in_progress` while another sync holds or awaits the lock (contract section 3);
 * anything else waits its turn, at most `waitMs`, then gets that 409 too.
 */
export class WorkloadLocks {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly waitMs: number) {}

  /** Runs `work` holding the lock of workload `id`; the lock is released however `work` ends. */
  async run<T>(id: string, purpose: LockPurpose, work: () => Promise<T>): Promise<T> {
    await this.acquire(id, purpose);
    try {
      return await work();
    } finally {
      this.release(id);
    }
  }

  private acquire(id: string, purpose: LockPurpose): Promise<void> {
    const lane = this.lanes.get(id);
    if (!lane) {
      this.lanes.set(id, { holder: purpose, waiters: [] });
      return Promise.resolve();
    }
    if (purpose === 'sync' && (lane.holder === 'sync' || lane.waiters.some((waiter) => waiter.purpose === 'sync'))) {
      return Promise.reject(new HttpError(409, 'sync_in_progress', 'another sync of this workload is in progress'));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        purpose,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        lane.waiters.splice(lane.waiters.indexOf(waiter), 1);
        reject(new HttpError(409, 'sync_in_progress', `a sync of this workload is in progress (waited ${this.waitMs / 1000} s for it); try again`));
      }, this.waitMs);
      lane.waiters.push(waiter);
    });
  }

  private release(id: string): void {
    const lane = this.lanes.get(id);
    if (!lane) return;
    const next = lane.waiters.shift();
    if (!next) {
      this.lanes.delete(id);
      return;
    }
    lane.holder = next.purpose;
    next.grant();
  }
}
