/**
 * Call transfer over SIP REFER (RFC 3515), both ways:
 *  - we hand a call on (blind, or attended with Replaces, RFC 3891) and follow the
 *    target's answer in the NOTIFYs (message/sipfrag);
 *  - the far side hands us on: we accept its REFER and call the target (JsSIP makes
 *    the new session), or, as the target of an attended transfer, take the INVITE
 *    with Replaces in place of the consultation call.
 * JsSIP specifics stay here so the engine only sees "trying / done / failed".
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';

export type TransferOutcome = { ok: true } | { ok: false; reason: string };

/** How long we wait for the target to answer before giving the caller back. */
export const TRANSFER_TIMEOUT_MS = 60_000;

type StatusLine = { status_code?: number; reason_phrase?: string };
type ReferHandlers = {
  requestFailed(event: { response: StatusLine | null; cause?: unknown }): void;
  accepted(): void;
  failed(event: { status_line?: StatusLine }): void;
};

/**
 * Sends a REFER on `session` asking the far side to call `targetUri` (replacing `consultation`
 * at the target, for an attended transfer). Reports once: the target answered, or why not.
 */
export function sendTransfer(
  session: RTCSession,
  targetUri: string,
  report: (outcome: TransferOutcome) => void,
  options: { consultation?: RTCSession; timeoutMs?: number } = {},
): void {
  let reported = false;
  const once = (outcome: TransferOutcome) => {
    if (reported) return;
    reported = true;
    clearTimeout(timer);
    report(outcome);
  };
  const timer = setTimeout(
    () => once({ ok: false, reason: 'No answer from the transfer target' }),
    options.timeoutMs ?? TRANSFER_TIMEOUT_MS,
  );
  const eventHandlers: ReferHandlers = {
    requestFailed: ({ response, cause }) => once({ ok: false, reason: statusText(response) ?? String(cause) }),
    accepted: () => once({ ok: true }),
    failed: ({ status_line }) => once({ ok: false, reason: statusText(status_line) ?? 'Transfer failed' }),
  };
  try {
    session.refer(targetUri, {
      eventHandlers,
      ...(options.consultation ? { replaces: options.consultation } : {}),
    });
  } catch (error) {
    once({ ok: false, reason: error instanceof Error ? error.message : 'Transfer not possible now' });
  }
}

function statusText(line: StatusLine | null | undefined): string | null {
  if (!line?.status_code) return null;
  return `${line.status_code} ${line.reason_phrase ?? ''}`.trim();
}

/** What a received REFER asks: the number (user part) or address to call. */
export function referTarget(request: { refer_to?: { uri: { user?: string | null; toString(): string } } }): string {
  const uri = request.refer_to?.uri;
  return uri?.user ?? uri?.toString() ?? 'unknown';
}

/**
 * Takes the caller off hold after a failed transfer. A quick failure (404) can arrive while our
 * hold re-INVITE is still under way, when JsSIP refuses a new offer: try again shortly.
 */
export function resumeWhenReady(session: RTCSession, tries = 25, everyMs = 200): void {
  if (session.isEnded() || !session.isOnHold().local) return;
  if (session.unhold() || tries <= 1) return;
  setTimeout(() => resumeWhenReady(session, tries - 1, everyMs), everyMs);
}
