import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CallLogStore } from '../call-log-store.ts';
import { callLogMigrations } from '../migrations/index.ts';
import { randomInt, seededRandom } from './prng.ts';

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));

export interface CrashTrialOptions {
  dbPath: string;
  /** Number of kill points; the unit test uses 50, a benchmark may use 1000. */
  trials: number;
  seed: number;
  /** Upper bound on committed steps to wait for before killing. */
  maxStepsBeforeKill?: number;
  /** Share of trials killed on a timer right after spawn, to hit open/migration. */
  earlyKillShare?: number;
}

export interface CrashReport {
  trials: number;
  killedBeforeReady: number;
  callsStarted: number;
  callsEndedBeforeKill: number;
  callsRecovered: number;
  /** Rows whose commit landed but whose report line did not (kill between the two). */
  unacknowledgedWrites: number;
}

interface KnownCall {
  answered: boolean;
  outcome?: string;
}

interface CallRow {
  id: string;
  answered_at: number | null;
  ended_at: number | null;
  outcome: string | null;
}

/**
 * Kill-and-recover loop over one database file. Throws with the trial seed on the first broken
 * invariant, so a failure can be replayed.
 */
export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashReport> {
  const random = seededRandom(options.seed);
  const maxSteps = options.maxStepsBeforeKill ?? 80;
  const earlyShare = options.earlyKillShare ?? 0.1;
  const known = new Map<string, KnownCall>();
  const report: CrashReport = {
    trials: 0,
    killedBeforeReady: 0,
    callsStarted: 0,
    callsEndedBeforeKill: 0,
    callsRecovered: 0,
    unacknowledgedWrites: 0,
  };

  for (let trial = 0; trial < options.trials; trial += 1) {
    const trialSeed = randomInt(random, 1, 2 ** 31 - 1);
    const prefix = `t${trial}`;
    const plan =
      random() < earlyShare
        ? ({ kind: 'timer', ms: randomInt(random, 0, 60) } as const)
        : ({ kind: 'steps', steps: randomInt(random, 1, maxSteps) } as const);
    const where = `trial ${trial} (seed ${options.seed}, trial seed ${trialSeed}, kill ${JSON.stringify(plan)})`;

    const lines = await runUntilKilled(options.dbPath, trialSeed, prefix, plan, where);
    if (!lines.includes('READY')) report.killedBeforeReady += 1;
    for (const line of lines) {
      applyLine(known, line, where);
      if (line.startsWith('S ')) report.callsStarted += 1;
      if (line.startsWith('E ')) report.callsEndedBeforeKill += 1;
    }

    const store = CallLogStore.open(options.dbPath);
    try {
      report.callsRecovered += store.recoverInterrupted(Date.now());
    } finally {
      store.close();
    }
    report.unacknowledgedWrites += checkInvariants(options.dbPath, known, prefix, where);
    report.trials += 1;
  }

  return report;
}

type KillPlan = { kind: 'timer'; ms: number } | { kind: 'steps'; steps: number };

function runUntilKilled(
  dbPath: string,
  seed: number,
  prefix: string,
  plan: KillPlan,
  where: string,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dbPath, String(seed), prefix], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffered = '';
    let stderr = '';
    let steps = 0;
    const kill = () => child.kill('SIGKILL');
    const timer = plan.kind === 'timer' ? setTimeout(kill, plan.ms) : undefined;
    // A writer that never reaches its kill point is a bug, not a slow machine.
    const watchdog = setTimeout(kill, 15_000);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        lines.push(line);
        if (line !== 'READY') steps += 1;
      }
      if (plan.kind === 'steps' && steps >= plan.steps) kill();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(watchdog);
      // A partial last line was cut by the kill mid-write: the step committed, but treat it as unreported.
      if (signal !== 'SIGKILL') {
        reject(new Error(`${where}: writer exited on its own (code ${code}, signal ${signal}): ${stderr}`));
      } else if (plan.kind === 'steps' && steps < plan.steps) {
        reject(new Error(`${where}: writer hung before step ${plan.steps}: ${stderr}`));
      } else {
        resolve(lines);
      }
    });
  });
}

function applyLine(known: Map<string, KnownCall>, line: string, where: string): void {
  const [kind, id, outcome] = line.split(' ');
  if (kind === 'READY' || kind === 'H') return;
  if (!id) throw new Error(`${where}: malformed line "${line}"`);
  const call = known.get(id);
  if (kind === 'S') {
    if (call) throw new Error(`${where}: writer started ${id} twice`);
    known.set(id, { answered: false });
    return;
  }
  if (!call) throw new Error(`${where}: "${line}" for a call never reported started`);
  if (kind === 'U') call.answered = true;
  else if (kind === 'E' && outcome) call.outcome = outcome;
  else if (kind !== 'R') throw new Error(`${where}: unknown line "${line}"`);
}

/**
 * Returns how many rows of this trial exist without a report line (allowed: at most one).
 * Afterwards every row is closed, so its state is frozen into `known`: later trials must
 * never change a call from an earlier one.
 */
function checkInvariants(dbPath: string, known: Map<string, KnownCall>, prefix: string, where: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${where}: integrity_check says ${String(integrity)}`);
    const version = db.pragma('user_version', { simple: true });
    const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'calls'`).get() !== undefined;
    if (!hasTable || version !== callLogMigrations.length) {
      throw new Error(`${where}: schema not fully migrated (user_version ${String(version)})`);
    }

    const duplicated = db.prepare('SELECT id FROM calls GROUP BY id HAVING COUNT(*) > 1').pluck().all();
    if (duplicated.length > 0) throw new Error(`${where}: duplicated rows ${duplicated.join(', ')}`);

    const rows = new Map(
      (db.prepare('SELECT id, answered_at, ended_at, outcome FROM calls').all() as CallRow[]).map((r) => [r.id, r]),
    );
    for (const [id, call] of known) {
      const row = rows.get(id);
      if (!row) throw new Error(`${where}: reported call ${id} is missing`);
      if (call.answered && row.answered_at === null) throw new Error(`${where}: ${id} lost its answer time`);
      if (call.outcome !== undefined && row.outcome !== call.outcome) {
        throw new Error(`${where}: ${id} ended as ${call.outcome} before the kill but reads ${String(row.outcome)}`);
      }
    }

    let unacknowledged = 0;
    for (const row of rows.values()) {
      if (row.ended_at === null || row.outcome === null) {
        throw new Error(`${where}: ${row.id} is still open after recoverInterrupted`);
      }
      const call = known.get(row.id);
      const unreportedStart = call === undefined;
      const unreportedEnd = call !== undefined && call.outcome === undefined && row.outcome !== 'interrupted';
      if (unreportedStart || unreportedEnd) {
        if (!row.id.startsWith(`${prefix}-`)) {
          throw new Error(`${where}: ${row.id} from an earlier trial changed without a report`);
        }
        unacknowledged += 1;
      }
      known.set(row.id, { answered: row.answered_at !== null, outcome: row.outcome });
    }
    // Only the one write in flight when the kill landed may be committed without its report line.
    if (unacknowledged > 1) throw new Error(`${where}: ${unacknowledged} writes committed without a report`);
    return unacknowledged;
  } finally {
    db.close();
  }
}
