import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProvisioningDb, type ProvisioningDb } from '../db.ts';
import { close, createProvisioningServer, listen } from '../http.ts';
import { testProvisioningService } from '../test-support/test-service.ts';
import { serveVisitorPage, visitorPageCsp } from './visitor-page-site.ts';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

describe('the customer chat page under /chat/', () => {
  const parent = mkdtempSync(join(tmpdir(), 'visitor-page-site-'));
  const site = join(parent, 'site');
  let db: ProvisioningDb;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>chat</title>');
    writeFileSync(join(site, 'assets', 'index-1.js'), 'console.log(1)');
    writeFileSync(join(site, 'assets', 'notes.txt'), 'not a page file');
    writeFileSync(join(parent, 'secret.html'), 'outside the site');
    db = openProvisioningDb(':memory:');
    server = createProvisioningServer({
      service: testProvisioningService(db).service,
      chatPage: serveVisitorPage(site),
    });
    port = Number(new URL(await listen(server)).port);
  });
  afterAll(async () => {
    await close(server);
    db.close();
    rmSync(parent, { recursive: true, force: true });
  });

  /** The path goes out exactly as written (fetch would fold "..") */
  const get = (path: string, method = 'GET') =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves the page with a CSP that allows only this origin, and nosniff', async () => {
    const page = await get('/chat/?company=1');
    expect(page).toMatchObject({ status: 200, body: '<!doctype html><title>chat</title>' });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(visitorPageCsp);
    expect(visitorPageCsp).toContain("default-src 'self'; connect-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const script = await get('/chat/assets/index-1.js');
    expect(script).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it("sends /chat to /chat/ keeping the link's query, so the page's relative files resolve", async () => {
    const moved = await get('/chat?company=1&lang=en');
    expect(moved.status).toBe(301);
    expect(moved.headers['location']).toBe('/chat/?company=1&lang=en');
  });

  it('reaches nothing outside the built page', async () => {
    for (const path of [
      '/chat/../secret.html',
      '/chat/%2e%2e/secret.html',
      '/chat/..%2fsecret.html',
      '/chat/assets/..',
    ])
      expect((await get(path)).status, path).toBe(400);
    expect((await get('/chat/assets/notes.txt')).status).toBe(404);
    expect((await get('/chat/assets/missing.js')).status).toBe(404);
    expect((await get('/chat/', 'POST')).status).toBe(405);
  });

  it('leaves the API where it was', async () => {
    expect((await get('/v1/health')).status).toBe(200);
  });
});
