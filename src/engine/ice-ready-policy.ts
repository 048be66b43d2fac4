/**
 * JsSIP sends an INVITE or 200 OK only when ICE gathering completes; with no
 * usable network path that never happens and the call hangs. This policy says
 * when enough candidates are in hand to go on.
 *
 * - A relay or server-reflexive candidate: the far side can reach us; go on.
 * - No STUN/TURN servers configured: only host candidates can ever come, and the
 *   first one arrives within milliseconds; waiting for "complete" only adds
 *   Chromium's gathering tail (~150 ms on loopback). Go on at the first one.
 * - Otherwise wait, but never beyond `capMs`: the engine then ends gathering itself.
 */
export type CandidateKind = 'host' | 'srflx' | 'prflx' | 'relay';

export type IcePolicyOptions = {
  hasIceServers: boolean;
  capMs: number;
};

export function shouldSendWithCandidates(
  kinds: readonly CandidateKind[],
  elapsedMs: number,
  options: IcePolicyOptions,
): boolean {
  if (kinds.some((kind) => kind === 'relay' || kind === 'srflx')) return true;
  if (!options.hasIceServers && kinds.includes('host')) return true;
  return elapsedMs >= options.capMs;
}

/** Reads the candidate type from an RTCIceCandidate-like object or its SDP line. */
export function candidateKind(candidate: { type?: string | null; candidate?: string }): CandidateKind | null {
  const type = candidate.type ?? /\btyp (host|srflx|prflx|relay)\b/.exec(candidate.candidate ?? '')?.[1];
  return type === 'host' || type === 'srflx' || type === 'prflx' || type === 'relay' ? type : null;
}

export const DEFAULT_ICE_CAP_MS = 1500;
