/**
 * PREVIEW ONLY. The desktop verbs of the preview's SwitchboardApi (preview-api.ts): About and its Memory line,
 * updates (found, downloading, ready, or a tampered download refused, as the scenario says), the Desktop settings
 * card, and Export diagnostics.
 */
import type { DesktopSettings } from '../../shared/desktop-settings.ts';
import type { SwitchboardApi, UiEvent, UiEventPayload } from '../../shared/ipc/contract.ts';
import type { UpdateStatus } from '../../shared/update.ts';
import type { PreviewScenario } from './preview-api.ts';
import { ok } from './preview-ok.ts';

type DesktopVerbs = Pick<
  SwitchboardApi,
  | 'getMemoryUsage'
  | 'getAbout'
  | 'getUpdateStatus'
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'installUpdate'
  | 'getDesktopSettings'
  | 'setDesktopSettings'
  | 'exportDiagnostics'
>;

export function previewDesktopVerbs(
  scenario: Pick<PreviewScenario, 'update' | 'diagnosticsExport'>,
  emit: <E extends UiEvent>(event: E, payload: UiEventPayload<E>) => void,
): DesktopVerbs {
  let desktop: DesktopSettings = {
    startAtLogin: true,
    handleLinks: true,
    dialLinksAtOnce: false,
    shortcutsEnabled: false,
    answerShortcut: 'CommandOrControl+Shift+A',
    hangUpShortcut: 'CommandOrControl+Shift+H',
    messagePreviews: true,
  };
  let updateStatus: UpdateStatus = scenario.update?.status ?? { phase: 'idle' };
  const setUpdate = (status: UpdateStatus) => {
    updateStatus = status;
    emit('updateStatus', status);
  };

  return {
    getMemoryUsage: () => ok({ totalBytes: 182 * 1024 * 1024, processes: 6 }),
    getAbout: () =>
      ok({
        version: '0.1.0',
        build: '2026.11.23-1 · Electron 45.4.1 · win32-x64',
        licences: [
          { name: 'Electron (Chromium, Node.js)', licence: 'MIT' },
          { name: 'JsSIP', licence: 'MIT' },
          { name: 'React', licence: 'MIT' },
          { name: 'SQLite', licence: 'Public domain' },
        ],
      }),
    getUpdateStatus: () => ok(updateStatus),
    checkForUpdates: () => {
      setUpdate(
        scenario.update?.feed === 'same'
          ? { phase: 'latest', version: '0.1.0' }
          : { phase: 'available', version: '0.2.0' },
      );
      return ok(updateStatus);
    },
    downloadUpdate: () => {
      let percent = 0;
      const step = () => {
        percent += 20;
        if (percent < 100) {
          setUpdate({ phase: 'downloading', version: '0.2.0', percent });
          setTimeout(step, 300);
        } else if (scenario.update?.feed === 'tampered') {
          setUpdate({
            phase: 'failed',
            reason: 'integrity',
            version: '0.2.0',
            detail: 'sha512 mismatch: the feed says 3q2+7w1kHZ0Ti0RI…, the file is Yb8Qx0e1m2cW9zPz…',
          });
        } else {
          setUpdate({ phase: 'ready', version: '0.2.0' });
        }
      };
      step();
      return ok(undefined);
    },
    installUpdate: () => ok(undefined),
    getDesktopSettings: () => ok({ settings: desktop, unavailableShortcuts: [] }),
    setDesktopSettings: (patch) => {
      desktop = {
        ...desktop,
        ...(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<DesktopSettings>),
      };
      return ok({ settings: desktop, unavailableShortcuts: [] });
    },
    exportDiagnostics: () =>
      ok(
        scenario.diagnosticsExport === 'failed'
          ? { outcome: 'failed', detail: "EACCES: permission denied, open '/Volumes/USB/switchboard-diagnostics.zip'" }
          : { outcome: 'saved', path: '~/Downloads/switchboard-diagnostics-20261207-090503.zip' },
      ),
  };
}
