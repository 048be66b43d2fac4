/**
 * End reasons the engine sets itself (not JsSIP's or the server's words); the UI translates these,
 * and the call log keeps them as they are.
 */
export const MEDIA_LOST_CAUSE = 'No audio for 15 s';

/**
 * Sent with our BYE when the watchdog ends a call for lost audio (RFC 3326), so the other side's app can say the
 * same instead of "the other party hung up": both watchdogs see the silence, and whichever fires first ends the call.
 */
export const MEDIA_LOST_REASON_HEADER = `Reason: SIP;cause=408;text="${MEDIA_LOST_CAUSE}"`;

/** The end cause a BYE's Reason header gives, if it is our lost-audio one. */
export function causeOfReasonHeader(reason: string | undefined): string | null {
  return reason?.includes(`text="${MEDIA_LOST_CAUSE}"`) ? MEDIA_LOST_CAUSE : null;
}
