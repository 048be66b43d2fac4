import type { DeviceApp } from './sip-accounts.ts';

export type ProblemCode =
  | 'invalid-request'
  | 'invalid-number'
  | 'number-not-registered'
  | 'code-not-requested'
  | 'code-wrong'
  | 'code-expired'
  | 'too-many-tries'
  | 'rate-limited'
  | 'resend-too-early'
  | 'code-call-failed'
  | 'device-unknown'
  | 'other-device-active'
  | 'not-found'
  | 'not-in-mobile-mode'
  | 'no-desk-phone'
  | 'offline'
  | 'call-not-permitted'
  | 'callback-queue-full'
  | 'wrong-password'
  | 'password-rules'
  | 'account-exists'
  | 'account-cap-reached'
  | 'mail-failed'
  | 'password-change-required'
  | 'visitor-unknown'
  | 'visitor-signature-invalid'
  | 'message-too-long'
  | 'chat-queue-full'
  | 'chat-offer-gone'
  | 'chat-ended'
  | 'chat-not-ended'
  | 'member-offline'
  | 'chat-visitor-busy'
  | 'chat-visitor-anonymous'
  | 'context-unavailable'
  | 'image-refused'
  | 'image-too-large'
  | 'survey-already-sent'
  | 'survey-not-sent'
  | 'survey-already-answered'
  | 'not-same-company'
  | 'not-supervisor';

const statusOf: Record<ProblemCode, number> = {
  'invalid-request': 400,
  'invalid-number': 400,
  'number-not-registered': 404,
  'code-not-requested': 409,
  'code-wrong': 401,
  'code-expired': 410,
  'too-many-tries': 429,
  'rate-limited': 429,
  'resend-too-early': 429,
  'code-call-failed': 502,
  'device-unknown': 401,
  'other-device-active': 409,
  'not-found': 404,
  'not-in-mobile-mode': 409,
  'no-desk-phone': 409,
  offline: 403,
  'call-not-permitted': 403,
  'callback-queue-full': 503,
  'wrong-password': 401,
  'password-rules': 422,
  'account-exists': 409,
  'account-cap-reached': 409,
  'mail-failed': 502,
  'password-change-required': 403,
  'visitor-unknown': 401,
  'visitor-signature-invalid': 401,
  'message-too-long': 400,
  'chat-queue-full': 503,
  'chat-offer-gone': 409,
  'chat-ended': 409,
  'chat-not-ended': 409,
  'member-offline': 409,
  'chat-visitor-busy': 409,
  'chat-visitor-anonymous': 409,
  'context-unavailable': 502,
  'image-refused': 415,
  'image-too-large': 413,
  'survey-already-sent': 409,
  'survey-not-sent': 409,
  'survey-already-answered': 409,
  'not-same-company': 403,
  'not-supervisor': 403,
};

/** With `password-rules`: each rule the new password breaks, as a code the app words itself, and words. */
export type ViolationDetail = { code: string; message: string };

/** A failure the client can act on; `code` is the machine-readable problem type. */
export class ProvisioningError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly triesLeft: number | undefined;
  readonly retryAfterSec: number | undefined;
  /** With `other-device-active`: which app is signed in already. */
  readonly activeApp: DeviceApp | undefined;
  readonly violations: ViolationDetail[] | undefined;
  constructor(
    code: ProblemCode,
    message: string,
    extra: { triesLeft?: number; retryAfterSec?: number; activeApp?: DeviceApp; violations?: ViolationDetail[] } = {},
  ) {
    super(message);
    this.name = 'ProvisioningError';
    this.code = code;
    this.status = statusOf[code];
    this.triesLeft = extra.triesLeft;
    this.retryAfterSec = extra.retryAfterSec;
    this.activeApp = extra.activeApp;
    this.violations = extra.violations;
  }
}

/** A refusal thrown by `check` as a value, so the transaction around it still commits what it counted. */
export function refusalOf(check: () => void): ProvisioningError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof ProvisioningError) return error;
    throw error;
  }
}
