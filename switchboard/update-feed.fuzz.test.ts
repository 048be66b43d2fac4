import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests } from '../test/support/http-fuzz.ts';
import { misbehaviour, sendAll, sendRaw } from '../test/support/raw-http.ts';
import { startUpdateFeed, type RunningUpdateFeed } from './update-feed.ts';

const SEEDS = [11, 12];
const PER_SEED = 400;

describe('update feed under hostile requests', { timeout: 60_000 }, () => {
  let feed: RunningUpdateFeed;
  let port: number;
  let installer: string;

  beforeAll(async () => {
    feed = await startUpdateFeed();
    installer = await feed.publish({ version: '9.9.9', bytes: Buffer.from('installer bytes') });
    port = Number(new URL(feed.url).port);
  });
  afterAll(async () => feed.stop());

  it.each(['//', '/%', '/%zz', '/..%2f', '/%2e%2e%2fetc%2fpasswd', '/latest.yml/..', '//latest.yml'])(
    'answers GET %s with 400 problem+json, and latest.yml is still served',
    async (target) => {
      const answer = await sendRaw(port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
      expect(answer).toMatchObject({ status: 400, contentType: 'application/problem+json; charset=utf-8' });
      expect((await fetch(`${feed.url}latest.yml`)).status).toBe(200);
    },
  );

  it('serves only flat names inside its directory: no dot files, nothing above it', async () => {
    for (const path of ['/.hidden', '/nope.exe', '/a/latest.yml', '/%2E%2E']) {
      const status = (await sendRaw(port, Buffer.from(`GET ${path} HTTP/1.1\r\nHost: a\r\n\r\n`))).status;
      expect([400, 404]).toContain(status);
    }
    expect(await (await fetch(`${feed.url}${installer}`)).text()).toBe('installer bytes');
  });

  it.each(SEEDS)('seed %i: 400 hostile requests get no 5xx and only problem+json refusals', async (seed) => {
    const inputs = hostileRequests(seed, PER_SEED, { paths: ['/latest.yml', `/${installer}`, '/'] });
    const results = await sendAll(port, inputs);
    expect(misbehaviour(results)).toEqual([]);
    expect(await (await fetch(`${feed.url}latest.yml`)).text()).toMatch(/^version: 9\.9\.9$/m);
  });
});
