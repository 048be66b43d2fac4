/**
 * Reading the administrator's options for admin-commands.ts: each checks one option and says, as a usage error,
 * what it takes. Apart from the commands so that file holds what each command does.
 */
import { listeningHoldPolicies, type ListeningHoldPolicy } from './agent-status.ts';
import { UsageError } from './admin-stores.ts';
import type { ProvisioningDb } from './db.ts';

export function existingCompany(db: ProvisioningDb, id: string): number {
  const companyId = Number(id);
  if (!db.prepare('SELECT 1 FROM companies WHERE id = ?').get(companyId)) throw new UsageError(`no company ${id}`);
  return companyId;
}

export function required(value: string | undefined, option: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`this command needs ${option}`);
  return value;
}

export function seconds(value: string, option: string): number {
  if (!/^\d{1,4}$/.test(value)) throw new UsageError(`${option} is a whole number of seconds`);
  return Number(value);
}

/** "8001, 8002,8003" → extensions; digits only. */
export function extensionList(text: string): string[] {
  const list = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const bad = list.find((e) => !/^\d{2,8}$/.test(e));
  if (bad !== undefined) throw new UsageError(`"${bad}" is not an extension (2–8 digits)`);
  return list;
}

/** "inquiry=咨询 Inquiry,complaint=投诉 Complaint": code=label pairs, comma-separated; "" clears the list. */
export function wrapUpCodesArg(text: string): { code: string; label: string }[] {
  if (text.trim() === '') return [];
  return text.split(',').map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--wrap-up-codes takes code=label pairs, not "${pair.trim()}"`);
    return { code: pair.slice(0, at).trim(), label: pair.slice(at + 1).trim() };
  });
}

export function isListeningHoldPolicy(text: string): text is ListeningHoldPolicy {
  return (listeningHoldPolicies as readonly string[]).includes(text);
}

export function yesNo(text: string, flag: string): boolean {
  if (text === 'yes') return true;
  if (text === 'no') return false;
  throw new UsageError(`${flag} is yes or no`);
}
