import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import type { SecretBox } from './secret-box.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT_VERSION = 1;

export type SecretKeyProblem = { kind: 'key-replaced'; path: string; detail: string };

export interface NodeSecretBoxOptions {
  /** Told when an unusable key file was replaced; anything encrypted with the old key is lost. */
  onProblem?: (problem: SecretKeyProblem) => void;
}

/**
 * AES-256-GCM with a random key in a 0600 file beside the data, for the browser host and tests.
 *
 * Weaker than the OS keychain that Electron's safeStorage uses: the key sits on disk next to
 * the ciphertext, so anyone who can read the user's data directory (a backup, another process
 * running as the same user, a stolen unencrypted disk) can decrypt. It only protects against
 * casual disclosure, e.g. a credentials file pasted into a bug report or grep'd for a
 * password. The keychain instead ties the key to the user's login and, on macOS, to the app.
 *
 * Layout of a ciphertext: version (1 byte) | IV (12) | GCM tag (16) | encrypted UTF-8.
 */
export class NodeSecretBox implements SecretBox {
  /** The key sits in a file beside the data, not in a keychain (see above). */
  readonly keychain = false;
  readonly #keyPath: string;
  readonly #onProblem: NodeSecretBoxOptions['onProblem'];
  #key: Buffer | null = null;

  constructor(keyPath: string, options: NodeSecretBoxOptions = {}) {
    this.#keyPath = keyPath;
    this.#onProblem = options.onProblem;
  }

  isAvailable(): boolean {
    try {
      this.#loadKey();
      return true;
    } catch {
      return false;
    }
  }

  encrypt(plain: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#loadKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_VERSION), iv, cipher.getAuthTag(), body]);
  }

  decrypt(data: Buffer): string {
    if (data.length < 1 + IV_BYTES + TAG_BYTES || data[0] !== FORMAT_VERSION) {
      throw new Error('Not a NodeSecretBox ciphertext');
    }
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#loadKey(), iv);
    decipher.setAuthTag(tag);
    // final() throws on a wrong key or any flipped bit, which is what makes "undecryptable" detectable.
    return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Lazily so that constructing the box never touches the disk (and never throws). */
  #loadKey(): Buffer {
    if (this.#key) return this.#key;
    let key: Buffer | null = null;
    try {
      key = readFileSync(this.#keyPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (key && key.length === KEY_BYTES) {
      // Tighten permissions left loose by a copy or restore; the key is only as private as its file.
      if (process.platform !== 'win32') chmodSync(this.#keyPath, 0o600);
    } else {
      if (key) {
        this.#onProblem?.({ kind: 'key-replaced', path: this.#keyPath, detail: `key file is ${key.length} bytes` });
      }
      key = randomBytes(KEY_BYTES);
      writeFileAtomic(this.#keyPath, key, { mode: 0o600 });
    }
    this.#key = key;
    return key;
  }
}
