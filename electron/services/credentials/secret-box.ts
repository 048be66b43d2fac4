/**
 * Symmetric encryption for secrets at rest. Electron's safeStorage (OS keychain / DPAPI /
 * libsecret) implements it in the app; NodeSecretBox stands in under plain Node.
 * `decrypt` throws when the data was not produced by this box (or was tampered with).
 */
export interface SecretBox {
  isAvailable(): boolean;
  /**
   * True when the OS keychain keeps the key (Electron's safeStorage); false for a key file beside the
   * data (NodeSecretBox), which anyone who can read the user's files can use: "Remember me" says so.
   */
  readonly keychain: boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}
