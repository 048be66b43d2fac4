import { safeStorage } from 'electron';
import type { SecretBox } from '../../services/credentials/secret-box.ts';

/** Credentials encrypted with the OS keychain (Keychain, DPAPI, libsecret). */
export const safeStorageSecretBox: SecretBox = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  keychain: true,
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
};
