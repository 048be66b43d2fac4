/**
 * Keystroke to painted results in the real UI (Chromium through the browser host): a copy of a
 * synced directory store and a saved number sign-in, then queries typed one character at a time
 * into the directory's search box. Per keystroke: from the input event to the frame after the
 * results for that text are in the DOM (a MutationObserver sees the commit; rAF then a posted
 * message marks the frame as painted).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost } from '../electron/host/browser-host.ts';
import { CredentialStore } from '../electron/services/credentials/credential-store.ts';
import { NodeSecretBox } from '../electron/services/credentials/node-secret-box.ts';
import type { ProvisionedDevice } from '../src/shared/domain.ts';

export type UiSample = { committed: number; painted: number };

export async function measureUi(
  storePath: string,
  device: ProvisionedDevice,
  queries: string[],
  dir: string,
): Promise<UiSample[]> {
  const dataDir = join(dir, 'ui-data');
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(storePath, join(dataDir, 'directory.sqlite'));
  new CredentialStore({
    filePath: join(dataDir, 'account.bin'),
    secretBox: new NodeSecretBox(join(dataDir, 'secret.key')),
  }).save({
    // No SIP server: registration fails, which the directory does not need.
    server: 'ws://127.0.0.1:9',
    user: '1000000',
    password: 'bench',
    domain: '127.0.0.1',
    displayName: 'Bench',
    provisioned: device,
  });
  const host = await startBrowserHost({ dataDir, headless: true, systemLocale: 'en-US' });
  try {
    const page = host.uiPage!;
    await page.getByRole('tab', { name: 'Directory' }).click();
    await page.getByTestId('directory-tree').waitFor();
    const samples: UiSample[] = [];
    for (const query of queries) {
      for (let length = 1; length <= query.length; length++) {
        const text = query.slice(0, length);
        const sample = await page.evaluate(async (typed) => {
          const input = document.querySelector<HTMLInputElement>('[data-testid="directory-search"]')!;
          const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          const shown = () =>
            document.querySelector(`[data-testid="search-results"][data-query="${CSS.escape(typed.trim())}"]`) !== null;
          const start = performance.now();
          setValue.call(input, typed);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise<void>((resolve) => {
            const observer = new MutationObserver(() => {
              if (!shown()) return;
              observer.disconnect();
              resolve();
            });
            observer.observe(document.body, { subtree: true, childList: true, attributes: true });
            if (shown()) {
              observer.disconnect();
              resolve();
            }
          });
          const committed = performance.now() - start;
          await new Promise<void>((resolve) =>
            requestAnimationFrame(() => {
              const channel = new MessageChannel();
              channel.port1.onmessage = () => resolve();
              channel.port2.postMessage(null);
            }),
          );
          return { committed, painted: performance.now() - start };
        }, text);
        samples.push(sample);
      }
      await page.getByTestId('directory-search').fill('');
      await page.getByTestId('directory-tree').waitFor();
    }
    return samples;
  } finally {
    await host.stop();
  }
}
