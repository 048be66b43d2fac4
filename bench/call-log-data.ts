/**
 * A synthetic call history for benchmarks: `n` finished calls over three years, a skewed set of
 * 20,000 contacts (a few get most calls, as in real phone use), names in several scripts.
 * Written through CallLogStore (the real write path), 10,000 calls per transaction.
 */
import { CallLogStore } from '../electron/services/call-log/index.ts';
import { seededRandom } from '../electron/services/call-log/test-support/prng.ts';
import type { CallOutcome, CallSnapshot } from '../src/shared/domain.ts';

const CONTACTS = 20_000;
const T0 = Date.UTC(2023, 0, 1);
const SPAN_MS = 3 * 365 * 86_400_000;
const FIRST = ['Ada', 'Bob', 'Chen', 'Dana', 'Eve', 'Femi', 'Gus', 'Hana', '王', '李', '张', 'Zoë'];
const LAST = ['Müller', 'Smith', 'Li', 'Garcia', 'Okafor', 'Tanaka', 'Novak', '伟', '娜', '强', 'Rossi', 'Kim'];
const OUTCOMES: CallOutcome[] = ['answered', 'answered', 'answered', 'answered', 'missed', 'busy', 'no-answer'];

/** The contacts and a maker of call `i` of `n` (the same for the same seed). */
export function syntheticHistory(n: number, seed = 8) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const contacts = Array.from({ length: CONTACTS }, (_, i) => ({
    number: i < 200 ? String(1000 + i) : `+49${String(3_000_000_000 + Math.floor(random() * 900_000_000))}`,
    name: random() < 0.7 ? `${pick(FIRST)} ${pick(LAST)}` : undefined,
  }));
  const call = (i: number): CallSnapshot => {
    const contact = contacts[Math.floor(CONTACTS * random() ** 3)]!;
    const direction = random() < 0.5 ? 'incoming' : 'outgoing';
    let outcome = pick(OUTCOMES);
    if (outcome === 'missed' && direction === 'outgoing') outcome = 'no-answer';
    const startedAt = T0 + Math.floor((i / n) * SPAN_MS);
    const answeredAt = outcome === 'answered' ? startedAt + 3_000 : undefined;
    return {
      id: `c${i}`,
      direction,
      phase: 'ended',
      remoteNumber: contact.number,
      ...(contact.name ? { remoteName: contact.name } : {}),
      startedAt,
      ...(answeredAt ? { answeredAt } : {}),
      endedAt: (answeredAt ?? startedAt) + Math.floor(random() * 600_000),
      outcome,
    };
  };
  return { contacts, call };
}

/** Writes `n` synthetic calls to the call log at `path`. */
export function fillCallLog(path: string, n: number, seed = 8): void {
  const { call } = syntheticHistory(n, seed);
  const store = CallLogStore.open(path);
  try {
    for (let i = 0; i < n; i += 10_000) {
      const batch: CallSnapshot[] = [];
      for (let j = i; j < Math.min(i + 10_000, n); j++) batch.push(call(j));
      store.recordCallsEnded(batch);
    }
  } finally {
    store.close();
  }
}
