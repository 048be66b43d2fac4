import type { BaresipEvent, BaresipPhone } from './baresip.ts';

/**
 * For the switchboard's own lines (code line, callback line), which place one call at a time and
 * read its events by position in the phone's event list rather than waitForEvent's queue.
 */

/** The first event of one of `types` at index ≥ `from` in the phone's event list, or null after `timeoutMs`. */
export async function nextCallEvent(
  phone: BaresipPhone,
  from: number,
  types: string[],
  timeoutMs: number,
): Promise<BaresipEvent | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = phone.events.slice(from).find((event) => types.includes(event.type));
    if (found) return found;
    if (Date.now() >= deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Hangs up the current call and waits (up to 5 s) for it to close. */
export async function hangUpAndWait(phone: BaresipPhone, from: number): Promise<void> {
  try {
    await phone.hangup();
  } catch {
    // the call may have ended meanwhile
  }
  await nextCallEvent(phone, from, ['CALL_CLOSED'], 5000);
}
