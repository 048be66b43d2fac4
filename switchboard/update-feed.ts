/**
 * The reference switchboard's update server: a directory served over HTTP the way
 * electron-builder's generic provider expects (`latest.yml` and the installers beside
 * it). `publish` writes a release into it, as `electron-builder --publish` would upload
 * one; `tamper` publishes a file whose bytes do not match the sha512 in the feed.
 */
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSafeServer, HttpProblem } from './http-entry.ts';

export type PublishedRelease = { version: string; fileName?: string; bytes?: Buffer; tamper?: boolean };

export interface RunningUpdateFeed {
  /** The feed's directory URL, for the generic provider: `${url}latest.yml`. */
  url: string;
  dir: string;
  /** Writes the installer and latest.yml; returns the installer's name. */
  publish(release: PublishedRelease): Promise<string>;
  /** Every path requested so far (a test can see whether the app downloaded). */
  requests: string[];
  stop(): Promise<void>;
}

export async function startUpdateFeed(options: { dir?: string; host?: string } = {}): Promise<RunningUpdateFeed> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'switchboard-updates-')));
  await mkdir(dir, { recursive: true });
  const requests: string[] = [];
  const notFound = () => new HttpProblem({ status: 404, code: 'not-found', title: 'No such file in the feed' });
  const server: Server = createSafeServer(
    async (request, response, { path, segments }) => {
      requests.push(path);
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        throw new HttpProblem({ status: 405, code: 'method-not-allowed', title: 'The feed is read with GET' });
      }
      // Flat directory: only names inside it, no dot files, no paths.
      const name = segments.length === 1 ? segments[0]! : '';
      if (!/^[\w.+-]+$/.test(name) || name.startsWith('.')) throw notFound();
      const body = await readFile(join(dir, name)).catch(() => {
        throw notFound();
      });
      response.writeHead(200, {
        'content-type': name.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    },
    { name: 'update feed' },
  );
  await new Promise<void>((done) => server.listen(0, options.host ?? '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    dir,
    requests,
    async publish(release) {
      const fileName = release.fileName ?? `Switchboard-Setup-${release.version}.exe`;
      const bytes = release.bytes ?? fakeInstaller(release.version);
      const sha512 = createHash('sha512').update(bytes).digest('base64');
      // A tampered release: the feed describes the genuine bytes, the server hands out others of the same size.
      const served = release.tamper ? Buffer.from(bytes.map((byte, i) => (i === 0 ? byte ^ 0xff : byte))) : bytes;
      await writeFile(join(dir, fileName), served);
      await writeFile(join(dir, 'latest.yml'), latestYml(release.version, fileName, sha512, bytes.length));
      return fileName;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** latest.yml exactly as electron-builder writes it for the generic provider. */
export function latestYml(version: string, fileName: string, sha512: string, size: number): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${fileName}`,
    `    sha512: ${sha512}`,
    `    size: ${size}`,
    `path: ${fileName}`,
    `sha512: ${sha512}`,
    `releaseDate: '${new Date().toISOString()}'`,
    '',
  ].join('\n');
}

/** Stand-in installer bytes: big enough (2 MiB) that a download shows progress. */
function fakeInstaller(version: string): Buffer {
  const bytes = Buffer.alloc(2 * 1024 * 1024);
  const stamp = Buffer.from(`Switchboard ${version} installer (test build)\n`);
  for (let offset = 0; offset < bytes.length; offset += stamp.length) stamp.copy(bytes, offset);
  return bytes;
}
