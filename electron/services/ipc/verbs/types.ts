/** What a verb file binds: handlers for some of the contract's UI verbs, and the services they call. */
import type { z } from 'zod';
import type { uiVerbs, UiVerb, UiVerbOutput } from '../../../../src/shared/ipc/contract.ts';
import type { AboutInfo, MemoryUsage } from '../../../../src/shared/update.ts';
import type { AppCore } from '../../app/core.ts';
import type { DesktopSettingsService } from '../../desktop/desktop-settings.ts';
import type { UpdateService } from '../../update/update-service.ts';

/** One verb's handler: gets the payload already validated by the contract, answers the contract's output. */
export type UiHandler<V extends UiVerb> = (
  input: z.output<(typeof uiVerbs)[V]['input']>,
) => UiVerbOutput<V> | Promise<UiVerbOutput<V>>;

export type UiHandlers = { [V in UiVerb]: UiHandler<V> };

/** Everything verbs are bound to: the core's pieces and the desktop services beside them. */
export type VerbTargets = AppCore & {
  updates: UpdateService;
  desktopSettings: DesktopSettingsService;
  about: () => AboutInfo;
  /** All of the app's processes' memory (the host knows its processes). */
  memoryUsage: () => MemoryUsage | Promise<MemoryUsage>;
  /** Writes the diagnostics zip where the user picks (electron/services/diagnostics). */
  exportDiagnostics: () => Promise<UiVerbOutput<'exportDiagnostics'>>;
};
