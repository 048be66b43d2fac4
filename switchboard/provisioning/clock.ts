/** Milliseconds since the epoch. Injected so tests can move time (the 180 s resend rule, expiry, lockouts). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
