import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { close, createProvisioningServer, listen } from './http.ts';
import { createInternalServer, internalRoutes } from './internal-http.ts';
import { presenceRoutes } from './presence-http.ts';
import { presenceFixture, type PresenceFixture } from './test-support/presence-fixture.ts';

const secret = 'test-secret-0123456789-abcdefghijklmnop';

/** A raw request line, as a client that does not tidy its path would send it. */
function rawGet(url: string, path: string, headers: Record<string, string> = {}) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ hostname, port, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe("Kamailio's internal routing listener", () => {
  let f: PresenceFixture;
  let internal: Server;
  let publicServer: Server;
  let internalUrl: string;
  let publicUrl: string;

  beforeEach(async () => {
    f = presenceFixture();
    internal = createInternalServer({ presence: f.presence, secret });
    internalUrl = await listen(internal);
    publicServer = createProvisioningServer({ service: f.service, routes: presenceRoutes({ presence: f.presence }) });
    publicUrl = await listen(publicServer);
  });
  afterEach(async () => {
    await Promise.all([close(internal), close(publicServer)]);
    f.close();
  });

  const ask = (path: string, headers: Record<string, string> = { 'x-switchboard-secret': secret }) =>
    rawGet(internalUrl, path, headers);

  it('answers Kamailio in one line of plain text, only with the secret', async () => {
    // The whole hotline signed in (nobody who never signed in is rung).
    await f.signIn('8001');
    await f.signIn('8002');
    await f.signIn('8003');
    expect(await ask('/internal/route?call=abc%40host&from=outside&to=8200')).toEqual({
      status: 200,
      text: 'ring 8001 8001 20 8200',
    });
    expect(await ask('/internal/route/next?call=abc%40host&member=8001&outcome=timeout')).toEqual({
      status: 200,
      text: 'ring 8002 8002 20 8200',
    });
    expect(await ask('/internal/route/next?call=abc%40host&member=8002&outcome=answered')).toEqual({
      status: 200,
      text: 'done',
    });
    expect(await ask('/internal/route?call=x&from=8001&to=8003')).toEqual({ status: 200, text: 'direct 20' });
    // Refusals are problem+json like every switchboard listener's; Kamailio logs them and routes directly.
    for (const headers of [{}, { 'x-switchboard-secret': 'wrong' }]) {
      const refused = await ask('/internal/route?call=x&from=8001&to=8003', headers);
      expect(refused.status).toBe(403);
      expect(JSON.parse(refused.text)).toMatchObject({ code: 'forbidden' });
    }
    const bad = await ask('/internal/route/next?call=x&member=8001&outcome=maybe');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ code: 'invalid-request', title: expect.stringMatching(/^outcome/) });
  });

  it('answers malformed request lines with a 400 problem and keeps answering', async () => {
    for (const path of ['//', '//internal/route', '/internal/route?call=%', '/%zz', '/internal/route/../route', '*']) {
      const answer = await ask(path);
      expect(answer.status, path).toBe(400);
      expect(JSON.parse(answer.text), path).toMatchObject({ code: 'invalid-request' });
    }
    expect((await ask('/internal/route?call=x&from=8001&to=8003')).status).toBe(200);
  });

  it('is not served by the public listener: /internal/* answers 404 there, with or without the secret', async () => {
    for (const path of [
      '/internal/route?call=x&from=8001&to=8003',
      '/internal/route/next?call=x&member=8001&outcome=timeout',
    ]) {
      const answer = await rawGet(publicUrl, path, { 'x-switchboard-secret': secret });
      expect(answer.status, path).toBe(404);
      expect(answer.text).not.toMatch(/^(direct|ring|done)/);
    }
  });

  it('documents its routes in openapi.yaml, as internal', async () => {
    const doc = await readFile(new URL('./openapi.yaml', import.meta.url), 'utf8');
    for (const route of Object.keys(internalRoutes(f.presence))) {
      const path = route.split(' ')[1]!;
      const start = doc.indexOf(`\n  ${path}:\n`);
      expect(start, route).toBeGreaterThan(0);
      expect(doc.slice(start, doc.indexOf('\n  /', start + 1)), route).toContain('internal listener');
    }
  });
});
