/**
 * The browser host's process survives whatever a request does: through the real WebSocket from a
 * real page, a verb whose handler throws is answered with a generic failure (and logged with its
 * stack), frames that are not requests are ignored, and the next request is answered as usual.
 * Needs Chromium and the built pages (`npx vite build`); no switchboard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IpcResult, SwitchboardApi } from '../../src/shared/ipc/contract.ts';
import { recordingLogger } from '../services/log/test-support/recording-logger.ts';
import { GENERIC_FAILURE } from '../services/ipc/routers.ts';
import { startBrowserHost, type BrowserHost } from './browser-host.ts';

describe('the browser host when a request fails', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-ipc-failure-'));
  const log = recordingLogger();
  let host: BrowserHost;

  beforeAll(async () => {
    host = await startBrowserHost({ dataDir, headless: true, systemLocale: 'en-US', log });
  });
  afterAll(async () => {
    await host?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const page = () => {
    if (!host.uiPage) throw new Error('No UI window');
    return host.uiPage;
  };

  it('a verb whose handler throws gets a generic failure and a log line with the error; the next request works', async () => {
    const broken = new Error('disk I/O error');
    const list = host.core.history.list;
    host.core.history.list = () => {
      throw broken;
    };
    try {
      const [failed, next] = await page().evaluate(async () => {
        const api = (window as unknown as { switchboard: SwitchboardApi }).switchboard;
        return [await api.listCallLog({ limit: 10 }), await api.getState({})] as const;
      });
      expect(failed).toEqual({ ok: false, error: { code: 'failed', message: GENERIC_FAILURE } });
      expect(next).toMatchObject({ ok: true, value: { registration: { status: 'signed-out' } } });
    } finally {
      host.core.history.list = list;
    }
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        message: 'handler failed',
        fields: expect.objectContaining({ verb: 'listCallLog', err: broken }),
      }),
    );
  });

  it('frames that are not requests (null, a number, broken JSON) are ignored and the same connection answers the next', async () => {
    const answer = await page().evaluate(async () => {
      const params = new URLSearchParams(window.location.hash.slice(1));
      const socket = new WebSocket(`${params.get('host')}?role=ui&token=${encodeURIComponent(params.get('token')!)}`);
      await new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      });
      const result = new Promise<unknown>((resolve) => {
        socket.onmessage = (message) => {
          const frame = JSON.parse(String(message.data)) as { t: string; id?: number; result?: unknown };
          if (frame.t === 'result' && frame.id === 7) resolve(frame.result);
        };
      });
      for (const text of ['null', '42', '"invoke"', '{', '{"t":"invoke","id":"x","verb":"getState"}'])
        socket.send(text);
      socket.send(JSON.stringify({ t: 'invoke', id: 7, verb: 'getCallHistoryInfo', payload: {} }));
      const value = await result;
      socket.close();
      return value;
    });
    expect(answer as IpcResult<unknown>).toEqual({ ok: true, value: { missedUnseen: 0, retention: 'forever' } });
  });
});
