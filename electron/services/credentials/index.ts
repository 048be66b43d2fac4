export type { SecretBox } from './secret-box.ts';
export { NodeSecretBox } from './node-secret-box.ts';
export type { NodeSecretBoxOptions, SecretKeyProblem } from './node-secret-box.ts';
export { CredentialStore } from './credential-store.ts';
export type {
  CredentialLoadReason,
  CredentialLoadResult,
  CredentialSaveResult,
  CredentialStoreOptions,
} from './credential-store.ts';
