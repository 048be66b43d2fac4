/**
 * The storage the settings service needs, small enough that electron-store, a JSON file or an
 * in-memory map can each back it. Values are JSON-serialisable; the service validates them.
 */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export class MemoryStore implements KeyValueStore {
  readonly #values = new Map<string, unknown>();

  get(key: string): unknown {
    return structuredClone(this.#values.get(key));
  }

  set(key: string, value: unknown): void {
    this.#values.set(key, structuredClone(value));
  }

  delete(key: string): void {
    this.#values.delete(key);
  }
}
