/**
 * Child process for the crash-safety test: runs a call workload against the store until it is
 * SIGKILLed. Each line on stdout is written synchronously and only AFTER the write it describes
 * has committed, so the parent may treat every line it receives as a durable fact.
 *
 *   node crash-writer.ts <dbPath> <seed> <idPrefix>
 *
 * Lines: "READY", "S <id>" started, "R <id>" repeated start, "U <id>" answered,
 * "H <n>" heartbeat, "E <id> <outcome>" ended.
 */
import { writeSync } from 'node:fs';
import type { CallOutcome, CallSnapshot } from '../../../../src/shared/domain.ts';
import { CallLogStore } from '../call-log-store.ts';
import { randomInt, seededRandom } from './prng.ts';

const [dbPath, seedArg, prefix] = process.argv.slice(2);
if (!dbPath || !seedArg || !prefix) {
  process.stderr.write('usage: crash-writer.ts <dbPath> <seed> <idPrefix>\n');
  process.exit(2);
}

const OUTCOMES: readonly CallOutcome[] = ['answered', 'missed', 'declined', 'cancelled', 'busy', 'no-answer', 'failed'];
const random = seededRandom(Number(seedArg));
const pause = new Int32Array(new SharedArrayBuffer(4));
const open = new Map<string, CallSnapshot>();
let next = 0;

function report(line: string): void {
  writeSync(1, `${line}\n`);
}

function pick<T>(items: readonly T[]): T {
  return items[randomInt(random, 0, items.length - 1)] as T;
}

const store = CallLogStore.open(dbPath);
report('READY');

for (;;) {
  const roll = random();
  const now = Date.now();
  if (open.size === 0 || (open.size < 3 && roll < 0.3)) {
    const call: CallSnapshot = {
      id: `${prefix}-${next++}`,
      direction: random() < 0.5 ? 'incoming' : 'outgoing',
      phase: 'dialing',
      remoteNumber: String(randomInt(random, 1000, 1999)),
      startedAt: now,
    };
    store.recordCallStarted(call);
    open.set(call.id, call);
    report(`S ${call.id}`);
  } else if (roll < 0.38) {
    const call = pick([...open.values()]);
    store.recordCallStarted(call);
    report(`R ${call.id}`);
  } else if (roll < 0.55) {
    const call = pick([...open.values()]);
    const updated: CallSnapshot = {
      ...call,
      phase: 'connected',
      answeredAt: call.answeredAt ?? now,
      remoteName: 'Caller',
    };
    store.recordCallUpdated(updated);
    open.set(call.id, updated);
    report(`U ${call.id}`);
  } else if (roll < 0.8) {
    store.heartbeat([...open.keys()], now);
    report(`H ${open.size}`);
  } else {
    const call = pick([...open.values()]);
    const outcome = call.answeredAt === undefined ? pick(OUTCOMES.filter((o) => o !== 'answered')) : 'answered';
    store.recordCallEnded({ ...call, phase: 'ended', endedAt: now, outcome });
    open.delete(call.id);
    report(`E ${call.id} ${outcome}`);
  }
  // Irregular pacing spreads kills over every kind of step instead of one hot loop.
  if (random() < 0.3) Atomics.wait(pause, 0, 0, randomInt(random, 0, 1));
}
