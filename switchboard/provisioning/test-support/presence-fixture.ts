import { testProvisioningService } from './test-service.ts';
import { callbackRoutes } from '../callback-http.ts';
import { CallbackDesk } from '../callback-desk.ts';
import { CallbackQueue } from '../callback-queue.ts';
import { openProvisioningDb, type ProvisioningDb } from '../db.ts';
import { demoPeople, seedDemoData } from '../demo-data.ts';
import type { RouteHandler } from '../http.ts';
import { presenceRoutes } from '../presence-http.ts';
import { PresenceService, type PresenceLimits } from '../presence-service.ts';
import type { ProvisioningService } from '../service.ts';
import { ManualClock } from './manual-clock.ts';
import { RecordingCallbackPlacer } from './recording-callback-placer.ts';
import { RecordingCodeCaller } from './recording-code-caller.ts';

export type PresenceFixture = {
  db: ProvisioningDb;
  clock: ManualClock;
  service: ProvisioningService;
  presence: PresenceService;
  callbacks: RecordingCallbackPlacer;
  companyId: number;
  /** Presence and the guarded callback route, wired as start.ts wires them. */
  routes(): Record<string, RouteHandler>;
  /** Signs the demo person with this extension in on the desktop app; returns the device token. */
  signIn(extension: string): Promise<string>;
  close(): void;
};

/** TEST SUPPORT: the demo company (hotline 8200 = 8001, 8002, 8003) with a manual clock. */
export function presenceFixture(options: { limits?: Partial<PresenceLimits> } = {}): PresenceFixture {
  const db = openProvisioningDb(':memory:');
  const clock = new ManualClock();
  const caller = new RecordingCodeCaller();
  const companyId = seedDemoData(db, clock.now());
  const service = testProvisioningService(db, { clock, caller }).service;
  const callbacks = new RecordingCallbackPlacer();
  const queue = new CallbackQueue({
    placer: callbacks,
    companyOf: ({ fromExtension }) =>
      db.prepare(`SELECT company_id FROM people WHERE extension = ?`).pluck().get(fromExtension) as number,
  });
  const presence = new PresenceService({
    db,
    clock,
    devices: service,
    callbacks: queue,
    announcementUser: 'all-busy',
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return {
    db,
    clock,
    service,
    presence,
    callbacks,
    companyId,
    routes: () => ({
      ...presenceRoutes({ presence }),
      ...callbackRoutes({ desk: new CallbackDesk({ db, clock, devices: service, presence, queue }) }),
    }),
    async signIn(extension) {
      const person = demoPeople.find((p) => p.extension === extension);
      if (!person) throw new Error(`no demo person ${extension}`);
      await service.requestCode({ mobile: person.mobile, companyId, language: 'en' }, '127.0.0.1');
      const result = await service.verify(
        { mobile: person.mobile, companyId, code: caller.lastCode(person.mobile) },
        '127.0.0.1',
      );
      return result.device.token;
    },
    close() {
      presence.stop();
      db.close();
    },
  };
}
