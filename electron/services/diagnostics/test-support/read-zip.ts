/** For tests: every file in a zip, by name, as text (yauzl, the reading half of yazl). */
import { text } from 'node:stream/consumers';
import { openPromise } from 'yauzl';

export async function readZip(path: string): Promise<Map<string, string>> {
  const zip = await openPromise(path, { lazyEntries: true });
  const files = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      files.set(entry.fileName, await text(await zip.openReadStreamPromise(entry)));
    }
  } finally {
    zip.close();
  }
  return files;
}
