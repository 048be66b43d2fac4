import { describe, expect, it } from 'vitest';
import { EngineLogEntrySchema } from '../../../src/shared/ipc/contract.ts';
import type { AppCore } from '../app/core.ts';
import { createEngineRouter, engineHandlers } from '../ipc/routers.ts';
import { engineLogIntake } from './engine-log-intake.ts';
import { recordingLogger } from './test-support/recording-logger.ts';

describe("the engine's log lines in main", () => {
  it('writes each line at its level with its fields', () => {
    const log = recordingLogger();
    const intake = engineLogIntake(log);
    intake({ level: 'info', message: 'registration', fields: { status: 'registered' } });
    intake({ level: 'warn', message: 'SIP message dropped', fields: { reason: 'no Via' } });
    expect(log.lines).toEqual([
      { level: 'info', message: 'registration', fields: { status: 'registered' } },
      { level: 'warn', message: 'SIP message dropped', fields: { reason: 'no Via' } },
    ]);
  });

  it('a flood from the page is cut to the burst, then the steady rate, and the count of dropped lines is written', () => {
    const log = recordingLogger();
    let clock = 0;
    const intake = engineLogIntake(log, { burst: 10, perSecond: 5 }, () => clock);
    for (let i = 0; i < 10_000; i += 1) intake({ level: 'info', message: `flood ${i}`, fields: {} });
    expect(log.lines).toHaveLength(10);

    clock += 1000; // five lines' worth of tokens
    for (let i = 0; i < 100; i += 1) intake({ level: 'error', message: 'more', fields: {} });
    expect(log.lines.slice(10, 12)).toEqual([
      {
        level: 'warn',
        message: 'engine log lines dropped: the engine page wrote faster than allowed',
        fields: { dropped: 9990 },
      },
      { level: 'error', message: 'more', fields: {} },
    ]);
    expect(log.lines).toHaveLength(10 + 1 + 5);
  });

  it('the contract cuts long text and refuses lines with too many or non-scalar fields', () => {
    const long = EngineLogEntrySchema.parse({
      level: 'info',
      message: 'x'.repeat(10_000),
      fields: { a: 'y'.repeat(10_000) },
    });
    expect(long.message.length).toBeLessThanOrEqual(501);
    expect(String(long.fields.a).length).toBeLessThanOrEqual(501);
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i]));
    expect(EngineLogEntrySchema.safeParse({ level: 'info', message: 'm', fields: many }).success).toBe(false);
    expect(EngineLogEntrySchema.safeParse({ level: 'info', message: 'm', fields: { nested: { a: 1 } } }).success).toBe(
      false,
    );
    expect(EngineLogEntrySchema.safeParse({ level: 'fatal', message: 'm', fields: {} }).success).toBe(false);
  });

  it("the engine router validates the page's line, then hands it to the intake; a bad one is refused", async () => {
    const log = recordingLogger();
    // A log line never reaches the core.
    const route = createEngineRouter(engineHandlers({} as AppCore, engineLogIntake(log)));
    expect(await route('log', { level: 'error', message: 'ICE failed', fields: { callId: 'c1' } })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await route('log', { level: 'error', message: 'x', fields: { sdp: { nested: true } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
    expect(log.lines).toEqual([{ level: 'error', message: 'ICE failed', fields: { callId: 'c1' } }]);
  });
});
