/** Client-side check of a dial string (number plus optional extension) with the contract's schema, as an i18n key. */
import type { ParseKeys } from 'i18next';
import { DialStringSchema } from '../../shared/domain.ts';

export function checkDialTarget(value: string): { ok: true; target: string } | { ok: false; error: ParseKeys } {
  const parsed = DialStringSchema.safeParse(value);
  if (parsed.success) return { ok: true, target: parsed.data };
  const issue = parsed.error.issues[0];
  if (value.trim() === '') return { ok: false, error: 'dial.errors.empty' };
  if (issue?.code === 'too_big') return { ok: false, error: 'dial.errors.tooLong' };
  return { ok: false, error: 'dial.errors.invalid' };
}
