/**
 * Keypad digits (RFC 4733 telephone-events) on the clock of the audio they travel with.
 *
 * Chromium (156) sends digits on telephone-event/8000 whenever the far side's SDP has it, even beside
 * Opus and telephone-event/48000 (seen on the wire: keypad-digits-softphones.e2e.test.ts). libwebrtc
 * stamps telephone-event packets with the RTP timestamps of the audio stream, but
 * counts a digit's length in the clock of the telephone-event payload it picked. When that
 * payload is telephone-event/8000 and the audio is Opus (48 kHz timestamps), the first packet
 * already looks six times longer than the digit, so each digit goes out as the three redundant
 * end packets only, with no start or continuation: a phone that misses the start counts each of
 * the three as a digit (Linphone reports "111" for "1"). RFC 7874 (5) and RFC 4733 (2.1) want the
 * event clock to be the audio clock. So the far side's SDP is tidied before libwebrtc reads it,
 * per audio section:
 *  - a telephone-event at the first codec's clock rate exists: only that one is kept;
 *  - else (an Opus answer with telephone-event/8000 only, as baresip 1.0 gives) none is kept, and
 *    digits go by SIP INFO (phone-engine.ts) rather than as packets the far side would miscount.
 *    Sending G.711 instead, to match the 8 kHz event, was tried: baresip then decoded nothing of
 *    our audio (its recording stayed empty), so the codec the far side chose is never changed.
 * Only the remote description is changed; our own SDP on the wire is Chromium's.
 */

/** What a dynamic payload type's a=rtpmap says, or the static ones' (RFC 3551) when it is absent. */
const STATIC_PAYLOADS: Record<string, { name: string; rate: number }> = {
  '0': { name: 'pcmu', rate: 8000 },
  '3': { name: 'gsm', rate: 8000 },
  '8': { name: 'pcma', rate: 8000 },
  '9': { name: 'g722', rate: 8000 },
  '18': { name: 'g729', rate: 8000 },
};

/** Payloads that carry no audio of their own: never the codec we send with. */
const NOT_A_CODEC = new Set(['telephone-event', 'cn', 'red', 'rtx', 'ulpfec', 'flexfec-03']);

export type DtmfSdpChange =
  { kind: 'kept'; rate: number; dropped: number[] } | { kind: 'none-usable'; dropped: number[] };

export type AlignedSdp = { sdp: string; changes: DtmfSdpChange[] };

/** The far side's SDP with telephone-events on the send codec's clock (see above); unchanged if nothing to do. */
export function alignTelephoneEvents(sdp: string): AlignedSdp {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const starts = lines.flatMap((line, index) => (line.startsWith('m=') ? [index] : []));
  if (starts.length === 0) return { sdp, changes: [] };
  const out = lines.slice(0, starts[0]);
  const changes: DtmfSdpChange[] = [];
  starts.forEach((start, i) => {
    const section = lines.slice(start, starts[i + 1] ?? lines.length);
    const aligned = section[0]!.startsWith('m=audio ') ? alignSection(section) : null;
    if (aligned) changes.push(aligned.change);
    out.push(...(aligned?.lines ?? section));
  });
  return changes.length > 0 ? { sdp: out.join(eol), changes } : { sdp, changes };
}

function alignSection(section: string[]): { lines: string[]; change: DtmfSdpChange } | null {
  const mLine = section[0]!.split(' ');
  const head = mLine.slice(0, 3);
  const payloads = mLine.slice(3).filter((pt) => pt !== '');
  const formats = new Map<string, { name: string; rate: number }>();
  for (const pt of payloads) if (STATIC_PAYLOADS[pt]) formats.set(pt, STATIC_PAYLOADS[pt]);
  for (const line of section) {
    const match = /^a=rtpmap:(\d+) ([^/\s]+)\/(\d+)/.exec(line);
    if (match) formats.set(match[1]!, { name: match[2]!.toLowerCase(), rate: Number(match[3]) });
  }
  const events = payloads.filter((pt) => formats.get(pt)?.name === 'telephone-event');
  if (events.length === 0) return null;
  const codecs = payloads.filter((pt) => formats.has(pt) && !NOT_A_CODEC.has(formats.get(pt)!.name));
  const eventAt = (rate: number | undefined) => events.find((pt) => formats.get(pt)!.rate === rate);
  const first = codecs[0];
  const firstRate = first === undefined ? undefined : formats.get(first)!.rate;

  const keep = eventAt(firstRate);
  const dropped = events.filter((pt) => pt !== keep);
  if (dropped.length === 0) return null;

  const kept = payloads.filter((pt) => !dropped.includes(pt));
  const about = new RegExp(`^a=(?:rtpmap|fmtp|rtcp-fb):(?:${dropped.join('|')})(?:\\s|$)`);
  const lines = [[...head, ...kept].join(' '), ...section.slice(1).filter((line) => !about.test(line))];
  const droppedNumbers = dropped.map(Number);
  const change: DtmfSdpChange =
    keep === undefined
      ? { kind: 'none-usable', dropped: droppedNumbers }
      : { kind: 'kept', rate: formats.get(keep)!.rate, dropped: droppedNumbers };
  return { lines, change };
}

/** Whether the audio section(s) of an SDP still carry a telephone-event (else digits go by SIP INFO). */
export function hasTelephoneEvent(sdp: string): boolean {
  return /^a=rtpmap:\d+ telephone-event\//im.test(sdp);
}
