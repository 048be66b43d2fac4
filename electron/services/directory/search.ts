/**
 * One search box for names, pinyin (full and initials), extensions, mobile digits and e-mail.
 * Each kind of key is a prefix range scan of `search_keys` (clustered by kind, key), so a query
 * costs a few index seeks whatever the directory's size; mobile digits come from MobileIndex.
 * Ranked in tiers: exact extension, then name prefix, pinyin, initials, later name parts, extension
 * prefix, e-mail, mobile digits; within a tier the shortest key (the most exact match) first.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import type { Match } from '../../../src/shared/directory.ts';
import type { MobileIndex } from './mobile-index.ts';
import { fold, KeyKind, pinyinSpan, type KeyKindValue } from './name-keys.ts';

type RowForMatch = {
  name: string;
  extension: string;
  mobile: string;
  email: string | null;
  syllables: string;
  syllable_at: string;
};

export type Ranked = { personId: number; tier: number; locate: (row: RowForMatch) => Match };

type Plan = { kind: KeyKindValue; term: string; tier: number; exact?: boolean };

export function rankedSearch(db: Db, mobiles: () => MobileIndex, query: string, limit: number): Ranked[] {
  const text = fold(query.normalize('NFC').trim()).replace(/\s+/g, ' ');
  if (!text) return [];
  const digits = /^[\d\s+\-()]+$/.test(text) ? text.replace(/\D/g, '') : '';
  const plans: Plan[] = [];
  if (digits) {
    plans.push({ kind: KeyKind.extension, term: digits, tier: 0, exact: true });
    plans.push({ kind: KeyKind.extension, term: digits, tier: 5 });
  } else {
    const compact = text.replace(/[\s']/g, '');
    plans.push({ kind: KeyKind.name, term: text, tier: 1 });
    if (/^[a-z]+$/.test(compact)) {
      plans.push({ kind: KeyKind.pinyin, term: compact, tier: 2 });
      plans.push({ kind: KeyKind.initials, term: compact, tier: 3 });
    }
    plans.push({ kind: KeyKind.namePart, term: text, tier: 4 });
    plans.push({ kind: KeyKind.email, term: text, tier: 6 });
  }

  const best = new Map<number, Ranked & { keyLength: number }>();
  const consider = (hit: Ranked & { keyLength: number }) => {
    const known = best.get(hit.personId);
    if (!known || hit.tier < known.tier || (hit.tier === known.tier && hit.keyLength < known.keyLength)) {
      best.set(hit.personId, hit);
    }
  };
  const { exact, prefix } = statementsFor(db);
  for (const plan of plans) {
    // Stop early: lower tiers cannot outrank a full page of better ones.
    if (countBetterThan(best, plan.tier) >= limit) break;
    const rows = (
      plan.exact
        ? exact.all(plan.kind, plan.term, limit)
        : prefix.all(plan.kind, plan.term, plan.term + '\uffff', limit)
    ) as { key: string; id: number; start: number }[];
    for (const row of rows) {
      consider({ personId: row.id, tier: plan.tier, keyLength: row.key.length, locate: locator(plan, row.start) });
    }
  }
  if (digits && countBetterThan(best, 7) < limit) {
    for (const hit of mobiles().find(digits, limit)) {
      consider({
        personId: hit.id,
        tier: 7,
        keyLength: 0,
        // +1: the digits are the E.164 number without its "+".
        locate: () => ({ field: 'mobile', start: hit.at + 1, end: hit.at + 1 + digits.length, via: 'mobile' }),
      });
    }
  }
  return [...best.values()]
    .sort((a, b) => a.tier - b.tier || a.keyLength - b.keyLength)
    .slice(0, limit)
    .map(({ personId, tier, locate }) => ({ personId, tier, locate }));
}

const statements = new WeakMap<Db, { exact: Statement; prefix: Statement }>();

function statementsFor(db: Db): { exact: Statement; prefix: Statement } {
  let prepared = statements.get(db);
  if (!prepared) {
    prepared = {
      exact: db.prepare(`SELECT key, person_id AS id, start FROM search_keys WHERE kind = ? AND key = ? LIMIT ?`),
      prefix: db.prepare(
        `SELECT key, person_id AS id, start FROM search_keys WHERE kind = ? AND key >= ? AND key < ? ORDER BY kind, key LIMIT ?`,
      ),
    };
    statements.set(db, prepared);
  }
  return prepared;
}

function countBetterThan(best: Map<number, { tier: number }>, tier: number): number {
  let n = 0;
  for (const hit of best.values()) if (hit.tier < tier) n++;
  return n;
}

function locator(plan: Plan, start: number): (row: RowForMatch) => Match {
  const length = plan.term.length;
  switch (plan.kind) {
    case KeyKind.extension:
      return () => ({ field: 'extension', start: 0, end: length, via: plan.exact ? 'extension' : 'extension-prefix' });
    case KeyKind.email:
      return () => ({ field: 'email', start: 0, end: length, via: 'email' });
    case KeyKind.name:
      return () => ({ field: 'name', start: 0, end: length, via: 'name' });
    case KeyKind.namePart:
      return () => ({ field: 'name', start, end: start + length, via: 'name-part' });
    case KeyKind.pinyin:
    case KeyKind.initials:
      return (row) => {
        const syllables = row.syllables ? row.syllables.split(' ') : [];
        const at = row.syllable_at ? row.syllable_at.split(' ').map(Number) : [];
        const span = pinyinSpan(syllables, at, start, length, plan.kind === KeyKind.initials);
        return { field: 'name', ...span, via: plan.kind === KeyKind.initials ? 'initials' : 'pinyin' };
      };
  }
}
