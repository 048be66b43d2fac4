/**
 * PREVIEW ONLY. Installs the sample API as `window.switchboard` (which
 * getSwitchboardApi() prefers, exactly as with Electron's preload) and then
 * boots the real UI entry unchanged. URL: ?scenario=<name>&lang=zh-CN|en|sv|fr
 */
import { LanguageSchema } from '../../shared/domain.ts';
import { createPreviewApi } from './preview-api.ts';
import { previewScenario } from './scenarios.ts';

const params = new URLSearchParams(window.location.search);
const language = LanguageSchema.catch('zh-CN').parse(params.get('lang'));
window.switchboard = createPreviewApi(previewScenario(params.get('scenario') ?? 'main', language));
await import('../main.tsx');
