/** Settings › Desktop: start at login, the link handler, call links at once, global shortcuts. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const desktopVerbs = ({ desktopSettings }: VerbTargets) =>
  ({
    getDesktopSettings: () => desktopSettings.get(),
    setDesktopSettings: (patch) => desktopSettings.update(patch),
  }) satisfies Partial<UiHandlers>;
