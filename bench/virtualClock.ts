import type { Clock } from '../api/src/clock';

interface Timer {
  due: number;
  order: number;
  callback: () => void;
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

/**
 * A clock whose time moves only when nothing is under way: the view's own scheduling code runs unchanged, real
 * requests take real time (the clock stands still meanwhile), and the idle minutes between rounds take none.
 */
export class VirtualClock implements Clock {
  private time: number;
  private order = 0;
  private readonly timers: Timer[] = [];

  constructor(start = Date.parse('2026-12-01T00:00:00Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer: Timer = { due: this.time + Math.max(0, ms), order: this.order++, callback };
    this.timers.push(timer);
    return timer;
  }

  clearTimeout(handle: unknown): void {
    const index = this.timers.indexOf(handle as Timer);
    if (index >= 0) this.timers.splice(index, 1);
  }

  /** Fires timers in order up to `end` (virtual ms), each once `busy()` is false and promises have settled. */
  async runUntil(end: number, busy: () => boolean): Promise<void> {
    for (;;) {
      do {
        await settle();
        while (busy()) await new Promise((resolve) => setTimeout(resolve, 5));
        await settle();
      } while (busy());
      this.timers.sort((a, b) => a.due - b.due || a.order - b.order);
      const next = this.timers[0];
      if (!next || next.due > end) {
        this.time = end;
        return;
      }
      this.timers.shift();
      this.time = next.due;
      next.callback();
    }
  }
}
