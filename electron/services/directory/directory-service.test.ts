import { describe, expect, it } from 'vitest';
import { DirectoryService } from './directory-service.ts';
import { DirectoryStore } from './directory-store.ts';

const device = {
  serviceUrl: 'http://prov.test',
  deviceId: 'd1',
  token: 'device-token-0123456789abcdef',
  companyId: 1,
  mobile: '+8613800138000',
};

describe('DirectoryService at quit', () => {
  it('stops a sync under way and waits for it, so nothing is written once the store may close', async () => {
    const store = DirectoryStore.open(':memory:');
    let asked = 0;
    // The service is slow to answer: the page is still on its way when the app quits.
    const fetch = ((_url: string | URL | Request, init?: RequestInit) => {
      asked++;
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    }) as typeof globalThis.fetch;
    const service = new DirectoryService({
      store,
      device: () => device,
      onStatus: () => {},
      onChanged: () => {},
      fetch,
    });
    const syncing = service.sync();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBe(1);

    await service.close();
    await syncing;
    // One request, no retries after the stop, and no page applied.
    expect(asked).toBe(1);
    expect(store.syncState()?.version ?? 0).toBe(0);
    // A sync asked for after the stop (a late timer, a reconnect) does nothing.
    await service.sync();
    expect(asked).toBe(1);
    store.close();
  });
});
