/** Clocks for the emulator: jobs progress by `now()`, never by timers. */

/** The only thing the emulator asks of a clock. */
export interface EmulatorClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** A clock tests move by hand, so jobs finish without sleeping. */
export interface ManualClock extends EmulatorClock {
  /** Moves time forward by `ms` and returns the new time. */
  advance(ms: number): number;
  /** Jumps to an absolute time. */
  set(ms: number): void;
}

/** Wall-clock time. */
export const systemClock: EmulatorClock = { now: () => Date.now() };

/** A manual clock starting at `start` (default: the current wall-clock time). */
export function createManualClock(start: number = Date.now()): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => (t += Math.max(0, ms)),
    set: (ms: number) => {
      t = ms;
    },
  };
}

/**
 * The job clock: the injected clock plus an offset that the admin API
 * (`POST /__emulator/clock/advance`) can grow. Signature dates are checked
 * against the injected clock alone, so advancing jobs never makes a client's
 * `X-Sdk-Date` look stale.
 */
export class JobClock implements EmulatorClock {
  private offsetMs = 0;
  constructor(readonly base: EmulatorClock) {}
  now(): number {
    return this.base.now() + this.offsetMs;
  }
  /** Moves job time forward (the base clock is advanced too when it is manual). */
  advance(ms: number): number {
    const base = this.base as Partial<ManualClock>;
    if (typeof base.advance === 'function') base.advance(ms);
    else this.offsetMs += Math.max(0, ms);
    return this.now();
  }
}
