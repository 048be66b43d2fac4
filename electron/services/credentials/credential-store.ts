import { readFileSync, rmSync } from 'node:fs';
import { SavedAccountSchema, type SavedAccount } from '../../../src/shared/domain.ts';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import type { SecretBox } from './secret-box.ts';

/** Identifies our file and its format, so a foreign or truncated file reads as corrupt, not undecryptable. */
const MAGIC = Buffer.from('SBCRED1\n', 'ascii');

/**
 * Why load() returned null. 'missing' is the normal signed-out state; the others mean a saved
 * account was lost and the user must sign in again.
 */
export type CredentialLoadReason = 'missing' | 'corrupt' | 'undecryptable' | 'encryption-unavailable' | 'unreadable';

export type CredentialLoadResult =
  { account: SavedAccount; reason: null } | { account: null; reason: CredentialLoadReason; detail?: string };

/** `keychain`: encrypted with a key the OS keychain keeps; false: with a key file beside the data (weaker). */
export type CredentialSaveResult =
  { saved: true; keychain: boolean } | { saved: false; reason: 'encryption-unavailable' };

export interface CredentialStoreOptions {
  filePath: string;
  secretBox: SecretBox;
  /** Told whenever a saved account could not be used or saved; never for 'missing'. */
  onProblem?: (reason: Exclude<CredentialLoadReason, 'missing'>, detail?: string) => void;
}

/**
 * The signed-in SIP account, password included, encrypted at rest. Never writes plaintext:
 * without a working SecretBox the account is simply not remembered.
 */
export class CredentialStore {
  readonly #path: string;
  readonly #box: SecretBox;
  readonly #onProblem: CredentialStoreOptions['onProblem'];
  #lastLoadReason: CredentialLoadReason | null = null;

  constructor(options: CredentialStoreOptions) {
    this.#path = options.filePath;
    this.#box = options.secretBox;
    this.#onProblem = options.onProblem;
  }

  /** Throws only for an invalid account (a caller bug); an unavailable box is reported, not thrown. */
  save(account: SavedAccount): CredentialSaveResult {
    const valid = SavedAccountSchema.parse(account);
    if (!this.#box.isAvailable()) {
      this.#onProblem?.('encryption-unavailable');
      return { saved: false, reason: 'encryption-unavailable' };
    }
    const cipher = this.#box.encrypt(JSON.stringify(valid));
    writeFileAtomic(this.#path, Buffer.concat([MAGIC, cipher]), { mode: 0o600 });
    return { saved: true, keychain: this.#box.keychain };
  }

  load(): SavedAccount | null {
    return this.loadDetailed().account;
  }

  /** Why the last load() returned what it did; null after a successful load or before any. */
  get lastLoadReason(): CredentialLoadReason | null {
    return this.#lastLoadReason;
  }

  loadDetailed(): CredentialLoadResult {
    const result = this.#read();
    this.#lastLoadReason = result.reason;
    if (result.reason !== null && result.reason !== 'missing') this.#onProblem?.(result.reason, result.detail);
    return result;
  }

  clear(): void {
    rmSync(this.#path, { force: true });
  }

  #read(): CredentialLoadResult {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.#path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { account: null, reason: 'missing' };
      return { account: null, reason: 'unreadable', detail: String(error) };
    }
    if (bytes.length <= MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
      return { account: null, reason: 'corrupt', detail: 'unrecognised file header' };
    }
    if (!this.#box.isAvailable()) return { account: null, reason: 'encryption-unavailable' };
    let plain: string;
    try {
      plain = this.#box.decrypt(bytes.subarray(MAGIC.length));
    } catch (error) {
      return { account: null, reason: 'undecryptable', detail: String(error) };
    }
    try {
      const parsed = SavedAccountSchema.safeParse(JSON.parse(plain));
      if (parsed.success) return { account: parsed.data, reason: null };
      return { account: null, reason: 'corrupt', detail: 'saved account no longer validates' };
    } catch {
      return { account: null, reason: 'corrupt', detail: 'decrypted data is not JSON' };
    }
  }
}
