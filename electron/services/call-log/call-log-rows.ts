/** A calls row as SQLite returns it, and the mapping between rows and the app's call shapes. */
import type { CallDirection, CallLogEntry, CallOutcome, CallSnapshot, CallWrapUp } from '../../../src/shared/domain.ts';

export interface CallRow {
  id: string;
  direction: CallDirection;
  remote_number: string;
  remote_name: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  outcome: CallOutcome | null;
  end_reason: string | null;
  duration_sec: number;
  was_held: number;
  transfer_kind: 'blind' | 'attended' | null;
  transfer_target: string | null;
  was_waiting: number;
  quality_min_mos: number | null;
  quality_avg_mos: number | null;
  quality_loss_pct: number | null;
  quality_jitter_ms: number | null;
  wrap_up_code: string | null;
  wrap_up_label: string | null;
  wrap_up_note: string | null;
  wrap_up_missing: number;
}

export const ENTRY_COLUMNS = `id, direction, remote_number, remote_name, started_at, answered_at, ended_at,
  outcome, end_reason, duration_sec, was_held, transfer_kind, transfer_target, was_waiting,
  quality_min_mos, quality_avg_mos, quality_loss_pct, quality_jitter_ms,
  wrap_up_code, wrap_up_label, wrap_up_note, wrap_up_missing`;
export const QUALIFIED_COLUMNS = ENTRY_COLUMNS.split(',')
  .map((column) => `calls.${column.trim()}`)
  .join(', ');

/** A snapshot as the write statements' named parameters. */
export function rowParams(call: CallSnapshot) {
  return {
    id: call.id,
    direction: call.direction,
    phase: call.phase,
    remoteNumber: call.remoteNumber,
    remoteName: call.remoteName ?? null,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt ?? null,
    endedAt: call.endedAt ?? null,
    outcome: call.outcome ?? null,
    endReason: call.endReason ?? null,
    durationSec: 0,
    wasHeld: call.wasHeld ? 1 : 0,
    wasWaiting: call.waiting ? 1 : 0,
    // Only a transfer that went through is history; the state machine keeps no other on an ended call.
    transferKind: call.transfer?.status === 'done' ? call.transfer.kind : null,
    transferTarget: call.transfer?.status === 'done' ? call.transfer.target : null,
    qualityMinMos: call.qualitySummary?.minMos ?? null,
    qualityAvgMos: call.qualitySummary?.avgMos ?? null,
    qualityLossPct: call.qualitySummary?.lossPercent ?? null,
    qualityJitterMs: call.qualitySummary?.jitterMs ?? null,
  };
}

export function durationSec(answeredAt: number, endedAt: number): number {
  return Math.max(0, Math.trunc((endedAt - answeredAt) / 1000));
}

export function toEntry(row: CallRow): CallLogEntry {
  const entry: CallLogEntry = {
    id: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    startedAt: row.started_at,
    durationSec: row.duration_sec,
  };
  if (row.remote_name !== null) entry.remoteName = row.remote_name;
  if (row.answered_at !== null) entry.answeredAt = row.answered_at;
  if (row.ended_at !== null) entry.endedAt = row.ended_at;
  if (row.outcome !== null) entry.outcome = row.outcome;
  if (row.end_reason !== null) entry.endReason = row.end_reason;
  if (row.was_held) entry.held = true;
  if (row.transfer_kind !== null) entry.transferKind = row.transfer_kind;
  if (row.transfer_target !== null) entry.transferTarget = row.transfer_target;
  if (row.was_waiting) entry.waiting = true;
  if (row.quality_min_mos !== null && row.quality_avg_mos !== null) {
    entry.quality = {
      minMos: row.quality_min_mos,
      avgMos: row.quality_avg_mos,
      lossPercent: row.quality_loss_pct ?? 0,
      jitterMs: row.quality_jitter_ms ?? 0,
    };
  }
  const wrapUp = wrapUpOf(row);
  if (wrapUp) entry.wrapUp = wrapUp;
  return entry;
}

function wrapUpOf(row: CallRow): CallWrapUp | undefined {
  const wrapUp: CallWrapUp = {};
  if (row.wrap_up_code !== null) wrapUp.code = row.wrap_up_code;
  if (row.wrap_up_label !== null) wrapUp.label = row.wrap_up_label;
  if (row.wrap_up_note !== null) wrapUp.note = row.wrap_up_note;
  if (row.wrap_up_missing) wrapUp.missing = true;
  return Object.keys(wrapUp).length > 0 ? wrapUp : undefined;
}
