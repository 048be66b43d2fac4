import type { Clock } from './clock.ts';
import type { ProvisioningDb } from './db.ts';

export type AuditFields = { mobile?: string; clientAddress?: string; deviceId?: string; detail?: string };

/** `sign_in_audit`: every code call, wrong try, lockout, sign-in and revocation (never a code). */
export class SignInAudit {
  private readonly db: ProvisioningDb;
  private readonly clock: Clock;

  constructor(db: ProvisioningDb, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  record(event: string, fields: AuditFields): void {
    this.db
      .prepare(
        `INSERT INTO sign_in_audit (at, event, mobile, client_address, device_id, detail) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.clock.now(),
        event,
        fields.mobile ?? null,
        fields.clientAddress ?? null,
        fields.deviceId ?? null,
        fields.detail ?? null,
      );
  }
}
