import type { Clock } from '../../functions/shared/ports';

interface Timer {
  at: number;
  label: string;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * The local cloud's notion of "now". It only moves when told to (`advanceTo`), so Wait states and
 * callback timeouts of weeks pass in milliseconds, deterministically. Node's own timers overflow after
 * 24.8 days; these are just sorted entries, so any horizon works.
 */
export class VirtualClock implements Clock {
  private current: number;
  private timers: Timer[] = [];

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Resolves when the clock reaches `at` (at once if it already has). */
  sleepUntil(at: Date, label: string, opts: { signal?: AbortSignal; onFire?: () => void } = {}): Promise<void> {
    const { signal, onFire } = opts;
    if (at.getTime() <= this.current) {
      onFire?.();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      // onFire runs synchronously with the clock's move, so "is anything running?" is never asked
      // between a timer firing and its work starting.
      const timer: Timer = { at: at.getTime(), label, resolve: () => (onFire?.(), resolve()), reject };
      this.timers.push(timer);
      this.timers.sort((a, b) => a.at - b.at);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error('aborted'));
      });
    });
  }

  /** The earliest pending timer, if any: what "advance to the next milestone" moves to. */
  nextTimer(): { at: Date; label: string } | undefined {
    const t = this.timers[0];
    return t ? { at: new Date(t.at), label: t.label } : undefined;
  }

  pendingTimers(): { at: Date; label: string }[] {
    return this.timers.map((t) => ({ at: new Date(t.at), label: t.label }));
  }

  /** Rejects every pending timer: the local cloud is shutting down. */
  cancelAll(reason: string): void {
    const timers = this.timers;
    this.timers = [];
    for (const t of timers) t.reject(new Error(reason));
  }

  /**
   * Moves to `at`, firing due timers one at a time in order; `settle` runs after each so that work a
   * timer starts (and the timers it sets) happens at the right virtual moment.
   */
  async advanceTo(at: Date, settle: () => Promise<void>): Promise<void> {
    const target = at.getTime();
    if (target < this.current) throw new Error(`The clock cannot go back: it is ${this.now().toISOString()}.`);
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.at);
      next.resolve();
      await settle();
    }
    this.current = target;
    await settle();
  }
}
