import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

export interface AtomicWriteOptions {
  /** File mode for the new file; the temp file is created with it, so the data is never briefly world-readable. */
  mode?: number;
}

/**
 * Replaces `path` so that a reader (or a restart after a kill or power loss) sees either the
 * old contents or the new ones, never a torn mix: write a sibling temp file, fsync it, rename
 * over the target (atomic on POSIX and on NTFS via MoveFileEx), then fsync the directory so
 * the rename itself survives power loss.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const mode = options.mode ?? 0o644;
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  // Unique per writer so two processes sharing a data dir never clobber each other's temp file.
  const tempPath = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let fd: number | undefined;
  try {
    fd = openSync(tempPath, 'wx', mode);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.byteLength) {
      offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tempPath, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tempPath, { force: true });
    throw error;
  }
  fsyncDirectory(dir);
}

function fsyncDirectory(dir: string): void {
  // Windows cannot open a directory for fsync; there the rename is already journalled by NTFS.
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort: some filesystems (e.g. certain network mounts) refuse directory fsync.
  }
}

/**
 * writeFileAtomic for data too big to hold at once (a history export): `fill` writes into a temp
 * file's stream and may end it; once `fill` resolves the file is fsynced and renamed over `path`.
 * A `fill` that throws leaves `path` as it was.
 */
export async function writeFileAtomicStreaming(
  path: string,
  fill: (out: Writable) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tempPath = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const out = (await open(tempPath, 'wx', options.mode ?? 0o644)).createWriteStream();
  try {
    await fill(out);
    if (!out.writableEnded) out.end();
    await finished(out);
    // fsync is per file, not per descriptor: the closed stream's data is flushed through a new one.
    const handle = await open(tempPath, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    renameSync(tempPath, path);
  } catch (error) {
    out.destroy();
    await finished(out).catch(() => {});
    rmSync(tempPath, { force: true });
    throw error;
  }
  fsyncDirectory(dir);
}
