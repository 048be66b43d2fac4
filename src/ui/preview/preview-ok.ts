import type { IpcResult } from '../../shared/ipc/contract.ts';

/** A preview verb's answer: what main would send back, at once. */
export const ok = <T>(value: T): Promise<IpcResult<T>> => Promise.resolve({ ok: true, value });
