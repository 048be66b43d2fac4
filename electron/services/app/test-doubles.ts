/** In-memory stand-ins for the core's ports, for unit tests of the core and its routers. */
import type { CallSnapshot, LanguagePreference, SavedAccount } from '../../../src/shared/domain.ts';
import type { EngineCommand } from '../../../src/shared/ipc/contract.ts';
import type { AgentSettings } from '../../../src/shared/presence.ts';
import { AppCore, type AppCoreDeps } from './app-core.ts';

export function createTestCore(extra: Partial<AppCoreDeps> = {}) {
  const commands: Array<{ command: EngineCommand; payload: unknown }> = [];
  const broadcasts: Array<{ event: string; payload: unknown }> = [];
  const logged: Array<{ kind: 'start' | 'update' | 'end'; snapshot: CallSnapshot }> = [];
  let saved: SavedAccount | null = null;
  let languagePreference: LanguagePreference = 'system';
  let agent: AgentSettings | undefined;
  let engineOpen = false;
  const core: AppCore = new AppCore({
    engine: {
      async open() {
        engineOpen = true;
        queueMicrotask(() => core.onEngineReady());
      },
      async close() {
        engineOpen = false;
      },
      send(command, payload) {
        commands.push({ command, payload });
      },
    },
    ui: { broadcast: (event, payload) => broadcasts.push({ event, payload }) },
    callLog: {
      recordCallStarted: (snapshot) => logged.push({ kind: 'start', snapshot }),
      recordCallUpdated: (snapshot) => logged.push({ kind: 'update', snapshot }),
      recordCallEnded: (snapshot) => logged.push({ kind: 'end', snapshot }),
      heartbeat: () => {},
      list: () => [],
      delete: () => false,
      clear: () => 0,
      deleteStartedBefore: () => 0,
      countUnseenMissed: () => 0,
      markMissedSeen: () => {},
    },
    settings: {
      getSettings: () => ({ languagePreference, historyRetention: 'forever', ...(agent ? { agent } : {}) }),
      updateSettings: (partial) => {
        languagePreference = partial.languagePreference ?? languagePreference;
        agent = partial.agent ?? agent;
      },
    },
    credentials: {
      save: (account) => (saved = account),
      load: () => saved,
      clear: () => (saved = null),
    },
    systemLocale: () => 'zh-CN',
    endedCallLingerMs: 0,
    newId: () => 'call-1',
    ...extra,
  });
  return {
    core,
    commands,
    broadcasts,
    logged,
    saved: () => saved,
    engineOpen: () => engineOpen,
  };
}
