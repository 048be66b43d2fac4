/** Settings the core keeps: language, audio devices, the provisioning service's address. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const preferenceVerbs = ({ preferences }: VerbTargets) =>
  ({
    setLanguage: ({ preference }) => preferences.setLanguage(preference),
    setAudioSettings: ({ patch }) => preferences.setAudioSettings(patch),
    setDisplaySettings: ({ patch }) => preferences.setDisplaySettings(patch),
    getProvisioningUrl: () => ({ url: preferences.provisioningUrl() }),
    setProvisioningUrl: ({ url }) => preferences.setProvisioningUrl(url),
  }) satisfies Partial<UiHandlers>;
