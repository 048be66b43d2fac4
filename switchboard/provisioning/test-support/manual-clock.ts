import type { Clock } from '../clock.ts';

/** TEST DOUBLE: a clock that moves only when told. */
export class ManualClock implements Clock {
  private ms: number;
  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.ms = start;
  }
  now(): number {
    return this.ms;
  }
  advanceSec(seconds: number): void {
    this.ms += seconds * 1000;
  }
}
