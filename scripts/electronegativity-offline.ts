/**
 * Loaded with `node --import` before electronegativity: its only network uses are fetching
 * translations and Electron's release list (through `got`). The scan must be offline and
 * reproducible, and got 11's retry crashes on Node 24 when there is no network, so every `got`
 * request fails at once instead; electronegativity then uses its bundled English texts.
 */
import Module from 'node:module';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const modules = Module as unknown as { _load: Loader };
const load = modules._load;
const offline = () => Promise.reject(new Error('offline: electronegativity runs without network here'));
const got: unknown = Object.assign(offline, { head: offline, get: offline, post: offline, extend: () => got });
modules._load = function (this: unknown, request, parent, isMain) {
  if (request === 'got') return got;
  return load.call(this, request, parent, isMain);
};
