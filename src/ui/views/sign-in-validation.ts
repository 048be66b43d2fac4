/**
 * Validates the sign-in form with the same schema main uses, but reports each
 * problem as an i18n key per field: the schema's own messages are English.
 */
import type { ParseKeys } from 'i18next';
import { SipAccountInputSchema, type SipAccountInput } from '../../shared/domain.ts';

export type SignInFields = { server: string; user: string; password: string; displayName: string; domain: string };
export type SignInField = keyof SignInFields;
export type FieldErrors = Partial<Record<SignInField, ParseKeys>>;

/** Only the messages each field can actually produce; anything unexpected falls back to "invalid"/"tooLong". */
const messages = {
  server: {
    required: 'signIn.errors.server.required',
    invalid: 'signIn.errors.server.invalid',
    tooLong: 'signIn.errors.server.tooLong',
  },
  user: {
    required: 'signIn.errors.user.required',
    invalid: 'signIn.errors.user.invalid',
    tooLong: 'signIn.errors.user.tooLong',
  },
  password: {
    required: 'signIn.errors.password.required',
    invalid: 'signIn.errors.password.required',
    tooLong: 'signIn.errors.password.tooLong',
  },
  domain: {
    required: 'signIn.errors.domain.invalid',
    invalid: 'signIn.errors.domain.invalid',
    tooLong: 'signIn.errors.domain.tooLong',
  },
  displayName: {
    required: 'signIn.errors.displayName.tooLong',
    invalid: 'signIn.errors.displayName.tooLong',
    tooLong: 'signIn.errors.displayName.tooLong',
  },
} as const satisfies Record<SignInField, Record<'required' | 'invalid' | 'tooLong', ParseKeys>>;

const isField = (key: unknown): key is SignInField => typeof key === 'string' && key in messages;

/** Optional fields left empty are omitted, so main applies its defaults (domain = server host). */
export function toAccountInput(fields: SignInFields): Record<string, string> {
  const input: Record<string, string> = { server: fields.server, user: fields.user, password: fields.password };
  if (fields.displayName.trim()) input['displayName'] = fields.displayName;
  if (fields.domain.trim()) input['domain'] = fields.domain;
  return input;
}

export function validateSignIn(
  fields: SignInFields,
): { ok: true; input: SipAccountInput } | { ok: false; errors: FieldErrors } {
  const parsed = SipAccountInputSchema.safeParse(toAccountInput(fields));
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isField(field) || errors[field]) continue; // first problem per field is enough to act on
    const kind = fields[field].trim() === '' ? 'required' : issue.code === 'too_big' ? 'tooLong' : 'invalid';
    errors[field] = messages[field][kind];
  }
  return { ok: false, errors };
}
