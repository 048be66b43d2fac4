/**
 * Any run of a mobile number's digits, answered in memory: a posting list per run of 4 digits
 * (10,000 of them) points at the people whose number contains it; a query checks the candidates
 * of its rarest 4-digit run. Shorter queries match so many numbers that reading them in order
 * finds a page at once. Built from SQLite in one pass after each sync (~0.7 s at 500k people).
 * 4 digits rather than 3: numbers share prefixes (86 13x…), so 3-digit lists were long.
 */
const GRAM = 4;
const BUCKETS = 10 ** GRAM;

export class MobileIndex {
  private readonly ids: Int32Array;
  private readonly digits: string[];
  private readonly offsets: Int32Array;
  private readonly postings: Int32Array;

  constructor(rows: readonly { id: number; mobile: string }[]) {
    this.ids = new Int32Array(rows.length);
    this.digits = new Array<string>(rows.length);
    const counts = new Int32Array(BUCKETS + 1);
    rows.forEach((row, i) => {
      this.ids[i] = row.id;
      const digits = row.mobile.replace(/\D/g, '');
      this.digits[i] = digits;
      for (let j = 0; j + GRAM <= digits.length; j++) counts[gram(digits, j) + 1]!++;
    });
    for (let t = 1; t <= BUCKETS; t++) counts[t]! += counts[t - 1]!;
    this.offsets = counts;
    this.postings = new Int32Array(counts[BUCKETS]!);
    const fill = counts.slice(0, BUCKETS);
    this.digits.forEach((digits, i) => {
      for (let j = 0; j + GRAM <= digits.length; j++) this.postings[fill[gram(digits, j)]!++] = i;
    });
  }

  get size(): number {
    return this.ids.length;
  }

  /** People whose number contains `run` (digits only), at most `limit`, with where it starts in the digits. */
  find(run: string, limit: number): { id: number; at: number }[] {
    const out: { id: number; at: number }[] = [];
    if (!/^\d+$/.test(run)) return out;
    if (run.length < GRAM) {
      // Short runs are common: the first people in order are as good as any, and found at once.
      for (let i = 0; i < this.digits.length && out.length < limit; i++) {
        const at = this.digits[i]!.indexOf(run);
        if (at >= 0) out.push({ id: this.ids[i]!, at });
      }
      return out;
    }
    let best = -1;
    let bestSize = Infinity;
    for (let j = 0; j + GRAM <= run.length; j++) {
      const t = gram(run, j);
      const size = this.offsets[t + 1]! - this.offsets[t]!;
      if (size < bestSize) [best, bestSize] = [t, size];
    }
    let previous = -1;
    for (let p = this.offsets[best]!; p < this.offsets[best + 1]! && out.length < limit; p++) {
      const i = this.postings[p]!;
      if (i === previous) continue; // A number holding the run twice is listed twice.
      previous = i;
      const at = this.digits[i]!.indexOf(run);
      if (at >= 0) out.push({ id: this.ids[i]!, at });
    }
    return out;
  }
}

function gram(digits: string, at: number): number {
  let value = 0;
  for (let k = 0; k < GRAM; k++) value = value * 10 + (digits.charCodeAt(at + k) - 48);
  return value;
}
