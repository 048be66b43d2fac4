import { describe, expect, it } from 'vitest';
import type { CallbackRequest } from './callback-placer.ts';
import { CallbackQueue, CallbackQueueFullError } from './callback-queue.ts';

/** One line, one callback at a time, each finished by the test. */
function slowLine() {
  const placed: string[] = [];
  const finish: (() => void)[] = [];
  return {
    placed,
    placer: {
      placeCallback(request: CallbackRequest) {
        placed.push(request.fromExtension);
        return new Promise<void>((resolve) => finish.push(resolve));
      },
    },
    async finishOne() {
      finish.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

const request = (fromExtension: string): CallbackRequest => ({
  mobileDigits: '8613800138000',
  to: '8001',
  fromExtension,
});

describe('the callback queue', () => {
  it('takes companies in turn, whoever asked first and most', async () => {
    const line = slowLine();
    // The company is the extension's first digit here.
    const queue = new CallbackQueue({ placer: line.placer, companyOf: (r) => Number(r.fromExtension[0]) });
    for (const from of ['100', '101', '102', '103', '200', '201', '300']) void queue.placeCallback(request(from));
    for (let i = 0; i < 7; i++) await line.finishOne();
    expect(line.placed).toEqual(['100', '200', '300', '101', '201', '102', '103']);
  });

  it('refuses past the company bound without keeping the request, and makes room as callbacks end', async () => {
    const line = slowLine();
    const queue = new CallbackQueue({ placer: line.placer, companyOf: () => 1, perCompany: 2 });
    void queue.placeCallback(request('100'));
    void queue.placeCallback(request('101'));
    expect(queue.hasRoom(1)).toBe(false);
    await expect(queue.placeCallback(request('102'))).rejects.toBeInstanceOf(CallbackQueueFullError);
    expect(queue.pending(1)).toBe(2);
    await line.finishOne();
    expect(queue.hasRoom(1)).toBe(true);
    expect(line.placed).toEqual(['100', '101']);
  });

  it('a placer that fails (or throws) fails that callback only; the next one is placed', async () => {
    let calls = 0;
    const queue = new CallbackQueue({
      placer: {
        placeCallback() {
          calls++;
          if (calls === 1) throw new Error('line is down');
          return Promise.resolve();
        },
      },
      companyOf: () => 1,
    });
    await expect(queue.placeCallback(request('100'))).rejects.toThrow('line is down');
    await expect(queue.placeCallback(request('101'))).resolves.toBeUndefined();
    expect(queue.pending(1)).toBe(0);
  });
});
