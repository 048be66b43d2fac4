import { AgentStore } from './agent-store.ts';
import { callPermissionOf, limitingPermission } from './call-permission.ts';
import type { CallbackQueue } from './callback-queue.ts';
import type { Clock } from './clock.ts';
import type { ProvisioningDb } from './db.ts';
import { ProvisioningError } from './problems.ts';
import { DAY, HOUR } from './sign-in-limits.ts';

export type CallbackLimits = {
  /** Callbacks one person (all their devices) may have placed per hour and per day. */
  perPersonPerHour: number;
  perPersonPerDay: number;
};

export const defaultCallbackLimits: CallbackLimits = { perPersonPerHour: 30, perPersonPerDay: 200 };

/** How long `callback_requests` keeps who had the switchboard call which number. */
const KEEP_MS = 30 * DAY;

/** Who the bearer token belongs to (ProvisioningService). */
export interface CallbackDevices {
  deviceByToken(token: string): { deviceId: string; personId: number; companyId: number };
}

/** Places the callback once it is allowed: checks mobile mode and Offline (PresenceService). */
export interface CallbackPresence {
  requestCallback(token: string, to: string): { callbackId: string };
}

export type CallbackDeskOptions = {
  db: ProvisioningDb;
  clock: Clock;
  devices: CallbackDevices;
  presence: CallbackPresence;
  /** The callback line's waiting room; must be the placer PresenceService places through. */
  queue: CallbackQueue;
  limits?: Partial<CallbackLimits>;
};

/**
 * The guard in front of `POST /v1/callback` (issue 22). A callback makes the switchboard place two
 * calls at its own cost (to the mobile, then to `to`), so before PresenceService places one:
 * the person's rate (`limits`), their call permission for `to` (call-permission.ts: the directory's
 * internal / national / international), and room in their company's queue (callback-queue.ts).
 * Refusals are problem+json: `rate-limited` 429, `call-not-permitted` 403, `callback-queue-full` 503,
 * each with what the user can do.
 */
export class CallbackDesk {
  readonly limits: CallbackLimits;
  private readonly db: ProvisioningDb;
  /** Which numbers are ours (extensions, groups): they are internal calls. */
  private readonly numbers: AgentStore;
  private readonly clock: Clock;
  private readonly devices: CallbackDevices;
  private readonly presence: CallbackPresence;
  private readonly queue: CallbackQueue;

  constructor(options: CallbackDeskOptions) {
    this.db = options.db;
    this.numbers = new AgentStore(options.db);
    this.clock = options.clock;
    this.devices = options.devices;
    this.presence = options.presence;
    this.queue = options.queue;
    this.limits = { ...defaultCallbackLimits, ...options.limits };
  }

  /** `to` as dialled: an extension, a group number or a phone number, maybe with "+" or "00". */
  request(token: string, to: string): { callbackId: string } {
    const device = this.devices.deviceByToken(token);
    const person = this.db.prepare(`SELECT mobile, call_permission FROM people WHERE id = ?`).get(device.personId) as
      { mobile: string; call_permission: string } | undefined;
    if (!person) throw new ProvisioningError('device-unknown', 'This device is not signed in');
    const now = this.clock.now();
    this.checkRate(device.personId, now, this.limits.perPersonPerHour, HOUR);
    this.checkRate(device.personId, now, this.limits.perPersonPerDay, DAY);
    const caller = { mobile: person.mobile, callPermission: callPermissionOf(person.call_permission) };
    const limit = limitingPermission(caller, to, (digits) => this.numbers.isOurNumber(digits));
    if (limit) {
      throw new ProvisioningError(
        'call-not-permitted',
        limit === 'internal'
          ? 'Your company allows you internal calls only (extensions and groups). Ask your administrator.'
          : 'Your company allows you calls within your country only. Ask your administrator.',
      );
    }
    if (!this.queue.hasRoom(device.companyId)) {
      throw new ProvisioningError(
        'callback-queue-full',
        `Your company already has ${this.queue.perCompany} callbacks waiting. Try again in a minute.`,
        { retryAfterSec: 60 },
      );
    }
    const placed = this.presence.requestCallback(token, to.replace(/^\+/, ''));
    this.db.prepare(`DELETE FROM callback_requests WHERE at <= ?`).run(now - KEEP_MS);
    this.db
      .prepare(
        `INSERT INTO callback_requests (id, company_id, person_id, device_id, to_number, at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(placed.callbackId, device.companyId, device.personId, device.deviceId, to, now);
    return placed;
  }

  private checkRate(personId: number, now: number, limit: number, windowMs: number): void {
    const oldestCounted = this.db
      .prepare(`SELECT at FROM callback_requests WHERE person_id = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?`)
      .pluck()
      .get(personId, now - windowMs, limit - 1) as number | undefined;
    if (oldestCounted === undefined) return;
    const retryAfterSec = Math.max(1, Math.ceil((oldestCounted + windowMs - now) / 1000));
    throw new ProvisioningError(
      'rate-limited',
      `You asked for ${limit} callbacks in ${windowMs === HOUR ? 'an hour' : 'a day'}. Try again in ${retryAfterSec} s.`,
      { retryAfterSec },
    );
  }
}
