/**
 * Any run of a mobile number's digits, answered in memory: a posting list per run of 4 digits
 * (10,000 of them) points at the people whose number contains it; a query checks the candidates
 * of its rarest 4-digit run. Shorter queries match so many numbers that reading them in order
 * finds a page at once. Built from SQLite in one pass after each sync (~0.7 s at 500k people), in the
 * sync's worker thread when there is one (MobileIndexParts cross to main without copying the arrays).
 * 4 digits rather than 3: numbers share prefixes (86 13x…), so 3-digit lists were long.
 */
const GRAM = 4;
const BUCKETS = 10 ** GRAM;

/** The index as plain data: typed arrays and one string, cheap to hand from a worker to main. */
export type MobileIndexParts = {
  ids: Int32Array;
  /** Every number's digits, in order, each followed by ",": a run of digits never spans two numbers. */
  text: string;
  /** Where each number's digits start in `text` (one more entry: the end). */
  starts: Int32Array;
  offsets: Int32Array;
  postings: Int32Array;
};

export class MobileIndex {
  private readonly parts: MobileIndexParts;

  constructor(rows: readonly { id: number; mobile: string }[] | MobileIndexParts) {
    this.parts = Array.isArray(rows) ? build(rows) : (rows as MobileIndexParts);
  }

  /** What a worker posts (the typed arrays' buffers can be transferred, not copied). */
  toParts(): MobileIndexParts {
    return this.parts;
  }

  get size(): number {
    return this.parts.ids.length;
  }

  /** People whose number contains `run` (digits only), at most `limit`, with where it starts in the digits. */
  find(run: string, limit: number): { id: number; at: number }[] {
    const out: { id: number; at: number }[] = [];
    if (!/^\d+$/.test(run)) return out;
    const { ids, text, starts, offsets, postings } = this.parts;
    if (run.length < GRAM) {
      // Short runs are common: the first people in order are as good as any, and found at once.
      for (let from = 0; out.length < limit;) {
        const hit = text.indexOf(run, from);
        if (hit < 0) break;
        const i = personAt(starts, hit);
        out.push({ id: ids[i]!, at: hit - starts[i]! });
        from = starts[i + 1]!;
      }
      return out;
    }
    let best = -1;
    let bestSize = Infinity;
    for (let j = 0; j + GRAM <= run.length; j++) {
      const t = gram(run, j);
      const size = offsets[t + 1]! - offsets[t]!;
      if (size < bestSize) [best, bestSize] = [t, size];
    }
    let previous = -1;
    for (let p = offsets[best]!; p < offsets[best + 1]! && out.length < limit; p++) {
      const i = postings[p]!;
      if (i === previous) continue; // A number holding the run twice is listed twice.
      previous = i;
      const at = text.slice(starts[i], starts[i + 1]! - 1).indexOf(run);
      if (at >= 0) out.push({ id: ids[i]!, at });
    }
    return out;
  }
}

function build(rows: readonly { id: number; mobile: string }[]): MobileIndexParts {
  const ids = new Int32Array(rows.length);
  const starts = new Int32Array(rows.length + 1);
  const all: string[] = new Array<string>(rows.length);
  const counts = new Int32Array(BUCKETS + 1);
  let at = 0;
  rows.forEach((row, i) => {
    ids[i] = row.id;
    const digits = row.mobile.replace(/\D/g, '');
    all[i] = digits;
    starts[i] = at;
    at += digits.length + 1;
    for (let j = 0; j + GRAM <= digits.length; j++) counts[gram(digits, j) + 1]!++;
  });
  starts[rows.length] = at;
  for (let t = 1; t <= BUCKETS; t++) counts[t]! += counts[t - 1]!;
  const postings = new Int32Array(counts[BUCKETS]!);
  const fill = counts.slice(0, BUCKETS);
  all.forEach((digits, i) => {
    for (let j = 0; j + GRAM <= digits.length; j++) postings[fill[gram(digits, j)]!++] = i;
  });
  return { ids, text: all.length ? `${all.join(',')},` : '', starts, offsets: counts, postings };
}

/** The number whose digits hold position `at` of the text (binary search over the starts). */
function personAt(starts: Int32Array, at: number): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

function gram(digits: string, at: number): number {
  let value = 0;
  for (let k = 0; k < GRAM; k++) value = value * 10 + (digits.charCodeAt(at + k) - 48);
  return value;
}
