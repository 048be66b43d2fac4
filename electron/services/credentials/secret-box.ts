/**
 * Symmetric encryption for secrets at rest. Electron's safeStorage (OS keychain / DPAPI /
 * libsecret) implements it in the app; NodeSecretBox stands in under plain Node.
 * `decrypt` throws when the data was not produced by this box (or was tampered with).
 */
export interface SecretBox {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}
