/**
 * A re-INVITE that a glare cannot kill. JsSIP's public renegotiate() ends the call on any error
 * answer, including 491 Request Pending, which is what both ends get when they re-INVITE at the
 * same moment — exactly what happens when both phones of a call reconnect after the same outage.
 * Here a 491 (or a 500 with Retry-After, JsSIP's answer while it is busy) is retried after the
 * random wait of RFC 3261 14.1, and other failures leave the call as it is.
 */
import type { RTCSession } from 'jssip/lib/RTCSession.js';

type ErrorResponse = { status_code?: number } | undefined;

/** The JsSIP internals used here; a JsSIP upgrade that changes them fails reinvite.test.ts. */
type SessionInternals = {
  _sendReinvite(options: {
    rtcOfferConstraints?: RTCOfferOptions;
    eventHandlers: { succeeded?: () => void; failed?: (response?: ErrorResponse) => void };
  }): void;
  _setLocalMediaStatus?: () => void;
};

export type ReinviteOptions = {
  /** Fresh ICE credentials, for a new network path (RFC 8445 9). */
  iceRestart?: boolean;
  /** Attempts in all, the first included. */
  attempts?: number;
  random?: () => number;
  schedule?: (run: () => void, ms: number) => void;
  onDone?: (outcome: 'refreshed' | 'gave-up') => void;
};

/** RFC 3261 14.1: the side that owns the Call-ID (the original caller) waits 2.1–4 s, the other 0–2 s. */
export function glareWaitMs(ownsCallId: boolean, random: () => number): number {
  return ownsCallId ? 2_100 + random() * 1_900 : random() * 2_000;
}

export function reinvite(session: RTCSession, options: ReinviteOptions = {}): void {
  const random = options.random ?? Math.random;
  const schedule = options.schedule ?? ((run, ms) => void setTimeout(run, ms));
  let attemptsLeft = options.attempts ?? 4;
  const internals = session as unknown as SessionInternals;

  const retryLater = () => {
    if (attemptsLeft <= 0) return options.onDone?.('gave-up');
    schedule(attempt, glareWaitMs(session.direction === 'outgoing', random));
  };

  function attempt(): void {
    if (session.isEnded()) return;
    attemptsLeft -= 1;
    // Another re-INVITE (hold, a transfer's) is under way: ours follows it.
    if (!session.isEstablished() || !session.isReadyToReOffer()) return retryLater();
    internals._setLocalMediaStatus?.();
    internals._sendReinvite({
      ...(options.iceRestart ? { rtcOfferConstraints: { iceRestart: true } } : {}),
      eventHandlers: {
        succeeded: () => options.onDone?.('refreshed'),
        failed: (response) => {
          const status = response?.status_code;
          if (status === 491 || status === 500) retryLater();
          else options.onDone?.('gave-up');
        },
      },
    });
  }

  attempt();
}
