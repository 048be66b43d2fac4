import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { provisioningPaths } from './paths.ts';

/**
 * The run's secret for the internal routing API, shared by Kamailio (its config sends it as
 * `X-Switchboard-Secret`) and the provisioning service: read from `<runDir>/internal-secret`, made
 * (owner-only) if missing. Call it before rendering the Kamailio config; startProvisioning reads the same file.
 */
export function ensureInternalSecret(runDir: string): string {
  const path = provisioningPaths(runDir).internalSecret;
  try {
    const existing = readFileSync(path, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) {
      // Whoever made the file, only the switchboard's user may read it.
      chmodSync(path, 0o600);
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // base64url: safe inside a Kamailio config string and an HTTP header.
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}
