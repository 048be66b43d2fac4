/**
 * PREVIEW ONLY. Installs the sample API as `window.switchboard` (which
 * getSwitchboardApi() prefers, exactly as with Electron's preload) and then
 * boots the real UI entry unchanged.
 * URL: ?scenario=<name>&lang=zh-CN|en|sv|fr[&theme=system|light|dark][&textSize=90…150]
 */
import { LanguageSchema } from '../../shared/domain.ts';
import { DEFAULT_DISPLAY_SETTINGS, ThemeSchema, TextSizeSchema } from '../../shared/display.ts';
import { createPreviewApi } from './preview-api.ts';
import { previewScenario } from './scenarios.ts';

const params = new URLSearchParams(window.location.search);
const language = LanguageSchema.catch('zh-CN').parse(params.get('lang'));
const scenario = previewScenario(params.get('scenario') ?? 'main', language);
// The display settings as if chosen in Settings: screenshots and checks in dark and at 150 % text.
scenario.state.display = {
  theme: ThemeSchema.catch(DEFAULT_DISPLAY_SETTINGS.theme).parse(params.get('theme') ?? undefined),
  textSize: TextSizeSchema.catch(DEFAULT_DISPLAY_SETTINGS.textSize).parse(Number(params.get('textSize') ?? NaN)),
};
window.switchboard = createPreviewApi(scenario);
await import('../main.tsx');
