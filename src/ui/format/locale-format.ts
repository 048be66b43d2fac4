/**
 * Times, talk durations and measurements in the words and digits of the UI's language, by Intl
 * (Node 24 and Chromium have DurationFormat): "08:05" / "8:05 AM", "3 min 5 s" / "3分钟5秒", "4,2 %".
 * Formatters are cached per language: building one costs far more than formatting with it.
 */
import { splitDuration } from './call-time.ts';

function cached<F>(make: (language: string) => F): (language: string) => F {
  const byLanguage = new Map<string, F>();
  return (language) => {
    let formatter = byLanguage.get(language);
    if (!formatter) byLanguage.set(language, (formatter = make(language)));
    return formatter;
  };
}

const clockFormat = cached((language) => new Intl.DateTimeFormat(language, { timeStyle: 'short' }));
const durationFormat = cached((language) => new Intl.DurationFormat(language, { style: 'narrow' }));
const oneDecimal = cached(
  (language) => new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
);
const megabyteFormat = cached(
  (language) => new Intl.NumberFormat(language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }),
);
const percentFormat = cached(
  (language) => new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }),
);

/** The time of day a call started, as the language writes it. */
export function clockTime(at: number, language: string): string {
  return clockFormat(language).format(at);
}

/** A call's talk time: hours and minutes past an hour, else minutes and seconds ("2 h 5 min", "3 min 5 s"). */
export function talkDuration(seconds: number, language: string): string {
  const { h, m, s } = splitDuration(seconds);
  const parts = h > 0 ? { hours: h, minutes: m } : m > 0 ? { minutes: m, seconds: s } : { seconds: s };
  return durationFormat(language).format(parts);
}

/** A score like MOS 3.8, with the language's decimal sign. */
export function decimal(value: number, language: string): string {
  return oneDecimal(language).format(value);
}

/** A percentage given as 0–100, with the language's sign and spacing ("4.2%", "4,2 %"). */
export function percent(value: number, language: string): string {
  return percentFormat(language).format(value / 100);
}

/** A memory size in whole megabytes (2^20 bytes, as task managers count) with the language's unit: "182 MB", "182 Mo". */
export function megabytes(bytes: number, language: string): string {
  return megabyteFormat(language).format(bytes / (1024 * 1024));
}

const dateTimeFormat = cached(
  (language) => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
);

/** A day and time as the language writes them ("Dec 7, 2026, 2:05 PM", "2026年12月7日 14:05"): chat records. */
export function dateAndTime(at: number, language: string): string {
  return dateTimeFormat(language).format(at);
}
