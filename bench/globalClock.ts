// Virtual time for a whole process (bench/dayProbe.ts): the global timers and Date.now move only when no HTTP request
// or child process (git) is under way, so a working day of the extension's own scheduling runs in minutes, and real
// requests keep real time.
import childProcess from 'node:child_process';
import http from 'node:http';

interface VirtualTimer {
  due: number;
  delay: number;
  order: number;
  period?: number;
  callback: () => void;
  active: boolean;
}

const real = { setTimeout, clearTimeout, setImmediate, dateNow: Date.now };

/** A Timeout-like handle, for code that calls unref(), refresh() or hasRef() on what setTimeout returned. */
class Handle {
  constructor(
    readonly timer: VirtualTimer,
    private readonly clock: GlobalVirtualClock,
  ) {}
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  hasRef(): boolean {
    return true;
  }
  refresh(): this {
    this.clock.reschedule(this.timer);
    return this;
  }
  [Symbol.toPrimitive](): number {
    return this.timer.order;
  }
}

/** Installs itself over the globals at construction; HTTP requests in flight are counted through `http.request`. */
export class GlobalVirtualClock {
  private time: number;
  private order = 0;
  private readonly timers = new Set<VirtualTimer>();
  /** HTTP requests sent and not yet closed, and child processes (git, for binding) not yet ended. */
  inFlight = 0;

  constructor(start = Date.parse('2026-12-01T08:00:00Z')) {
    this.time = start;
    const clock = this;
    const schedule = (callback: (...args: unknown[]) => void, ms: number | undefined, args: unknown[], period?: number): Handle => {
      const timer: VirtualTimer = { due: clock.time + Math.max(0, ms ?? 0), delay: Math.max(0, ms ?? 0), order: clock.order++, period, callback: () => callback(...args), active: true };
      clock.timers.add(timer);
      return new Handle(timer, clock);
    };
    const cancel = (handle: unknown): void => {
      if (handle instanceof Handle) {
        handle.timer.active = false;
        clock.timers.delete(handle.timer);
      } else if (handle) real.clearTimeout(handle as NodeJS.Timeout);
    };
    Object.assign(globalThis, {
      setTimeout: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => schedule(callback, ms, args),
      setInterval: (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => schedule(callback, ms, args, Math.max(1, ms ?? 1)),
      clearTimeout: cancel,
      clearInterval: cancel,
    });
    Date.now = () => clock.time;
    const request = http.request;
    (http as { request: typeof http.request }).request = function (this: unknown, ...args: Parameters<typeof http.request>) {
      const sent = request.apply(this, args);
      clock.inFlight++;
      let closed = false;
      sent.once('close', () => {
        if (!closed) clock.inFlight--;
        closed = true;
      });
      return sent;
    } as typeof http.request;
    const execFile = childProcess.execFile;
    (childProcess as { execFile: typeof childProcess.execFile }).execFile = function (this: unknown, ...args: unknown[]) {
      const child = (execFile as (...a: unknown[]) => childProcess.ChildProcess).apply(this, args);
      clock.inFlight++;
      child.once('close', () => clock.inFlight--);
      return child;
    } as typeof childProcess.execFile;
  }

  now(): number {
    return this.time;
  }

  /** A timer's `refresh()`: due again its full delay from now. */
  reschedule(timer: VirtualTimer): void {
    timer.due = this.time + timer.delay;
    timer.order = this.order++;
    if (timer.active) this.timers.add(timer);
  }

  /** Lets promises and I/O callbacks run, then waits (in real time) until no request is under way. */
  private async quiet(): Promise<void> {
    const settle = async (): Promise<void> => {
      for (let i = 0; i < 20; i++) await new Promise((resolve) => real.setImmediate(resolve));
    };
    do {
      await settle();
      while (this.inFlight > 0) await new Promise((resolve) => real.setTimeout(resolve, 5));
      await settle();
    } while (this.inFlight > 0);
  }

  /** Fires timers in order until `end` (virtual ms), each once nothing is under way. */
  async runUntil(end: number): Promise<void> {
    for (;;) {
      await this.quiet();
      let next: VirtualTimer | undefined;
      for (const timer of this.timers) if (!next || timer.due < next.due || (timer.due === next.due && timer.order < next.order)) next = timer;
      if (!next || next.due > end) {
        this.time = end;
        return;
      }
      this.time = Math.max(this.time, next.due);
      if (next.period) next.due = this.time + next.period;
      else this.timers.delete(next);
      next.callback();
    }
  }
}
