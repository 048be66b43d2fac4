/**
 * What a test file started, to be stopped in reverse order: the last step started is the first
 * stopped, and what one step started together (apps and phones) stops together. Every stop is
 * tried even when an earlier one fails; the failures are reported together at the end.
 */
export class Teardown {
  private readonly steps: Array<Array<() => Promise<void>>> = [];

  /** Starts a step: what is added until the next step stops together, after every later step. */
  step(): this {
    this.steps.push([]);
    return this;
  }

  /** Adds a stop to the current step (a step of its own if none was started). */
  add(stop: () => Promise<void>): void {
    if (this.steps.length === 0) this.step();
    this.steps.at(-1)!.push(stop);
  }

  /** Stops everything added so far, newest step first; throws once at the end if any stop failed. */
  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      const results = await Promise.allSettled(step.map((stop) => stop()));
      for (const result of results) if (result.status === 'rejected') failures.push(result.reason);
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `${failures.length} things failed to stop`);
  }
}
