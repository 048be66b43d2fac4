/** Turns what the user typed into a SIP URI in the account's domain. */
export function toSipUri(target: string, domain: string): string {
  const trimmed = target.trim().replace(/^sip:/i, '');
  if (trimmed.includes('@')) return `sip:${trimmed}`;
  // Spaces, dashes and brackets are how people write numbers, not part of them.
  const digits = trimmed.replace(/[\s\-().]/g, '');
  return `sip:${digits}@${domain}`;
}
