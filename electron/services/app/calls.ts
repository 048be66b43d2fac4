/**
 * Calls: what the user asks (dial, answer, decline, hang up, mute, hold, keypad, transfers, switch
 * between two calls) checked against the call's state before it reaches the engine, and what the
 * engine reports about each call: shown to the windows first, then written to the call log. An
 * ended call stays on screen for a moment; a ringing call may be answered by itself (auto-answer).
 */
import { callControls, type CallControls } from '../../../src/shared/call-controls.ts';
import { listeningHoldOn } from '../../../src/shared/listening-hold.ts';
import type { DialOutcome } from '../../../src/shared/dial-outcome.ts';
import type { CallSnapshot } from '../../../src/shared/domain.ts';
import { attendedTransferPair, callsToHold, switchPlan } from '../../../src/shared/multi-call.ts';
import type { Logger } from '../log/logger.ts';
import type { AgentService } from '../presence/agent-service.ts';
import { UserFacingError } from '../user-facing-error.ts';
import type { AppStateStore } from './app-state.ts';
import type { CallRecorder } from './call-recorder.ts';
import { decideDial } from './dial-policy.ts';
import type { EngineLink } from './engine-link.ts';
import type { UiBroadcast } from './ports.ts';

export type CallServiceDeps = {
  state: AppStateStore;
  engine: EngineLink;
  agent: AgentService;
  recorder: CallRecorder;
  ui: UiBroadcast;
  now: () => number;
  newId: () => string;
  /** The directory's name for a number we dial, if it is a colleague's. */
  nameOf?: (number: string) => string | undefined;
  /** How long an ended call stays on screen ("Call ended 00:42"). */
  endedCallLingerMs?: number | undefined;
  log: Logger;
};

export class CallService {
  private readonly deps: CallServiceDeps;
  private readonly lingerTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(deps: CallServiceDeps) {
    this.deps = deps;
  }

  /** Every way of dialing ends here: a call, a callback to the mobile (mobile mode), or a refusal. */
  async dial(dialString: string): Promise<DialOutcome> {
    const { state, engine, log } = this.deps;
    const decision = decideDial(dialString, { registration: state.get().registration, agent: state.get().agent });
    if (decision.kind === 'refused') {
      log.info('dial refused', { reason: decision.reason });
      return decision;
    }
    if (decision.kind === 'callback') {
      await this.deps.agent.requestCallback(decision.to);
      log.info('callback to the mobile requested');
      return decision;
    }
    const callId = this.deps.newId();
    // A second call while we talk: the first waits on hold.
    this.holdCalls(callsToHold(state.get().calls, null));
    // The number is dialled now; the engine sends what follows it once the call connects.
    const { target, postDial } = decision;
    engine.send('dial', { callId, target, ...(postDial ? { postDial } : {}), ...this.nameFor(target) });
    return { kind: 'call', callId };
  }

  private nameFor(target: string): { remoteName?: string } {
    const name = this.deps.nameOf?.(target)?.slice(0, 128);
    return name ? { remoteName: name } : {};
  }

  /** A number handed in from outside (link, command line): the UI puts it on the dial pad. */
  showOnDialPad(target: string): void {
    this.deps.ui.broadcast('dialRequest', { target });
  }

  answer(callId: string): void {
    this.requireCall(callId, 'incoming');
    // Call waiting: answering the second call puts the one we talk on on hold.
    this.holdCalls(callsToHold(this.deps.state.get().calls, callId));
    this.deps.engine.send('answer', { callId });
  }

  decline(callId: string): void {
    this.requireCall(callId, 'incoming');
    this.deps.engine.send('decline', { callId });
  }

  hangup(callId: string): void {
    this.requireCall(callId);
    this.deps.engine.send('hangup', { callId });
  }

  mute(callId: string, muted: boolean): void {
    this.requireControl(callId, 'mute');
    this.deps.engine.send('mute', { callId, muted });
  }

  hold(callId: string, held: boolean): void {
    this.requireControl(callId, 'hold');
    this.deps.engine.send('hold', this.holdCommand(callId, held));
  }

  sendDtmf(callId: string, digits: string): void {
    this.requireControl(callId, 'keypad');
    this.deps.engine.send('sendDtmf', { callId, digits });
  }

  sendPendingDigits(callId: string): void {
    this.requireControl(callId, 'sendPending');
    this.deps.engine.send('sendPendingDigits', { callId });
  }

  /** Blind transfer: the engine holds the caller, sends REFER and ends our leg once the target answers. */
  transfer(callId: string, target: string): void {
    this.requireControl(callId, 'transfer');
    this.deps.engine.send('transfer', { callId, target });
  }

  /** Attended transfer, first step: hold the caller and call the target on a consultation call. */
  consult(callId: string, target: string): { callId: string } {
    this.requireControl(callId, 'transfer');
    this.holdCalls(callsToHold(this.deps.state.get().calls, null));
    const consultCallId = this.deps.newId();
    this.deps.engine.send('dial', { callId: consultCallId, target, consultFor: callId, ...this.nameFor(target) });
    return { callId: consultCallId };
  }

  /** "Complete transfer" on a consultation call: REFER with Replaces to the held caller. */
  completeTransfer(consultCallId: string): void {
    this.requireCall(consultCallId);
    const pair = attendedTransferPair(this.deps.state.get().calls, consultCallId);
    if (!pair) throw new UserFacingError('transfer-not-ready', 'Both calls must be up to complete the transfer.');
    this.deps.engine.send('completeTransfer', pair);
  }

