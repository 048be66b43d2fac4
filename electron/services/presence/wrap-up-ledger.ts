/**
 * Which calls an after-call work's wrap-up belongs to: the calls answered since the last one ended (a
 * "stretch"), handed over when it ends; the code and note picked go to them at once, and a required code never
 * picked is recorded as missing when the after-call work ends. The agent's status rules stay in agent-status.ts.
 */
import type { CallSnapshot, CallWrapUp } from '../../../src/shared/domain.ts';

export type WrapUpSink = (callIds: readonly string[], wrapUp: CallWrapUp) => void;

export class WrapUpLedger {
  /** Calls answered since the last one ended: the after-call work that follows is theirs. */
  private readonly stretch = new Set<string>();
  /** The calls the running after-call work is for. */
  private calls: string[] = [];
  private note = '';

  private readonly sink: WrapUpSink | undefined;

  constructor(sink: WrapUpSink | undefined) {
    this.sink = sink;
  }

  callsSeen(calls: readonly CallSnapshot[]): void {
    for (const call of calls) if (call.answeredAt !== undefined) this.stretch.add(call.id);
  }

  /** The last call ended: after-call work (if any) is for the calls of this stretch. */
  stretchEnded(afterCallWork: boolean): void {
    this.calls = afterCallWork ? [...this.stretch] : [];
    this.stretch.clear();
  }

  /** The agent's code (or none) and note, kept with the calls at once so the history shows them. */
  record(chosen: { code: string; label: string } | undefined, note: string): void {
    this.note = note;
    if (this.calls.length === 0) return;
    this.sink?.(this.calls, {
      ...(chosen ? { code: chosen.code, label: chosen.label } : {}),
      ...(note ? { note } : {}),
    });
  }

  /** After-call work is over (`running` false): a required code never picked is recorded as missing. */
  settle(running: boolean, missingRequired: boolean): void {
    if (this.calls.length === 0 || running) return;
    if (missingRequired) this.sink?.(this.calls, { missing: true, ...(this.note ? { note: this.note } : {}) });
    this.calls = [];
    this.note = '';
  }
}
