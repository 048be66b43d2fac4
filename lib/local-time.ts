/**
 * "2026-11-23 14:05:09" in an IANA time zone (a RangeError for an unknown one): how exports write a moment, the
 * app's call history and the switchboard's chat report alike, so a spreadsheet reads both the same way.
 */

/** One formatter per time zone: building one costs far more than formatting with it (a million rows, three times each). */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(epochMs: number, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
