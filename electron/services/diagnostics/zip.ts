/**
 * A zip made in memory with yazl (maintained, small, streaming; compression runs in zlib's thread
 * pool, so a few megabytes of logs do not stall main's loop while a call rings).
 */
import { ZipFile } from 'yazl';

export type ZipEntry = { name: string; data: Buffer | string; mtime?: Date };

export function zipEntries(entries: readonly ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    zip.addBuffer(data, entry.name, { mtime: entry.mtime ?? new Date(), mode: 0o100644 });
  }
  zip.end();
  return done;
}
