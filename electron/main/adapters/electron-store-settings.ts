import Store from 'electron-store';
import type { KeyValueStore } from '../../services/settings/index.ts';

/** Settings in electron-store's JSON file under the app's userData; the service validates every value. */
export function electronStoreSettings(): KeyValueStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
