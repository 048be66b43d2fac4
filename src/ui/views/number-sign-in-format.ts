/** "m:ss" for a wait in seconds ("15:00", "2:59"), rounded up so it never shows 0:00 while still waiting. */
export function formatWait(seconds: number): string {
  const total = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

/** Keeps the digits of a typed or pasted code, at most four. */
export function codeDigits(text: string): string {
  return text.replace(/\D/g, '').slice(0, 4);
}
