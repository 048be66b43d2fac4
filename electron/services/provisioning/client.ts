/**
 * The provisioning service's sign-in API (switchboard/provisioning/openapi.yaml) over fetch.
 * Never throws for what the network or the service does: every answer becomes a typed result,
 * problem+json errors their `code` (with retryAfterSec / triesLeft), and a network failure or a
 * timeout "server-unreachable".
 */
import type {
  CodeRequestResult,
  Company,
  NumberSignInErrorCode,
  NumberSignInFailure,
} from '../../../src/shared/number-sign-in.ts';
import { NumberSignInErrorCodeSchema } from '../../../src/shared/number-sign-in.ts';
import type { Language } from '../../../src/shared/domain.ts';
import {
  ContactCenterAccountSchema,
  type ContactCenterAccount,
  type ResetCodeRequest,
} from '../../../src/shared/password-sign-in.ts';

export type ProvisionedAccount = {
  device: { id: string; token: string };
  sip: { username: string; password: string; domain: string; wsUrl: string; displayName: string };
};

/** "Get code" waits for the phone to be answered: up to the service's 30 s ring time, plus a call queued before. */
export const CODE_CALL_TIMEOUT_MS = 75_000;

export type ProvisioningClientOptions = {
  baseUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export type LookupAnswer = { ok: true; mobile: string; companies: Company[] } | NumberSignInFailure;
export type VerifyAnswer = { ok: true; account: ProvisionedAccount } | NumberSignInFailure;

export type PasswordSignInAnswer =
  | {
      ok: true;
      account: ProvisionedAccount;
      mustChangePassword: boolean;
      user: ContactCenterAccount;
      companyId: number;
    }
  | NumberSignInFailure;

/** What the station step needs from the service: where calls ring now, whether a desk phone can, the typed number. */
export type StationAnswer =
  { ok: true; ringTarget: string; deskPhone: boolean; ringNumber: string | null } | NumberSignInFailure;

export type DeviceStatusAnswer =
  | { ok: true; state: 'active' }
  | { ok: true; state: 'revoked'; reason: 'replaced' | 'admin' | 'signed-out' | 'password-changed' }
  | NumberSignInFailure;

export class ProvisioningClient {
  readonly #base: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: ProvisioningClientOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? fetch;
  }

  async lookup(mobile: string): Promise<LookupAnswer> {
    const answer = await this.#post('/v1/sign-in/lookup', { mobile });
    if (!answer.ok) return answer;
    const body = answer.body as { mobile?: unknown; companies?: unknown };
    const companies = Array.isArray(body.companies) ? body.companies.filter(isCompany) : [];
    if (typeof body.mobile !== 'string' || companies.length === 0) return malformed();
    return { ok: true, mobile: body.mobile, companies: companies.map(({ id, name }) => ({ id, name })) };
  }

  async requestCode(mobile: string, companyId: number, language: Language): Promise<CodeRequestResult> {
    // The service answers once the phone picked up (it may ring for 30 s, after a call queued before it).
    const answer = await this.#post('/v1/sign-in/code', { mobile, companyId, language }, {}, CODE_CALL_TIMEOUT_MS);
    if (!answer.ok) return answer;
    const body = answer.body as Record<string, unknown>;
    const { expiresInSec, resendAfterSec, triesAllowed } = body;
    if (![expiresInSec, resendAfterSec, triesAllowed].every(isCount)) return malformed();
    return {
      ok: true,
      expiresInSec: expiresInSec as number,
      resendAfterSec: resendAfterSec as number,
      triesAllowed: triesAllowed as number,
    };
  }

  async verify(mobile: string, companyId: number, code: string): Promise<VerifyAnswer> {
    const answer = await this.#post('/v1/sign-in/verify', { mobile, companyId, code });
    if (!answer.ok) return answer;
    const account = provisionedAccount(answer.body);
    return account ? { ok: true, account } : malformed();
  }

  /** E-mail and password: the number sign-in's device and SIP account, plus who signed in. */
  async signInWithPassword(email: string, password: string, deviceName?: string): Promise<PasswordSignInAnswer> {
    const answer = await this.#post('/v1/sign-in/password', {
      email,
      password,
      app: 'desktop',
      ...(deviceName ? { deviceName } : {}),
    });
    if (!answer.ok) return answer;
    const body = answer.body as { mustChangePassword?: unknown; account?: unknown; person?: { company?: unknown } };
    const account = provisionedAccount(answer.body);
    const user = ContactCenterAccountSchema.safeParse(body.account);
    const company = body.person?.company as { id?: unknown } | undefined;
    const companyId = company?.id;
    if (!account || !user.success || typeof body.mustChangePassword !== 'boolean') return malformed();
    if (typeof companyId !== 'number' || !Number.isInteger(companyId) || companyId < 1) return malformed();
    return { ok: true, account, mustChangePassword: body.mustChangePassword, user: user.data, companyId };
  }

  /** The signed-in device's account gets a new password; its other devices are signed out by the service. */
  async changePassword(
    deviceToken: string,
    currentPassword: string,
    newPassword: string,
  ): Promise<{ ok: true } | NumberSignInFailure> {
    const answer = await this.#post(
      '/v1/password/change',
      { currentPassword, newPassword },
      { authorization: `Bearer ${deviceToken}` },
    );
    return answer.ok ? { ok: true } : answer;
  }

  /** Forgot password: the service mails a six-digit code (and answers alike for an unknown e-mail). */
  async requestResetCode(email: string, language: Language): Promise<ResetCodeRequest> {
    const mailLanguage = language === 'zh-CN' ? 'zh-CN' : 'en';
    const answer = await this.#post('/v1/password/forgot', { email, language: mailLanguage });
    if (!answer.ok) return answer;
    const { expiresInSec, resendAfterSec, triesAllowed } = answer.body as Record<string, unknown>;
    if (!isCount(expiresInSec) || !isCount(resendAfterSec) || !isCount(triesAllowed)) return malformed();
    return { ok: true, expiresInSec, resendAfterSec, triesAllowed };
  }

  async resetPassword(email: string, code: string, newPassword: string): Promise<{ ok: true } | NumberSignInFailure> {
    const answer = await this.#post('/v1/password/reset', { email, code, newPassword });
    return answer.ok ? { ok: true } : answer;
  }

  /** The station step's load: the device's own presence snapshot (its ring target and station). */
  async station(deviceToken: string): Promise<StationAnswer> {
    const answer = await this.#request('GET', '/v1/presence', undefined, { authorization: `Bearer ${deviceToken}` });
    if (!answer.ok) return answer;
    const body = answer.body as {
      me?: { ringTarget?: unknown };
      station?: { deskPhone?: unknown; ringNumber?: unknown };
    };
    const ringTarget = body.me?.ringTarget;
    const station = body.station;
    if (typeof ringTarget !== 'string' || typeof station?.deskPhone !== 'boolean') return malformed();
    const ringNumber = typeof station.ringNumber === 'string' ? station.ringNumber : null;
    return { ok: true, ringTarget, deskPhone: station.deskPhone, ringNumber };
  }

  /** Where this device's person's calls ring (PUT /v1/ring-target); `number` with `ringTarget: 'number'`. */
  async setRingTarget(
    deviceToken: string,
    ringTarget: string,
    number?: string,
  ): Promise<{ ok: true } | NumberSignInFailure> {
    const answer = await this.#request(
      'PUT',
      '/v1/ring-target',
      { ringTarget, ...(number !== undefined ? { number } : {}) },
      { authorization: `Bearer ${deviceToken}` },
    );
    return answer.ok ? { ok: true } : answer;
  }

  /** Retires this device at the service. A device the service no longer knows is already signed out. */
  async signOut(deviceToken: string): Promise<{ ok: true } | NumberSignInFailure> {
    const answer = await this.#post('/v1/sign-out', {}, { authorization: `Bearer ${deviceToken}` });
    if (answer.ok || answer.code === 'device-unknown') return { ok: true };
    return answer;
  }

  /**
   * Is this device still signed in? `revoked` says why not (another computer, the administrator);
   * a token the service never knew counts as revoked by the administrator (e.g. its database was reset).
   */
  async deviceStatus(deviceToken: string): Promise<DeviceStatusAnswer> {
    const answer = await this.#request('GET', '/v1/device', undefined, { authorization: `Bearer ${deviceToken}` });
    if (!answer.ok) return answer.code === 'device-unknown' ? { ok: true, state: 'revoked', reason: 'admin' } : answer;
    const body = answer.body as { active?: unknown; revokedReason?: unknown };
    if (body.active === true) return { ok: true, state: 'active' };
    if (body.active !== false) return malformed();
    const reason =
      body.revokedReason === 'replaced' ||
      body.revokedReason === 'signed-out' ||
      body.revokedReason === 'password-changed'
        ? body.revokedReason
        : 'admin';
    return { ok: true, state: 'revoked', reason };
  }

  async #post(
    path: string,
    payload: unknown,
    headers: Record<string, string> = {},
    timeoutMs = this.#timeoutMs,
  ): Promise<{ ok: true; body: unknown } | NumberSignInFailure> {
    return this.#request('POST', path, payload, headers, timeoutMs);
  }

  async #request(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    payload: unknown,
    headers: Record<string, string> = {},
    timeoutMs = this.#timeoutMs,
  ): Promise<{ ok: true; body: unknown } | NumberSignInFailure> {
    let response: Response;
    let body: unknown;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers: {
          ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
          accept: 'application/json, application/problem+json',
          ...headers,
        },
        ...(method !== 'GET' ? { body: JSON.stringify(payload) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status === 204) return { ok: true, body: {} };
      body = await response.json().catch(() => null);
    } catch (error) {
      return { ok: false, code: 'server-unreachable', detail: String(error).slice(0, 500) };
    }
    if (response.ok) return body !== null && typeof body === 'object' ? { ok: true, body } : malformed();
    return problem(response, body);
  }
}

