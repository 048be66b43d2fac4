import { describe, expect, it } from 'vitest';
import { Teardown } from './teardown.ts';

describe('Teardown', () => {
  it('stops the newest step first, and what started together, together', async () => {
    const stopped: string[] = [];
    const stop = (name: string, ms: number) => () =>
      new Promise<void>((done) => setTimeout(() => (stopped.push(name), done()), ms));
    const teardown = new Teardown();
    teardown.step().add(stop('switchboard', 0));
    teardown.step().add(stop('app A', 20));
    teardown.add(stop('phone', 0));
    teardown.step().add(stop('extra app', 0));
    await teardown.run();
    expect(stopped).toEqual(['extra app', 'phone', 'app A', 'switchboard']);
  });

  it('still stops everything when a stop fails, then reports the failure', async () => {
    const stopped: string[] = [];
    const teardown = new Teardown();
    teardown.step().add(async () => void stopped.push('switchboard'));
    teardown.step().add(() => Promise.reject(new Error('browser gone')));
    teardown.add(async () => void stopped.push('phone'));
    await expect(teardown.run()).rejects.toThrow('browser gone');
    expect(stopped).toEqual(['phone', 'switchboard']);
  });

  it('reports several failures together, and runs each stop only once', async () => {
    let stops = 0;
    const teardown = new Teardown();
    teardown.add(() => Promise.reject(new Error('one')));
    teardown.add(() => Promise.reject(new Error('two')));
    teardown.add(async () => void stops++);
    await expect(teardown.run()).rejects.toThrow('2 things failed to stop');
    await teardown.run();
    expect(stops).toBe(1);
  });
});
