/**
 * How long to wait before the next attempt to reach the switchboard after a connection dropped.
 *
 * JsSIP's own recovery waits a random 1..2^n s clamped to its max (30 s by default), so a
 * phone could sit deaf for half a minute after a server restart. Ours doubles from 0.5 s and is
 * capped at 2 s, so a switchboard that comes back is reached again within the cap plus one
 * connect; the random half keeps a restarted server from being hit by every phone at once.
 */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_CAP_MS = 2000;

/** Delay before attempt `attempt` (1 = the first retry after a drop). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A switchboard address nobody has tried yet is tried at once: with several addresses, the
 * first being down must not cost a backoff step before the second is asked.
 */
export function nextAttemptDelayMs(attempt: number, untriedAddressLeft: boolean, random?: () => number): number {
  return untriedAddressLeft ? 0 : reconnectDelayMs(attempt, random);
}
