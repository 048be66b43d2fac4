/**
 * One JsSIP session's events, as the engine's call events: what JsSIP emits (progress, answer,
 * hold both ways, DTMF, the end and why) becomes a CallEvent for call-state.ts, and the moments
 * the engine acts on (a media connection, the call confirmed, a transfer) are handed on. Also
 * decides, under ice-ready-policy.ts, when our INVITE or answer may go out with the ICE
 * candidates gathered so far.
 */
import type { DTMFListener, RTCSession } from 'jssip/lib/RTCSession.js';
import type { CallEvent } from './call-state.ts';
import type { ReferEvent, ReplacesEvent } from './call-transfers.ts';
import { permissionOfPhrase } from '../../lib/call-permission-refusal.ts';
import { causeOfReasonHeader } from '../shared/end-reasons.ts';
import { alignTelephoneEvents } from './dtmf-sdp.ts';
import { engineLog } from './engine-log.ts';
import { candidateKind, DEFAULT_ICE_CAP_MS, shouldSendWithCandidates, type CandidateKind } from './ice-ready-policy.ts';

export type SessionHandlers = {
  event(event: CallEvent): void;
  /** JsSIP has just (un)muted every sender track, or the call was answered: put our outgoing audio right. */
  media(): void;
  connection(connection: RTCPeerConnection): void;
  confirmed(): void;
  refer(event: ReferEvent): void;
  replaces(event: ReplacesEvent): void;
};

/**
 * When the INVITE or 200 OK goes out: 'policy' (the default, what the app ships) per
 * ice-ready-policy.ts; 'complete' is stock JsSIP, waiting for ICE gathering to complete,
 * kept only so the call benchmark can compare the two.
 */
export type IceGathering = 'policy' | 'complete';

export type SessionOptions = {
  iceGathering: IceGathering;
  now(): number;
  /** For the log. */
  callId: string;
};

export function followSession(session: RTCSession, on: SessionHandlers, options: SessionOptions): void {
  const startedAt = options.now();
  const kinds: CandidateKind[] = [];
  session.on('peerconnection', ({ peerconnection }) => on.connection(peerconnection));
  if (session.connection) on.connection(session.connection);
  if (options.iceGathering === 'policy') {
    session.on('icecandidate', ({ candidate, ready }) => {
      const kind = candidateKind(candidate);
      if (kind) kinds.push(kind);
      const elapsedMs = options.now() - startedAt;
      if (shouldSendWithCandidates(kinds, elapsedMs, { hasIceServers: false, capMs: DEFAULT_ICE_CAP_MS })) ready();
    });
  }
  // JsSIP hands the far side's SDP to the connection after this event, as the handler left it.
  session.on('sdp', (event: { originator: unknown; type: string; sdp: string }) => {
    if (String(event.originator) !== 'remote') return;
    const aligned = alignTelephoneEvents(event.sdp);
    if (aligned.changes.length === 0) return;
    event.sdp = aligned.sdp;
    engineLog.info('Keypad events aligned with the audio clock', {
      callId: options.callId,
      changes: JSON.stringify(aligned.changes),
    });
  });
  session.on('peerconnection:setremotedescriptionfailed', (error: unknown) =>
    engineLog.warn('Remote SDP refused', { callId: options.callId, error: String(error) }),
  );
  session.on('progress', () => on.event({ type: 'progress' }));
  session.on('accepted', () => {
    on.event({ type: 'accepted' });
    on.media();
  });
  session.on('confirmed', () => {
    on.event({ type: 'confirmed' });
    on.media();
    on.confirmed();
  });
  const side = (originator: unknown) => (String(originator) === 'local' ? 'local' : 'remote');
  session.on('hold', ({ originator }) => {
    on.event({ type: 'hold', originator: side(originator), held: true });
    on.media();
  });
  session.on('unhold', ({ originator }) => {
    on.event({ type: 'hold', originator: side(originator), held: false });
    on.media();
  });
  const onDtmf = (event: { originator: unknown; dtmf: { tone: string } }) => {
    if (side(event.originator) === 'remote') on.event({ type: 'dtmfReceived', digit: event.dtmf.tone });
  };
  session.on('newDTMF', onDtmf as DTMFListener);
  session.on('refer', (event) => on.refer(event as unknown as ReferEvent));
  session.on('replaces', (event) => on.replaces(event as unknown as ReplacesEvent));
  session.on('ended', ({ originator, cause, message }) =>
    on.event({ type: 'ended', originator, cause: endCause(cause, message) }),
  );
  session.on('failed', ({ originator, cause, message }) =>
    on.event({ type: 'failed', originator, cause: failureCause(cause, message) }),
  );
}

/**
 * Why a call failed, as the call keeps it: JsSIP's cause ("Rejected" for any 403), except that the switchboard's
 * call-permission refusal keeps its own reason phrase, which the UI reads back and says in the user's language.
 */
function failureCause(cause: unknown, message: unknown): string {
  const response = message as { status_code?: unknown; reason_phrase?: unknown } | null | undefined;
  const phrase = typeof response?.reason_phrase === 'string' ? response.reason_phrase : null;
  if (response?.status_code === 403 && permissionOfPhrase(phrase) !== null) return phrase!;
  return String(cause);
}

/** Why a call ended: JsSIP's cause, or the other app's lost-audio reason when its BYE carries one. */
function endCause(cause: unknown, message: unknown): string {
  const request = message as { getHeader?: (name: string) => string | undefined } | null | undefined;
  const reason = typeof request?.getHeader === 'function' ? request.getHeader('Reason') : undefined;
  return causeOfReasonHeader(reason) ?? String(cause);
}