function problem(response: Response, body: unknown): NumberSignInFailure {
  const fields = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const parsed = NumberSignInErrorCodeSchema.safeParse(fields.code);
  const code: NumberSignInErrorCode = parsed.success ? parsed.data : 'failed';
  const header = Number(response.headers.get('retry-after'));
  const retryAfterSec = isCount(fields.retryAfterSec) ? fields.retryAfterSec : isCount(header) ? header : undefined;
  const detail = typeof fields.title === 'string' ? fields.title.slice(0, 500) : `HTTP ${response.status}`;
  return {
    ok: false,
    code,
    ...(retryAfterSec !== undefined ? { retryAfterSec } : {}),
    ...(isCount(fields.triesLeft) ? { triesLeft: fields.triesLeft } : {}),
    ...(typeof fields.traceId === 'string' && /^[0-9a-f]{6,32}$/.test(fields.traceId)
      ? { traceId: fields.traceId }
      : {}),
    ...(Array.isArray(fields.violations) ? { violations: violationCodes(fields.violations) } : {}),
    detail,
  };
}

/** The codes of the rules a new password broke ({code, message} each), for the app to word itself. */
function violationCodes(list: unknown[]): string[] {
  return list
    .map((item) => (item as { code?: unknown } | null)?.code)
    .filter((code): code is string => typeof code === 'string' && code.length <= 40)
    .slice(0, 20);
}

/** The device and SIP account of a sign-in answer (number or password), or null when it is not one. */
function provisionedAccount(raw: unknown): ProvisionedAccount | null {
  const body = raw as { device?: Record<string, unknown>; sip?: Record<string, unknown> };
  const sip = body.sip ?? {};
  const device = body.device ?? {};
  const sipFields = ['username', 'password', 'domain', 'wsUrl', 'displayName'] as const;
  if (!sipFields.every((key) => typeof sip[key] === 'string') || typeof device.token !== 'string') return null;
  return {
    device: { id: String(device.id ?? ''), token: device.token },
    sip: {
      username: sip.username as string,
      password: sip.password as string,
      domain: sip.domain as string,
      wsUrl: sip.wsUrl as string,
      displayName: sip.displayName as string,
    },
  };
}

function malformed(): NumberSignInFailure {
  return { ok: false, code: 'failed', detail: 'Unexpected answer from the provisioning service' };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isCompany(value: unknown): value is Company {
  const company = value as { id?: unknown; name?: unknown } | null;
  return (
    typeof company?.id === 'number' &&
    Number.isInteger(company.id) &&
    company.id > 0 &&
    typeof company.name === 'string'
  );
}
