/**
 * A switchboard may be reachable at several addresses. The account's server field holds them
 * separated by spaces or commas, each optionally followed by `;weight=N`:
 *
 *   wss://sip1.example.com wss://sip2.example.com            (the first is preferred)
 *   wss://a.example.com;weight=2, wss://b.example.com;weight=2, wss://c.example.com;weight=1
 *
 * Without weights, earlier addresses are preferred. JsSIP connects to the highest weight,
 * picks at random among equals, and moves on to the next weight when those fail.
 */
export type ServerAddress = { url: string; weight: number };

const ADDRESS = /^(wss?:\/\/[^\s/;,]+(?:\/[^\s;,]*)?)(?:;weight=(\d{1,3}))?$/i;

/** The addresses in the field, or null if any entry is not a ws(s) URL (with an optional weight). */
export function parseServerList(field: string): ServerAddress[] | null {
  const entries = field
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0 || entries.length > 8) return null;
  const parsed: { url: string; weight: number | null }[] = [];
  for (const entry of entries) {
    const match = ADDRESS.exec(entry);
    if (!match) return null;
    parsed.push({ url: match[1]!, weight: match[2] === undefined ? null : Number(match[2]) });
  }
  return parsed.map((address, index) => ({
    url: address.url,
    // Order gives the preference when no weight is written: the first gets the highest.
    weight: address.weight ?? entries.length - index,
  }));
}

/** The first address: the one a SIP domain defaults to and a connection diagnosis looks at. */
export function primaryServer(field: string): string {
  return parseServerList(field)?.[0]?.url ?? field.trim();
}