  /** "Cancel" on a consultation call: it ends and the held caller is resumed. */
  cancelConsult(consultCallId: string): void {
    const consult = this.requireCall(consultCallId);
    this.deps.engine.send('hangup', { callId: consultCallId });
    const original = consult.consultFor ? this.deps.state.call(consult.consultFor) : undefined;
    if (original?.phase === 'connected' && original.held)
      this.deps.engine.send('hold', { callId: original.id, held: false });
  }

  /** Two calls: this one gets our microphone, the other waits on hold. */
  switchCall(callId: string): void {
    this.requireCall(callId);
    const plan = switchPlan(this.deps.state.get().calls, callId);
    if (!plan) throw new UserFacingError('cannot-switch', 'That call cannot be switched to now.');
    this.holdCalls(plan.hold);
    if (plan.resume) this.deps.engine.send('hold', { callId: plan.resume, held: false });
  }

  /** The engine's report of a call, already validated against the contract. */
  onEngineCall(reported: CallSnapshot): void {
    const { state, recorder } = this.deps;
    const known = state.call(reported.id);
    if (known?.phase === 'ended') return;
    const snapshot = this.withGroupName(reported);
    const calls = known
      ? state.get().calls.map((call) => (call.id === snapshot.id ? snapshot : call))
      : [...state.get().calls, snapshot];
    // The windows first: a call must show even when writing it to the call log fails.
    state.update({ calls });
    this.logChange(known, snapshot);
    recorder.callsUp(state.liveCalls().map((call) => call.id));
    this.deps.agent.callsChanged(calls);
    if (!known && snapshot.phase === 'incoming') this.maybeAutoAnswer(snapshot);
    if (snapshot.phase === 'ended') this.lingerThenForget(snapshot.id);
    if (!known) recorder.record('started', snapshot);
    if (snapshot.phase === 'ended') recorder.record('ended', snapshot);
    else if (known) recorder.record('updated', snapshot);
  }

  /** The engine window is gone: its calls ended with it, for the reason given. */
  endAll(reason: string): void {
    const now = this.deps.now();
    for (const call of this.deps.state.liveCalls()) {
      this.onEngineCall({
        ...call,
        phase: 'ended',
        endedAt: now,
        outcome: call.answeredAt ? 'answered' : 'failed',
        endReason: reason,
      });
    }
  }

  shutdown(): void {
    for (const timer of this.lingerTimers) clearTimeout(timer);
    this.lingerTimers.clear();
    this.deps.recorder.stop();
  }

  /** Auto-answer (company policy or the user's choice): the engine plays a short tone and answers ~1 s later. */
  private maybeAutoAnswer(call: CallSnapshot): void {
    // Not while another call is up: a second caller must not cut into a conversation unasked.
    const others = this.deps.state.liveCalls().some((other) => other.id !== call.id);
    if (others || !this.deps.agent.shouldAutoAnswer()) return;
    this.deps.log.info('auto-answer', { callId: call.id });
    this.deps.engine.send('autoAnswer', { callId: call.id });
  }

  /** A group call: the group's name from the presence snapshot, for the incoming-call screen. */
  private withGroupName(snapshot: CallSnapshot): CallSnapshot {
    if (!snapshot.group || snapshot.groupName) return snapshot;
    const name = this.deps.agent.group(snapshot.group)?.name;
    return name ? { ...snapshot, groupName: name } : snapshot;
  }

  private holdCalls(callIds: string[]): void {
    for (const callId of callIds) this.deps.engine.send('hold', this.holdCommand(callId, true));
  }

  /** Which hold, asked at each Hold: the company's setting when it decides one, else the user's (ADR 0005). */
  private holdCommand(callId: string, held: boolean): { callId: string; held: boolean; listening?: boolean } {
    if (!held) return { callId, held };
    const { agent, audioSettings } = this.deps.state.get();
    return { callId, held, listening: listeningHoldOn(agent?.policy.listeningHold, audioSettings?.listeningHold) };
  }

  private requireCall(callId: string, phase?: CallSnapshot['phase']): CallSnapshot {
    const call = this.deps.state.call(callId);
    if (!call || call.phase === 'ended') throw new UserFacingError('call-ended', 'That call has already ended.');
    if (phase && call.phase !== phase)
      throw new UserFacingError('wrong-phase', `That call is ${call.phase}, not ${phase}.`);
    return call;
  }

  private requireControl(callId: string, control: keyof CallControls): void {
    const call = this.requireCall(callId);
    if (!callControls(call)[control])
      throw new UserFacingError('control-not-available', `That call is ${call.phase}: ${control} does not apply.`);
  }

  private lingerThenForget(callId: string): void {
    const timer = setTimeout(() => {
      this.lingerTimers.delete(timer);
      this.deps.state.update({ calls: this.deps.state.get().calls.filter((call) => call.id !== callId) });
    }, this.deps.endedCallLingerMs ?? 2500);
    this.lingerTimers.add(timer);
  }

  /** Call ids, directions, phases and SIP reasons; never numbers' owners' names or anything said. */
  private logChange(before: CallSnapshot | undefined, call: CallSnapshot): void {
    const transfer = call.transfer;
    if (before?.phase === call.phase && before.transfer?.status === transfer?.status) return;
    this.deps.log.info('call', {
      callId: call.id,
      direction: call.direction,
      phase: call.phase,
      ...(call.outcome ? { outcome: call.outcome } : {}),
      ...(call.endReason ? { endReason: call.endReason } : {}),
      ...(call.waiting ? { waiting: true } : {}),
      ...(call.consultFor ? { consultFor: call.consultFor } : {}),
      ...(call.group ? { group: call.group } : {}),
      ...(transfer ? { transfer: transfer.status, transferKind: transfer.kind } : {}),
      ...(transfer?.reason ? { transferReason: transfer.reason } : {}),
    });
  }
}
