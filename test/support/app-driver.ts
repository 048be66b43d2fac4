/**
 * Drives one Switchboard app (browser host + Chromium) the way a person does:
 * by typing and clicking in the UI window. Also reads what they would hear,
 * from the engine window's inbound audio statistics.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../electron/host/browser-host.ts';
import { ensureRendererPages } from '../../scripts/renderer-pages.ts';
import type { RunningSwitchboard, SwitchboardUser } from '../../switchboard/index.ts';
import { envelopeFromCumulative } from './audio-envelope.ts';
import { saveScreenshot } from './screenshots.ts';
import { languageForLocales } from '../../src/shared/language-match.ts';
import { wordsFor, type Dictionary } from '../../src/shared/locales/dictionaries.ts';

/** The words on screen in the app's language, so the driver clicks what a person reads. */
export type UiStrings = Dictionary;

export type StartAppOptions = {
  switchboard: RunningSwitchboard;
  microphoneWav?: string;
  locale?: string;
  dataDir?: string;
  /** The provisioning service for sign-in by mobile number (a switchboard started with `provisioning`). */
  provisioningUrl?: string;
  /**
   * Leave the app on the mobile-number screen it starts on. By default the driver goes on to the
   * SIP-account form, where most tests sign in.
   */
  numberSignIn?: boolean;
  /** The update feed the app checks (the switchboard's `startUpdateFeed`); no automatic checks in tests. */
  updateFeedUrl?: string;
  /** Stands in for the installed version. */
  appVersion?: string;
  /** Receives the verified installer "Restart now" would run. */
  onInstallUpdate?: (file: string) => void;
};

/** Starts an app (building the renderer pages first if they are missing or stale). Tests set up through signed-in-apps.ts. */
export async function startApp(options: StartAppOptions): Promise<AppDriver> {
  await ensureRendererPages();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-app-'));
  const host = await startBrowserHost({
    dataDir,
    headless: true,
    systemLocale: options.locale ?? 'en-US',
    ...(options.microphoneWav ? { fakeMicrophoneWav: options.microphoneWav } : {}),
    ...(options.provisioningUrl ? { provisioningUrl: options.provisioningUrl } : {}),
    ...(options.updateFeedUrl ? { updateFeedUrl: options.updateFeedUrl, automaticUpdateChecks: false } : {}),
    ...(options.appVersion ? { appVersion: options.appVersion } : {}),
    ...(options.onInstallUpdate ? { onInstallUpdate: options.onInstallUpdate } : {}),
  });
  // The app follows the system locale (Settings start at 'system'): the same rule picks its words here.
  const strings = wordsFor(languageForLocales([options.locale ?? 'en-US']));
  const driver = new AppDriver(host, options.switchboard, dataDir, strings);
  if (!options.numberSignIn) await driver.showSipForm();
  return driver;
}

/** What the UI window shows once it has the app's state (the splash is gone). */
const SHOWN_SCREENS = '[data-testid="in-call"], [data-testid="registration-status"], [data-testid="signin-form"]';

export class AppDriver {
  readonly host: BrowserHost;
  readonly dataDir: string;
  private readonly switchboard: RunningSwitchboard;

  readonly strings: UiStrings;

  constructor(host: BrowserHost, switchboard: RunningSwitchboard, dataDir: string, strings: UiStrings) {
    this.host = host;
    this.strings = strings;
    this.switchboard = switchboard;
    this.dataDir = dataDir;
  }

  ui(): Page {
    const page = this.host.uiPage;
    if (!page) throw new Error('The UI window is closed');
    return page;
  }

  /** Once the UI shows something: from the mobile-number screen (if shown) on to the SIP-account form. */
  async showSipForm(): Promise<void> {
    const page = this.ui();
    await page.locator(`${SHOWN_SCREENS}, [data-testid="number-signin"]`).first().waitFor();
    const link = page.getByTestId('use-sip-account');
    if ((await link.count()) > 0) {
      await link.click();
      await page.getByTestId('signin-form').waitFor();
    }
  }

  async signIn(
    user: SwitchboardUser,
    options: { password?: string; server?: string; dtmfMode?: 'rfc4733' | 'info' } = {},
  ): Promise<void> {
    await this.showSipForm();
    const page = this.ui();
    const words = this.strings.signIn;
    await page.getByLabel(words.server).fill(options.server ?? this.switchboard.wsUrl);
    await page.getByLabel(words.user).fill(user.user);
    await page.getByLabel(words.password).fill(options.password ?? user.password);
    await page.getByLabel(words.displayName).fill(user.displayName);
    if (options.dtmfMode) {
      await page.getByText(words.advanced).click();
      await page.getByLabel(words.dtmfMode).selectOption(options.dtmfMode);
    }
    await page.getByRole('button', { name: words.submit, exact: true }).click();
  }

  async registrationStatus(): Promise<string | null> {
    return this.testIdAttribute('registration-status', 'data-status');
  }

  async waitForRegistration(status: string, timeoutMs = 15_000): Promise<void> {
    await waitForValue(`registration ${status}`, () => this.registrationStatus(), status, timeoutMs);
  }

  async dial(number: string): Promise<void> {
    await this.typeNumber(number);
    await this.pressCall();
  }

  async typeNumber(number: string): Promise<void> {
    await this.ui().getByTestId('dial-input').click();
    await this.ui().keyboard.type(number);
  }

  async pressCall(): Promise<void> {
    await this.ui().getByTestId('call-button').click();
  }

  async waitForIncomingCall(timeoutMs = 15_000): Promise<string> {
    const overlay = this.ui().getByTestId('incoming-call');
    await overlay.waitFor({ state: 'visible', timeout: timeoutMs });
    return overlay.innerText();
  }

  async answer(): Promise<void> {
    await this.ui().getByTestId('answer-button').click();
  }

  async decline(): Promise<void> {
    await this.ui().getByTestId('decline-button').click();
  }

  async hangup(): Promise<void> {
    await this.ui().getByTestId('hangup-button').click();
  }

  /** Presses Mute/Unmute and waits until the call shows the new state. */
  async setMuted(muted: boolean): Promise<void> {
    await this.ui().getByTestId('mute-button').click();
    await waitForValue(
      `muted ${muted}`,
      () => this.testIdAttribute('mute-button', 'aria-pressed'),
      String(muted),
      10_000,
    );
  }

  /** Presses Hold/Resume and waits until the call shows the new state. */
  async setHeld(held: boolean): Promise<void> {
    await this.ui().getByTestId('hold-button').click();
    await waitForValue(`held ${held}`, () => this.heldState(), held ? 'local' : null, 10_000);
  }

  /** 'local' when we hold the call, 'remote' when the other party holds us, null otherwise. */
  async heldState(): Promise<string | null> {
    return this.testIdAttribute('call-phase', 'data-held');
  }

  async waitForHeldState(state: string | null, timeoutMs = 10_000): Promise<void> {
    await waitForValue(`held state ${state}`, () => this.heldState(), state, timeoutMs);
  }

  /** Whether the in-call control is enabled now (null if not shown). */
  async controlEnabled(testId: 'mute-button' | 'hold-button' | 'keypad-button'): Promise<boolean | null> {
    return this.ui().evaluate((id) => {
      const button = document.querySelector(`[data-testid="${id}"]`);
      return button instanceof HTMLButtonElement ? !button.disabled : null;
    }, testId);
  }

  /** Opens the in-call keypad and presses each key: by click, or by the keyboard. */
  async pressKeypad(digits: string, how: 'click' | 'keyboard' = 'click'): Promise<void> {
    const page = this.ui();
    if ((await page.getByTestId('incall-keypad').count()) === 0) await page.getByTestId('keypad-button').click();
    for (const digit of digits) {
      if (how === 'click')
        await page.getByTestId('incall-keypad').getByRole('button', { name: digit, exact: true }).click();
      else await page.keyboard.press(digit);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Digits the other party sent us by SIP INFO, as the in-call screen shows them. */
  async receivedDigits(): Promise<string> {
    const text = await this.ui().evaluate(
      () => document.querySelector('[data-testid="received-digits"]')?.textContent ?? '',
    );
    return text.replace(/^[^:：]*[:：]\s*/, '').trim();
  }

  async callPhase(): Promise<string | null> {
    return this.testIdAttribute('call-phase', 'data-phase');
  }

  async waitForCallPhase(phase: string | null, timeoutMs = 15_000): Promise<void> {
    await waitForValue(`call phase ${phase}`, () => this.callPhase(), phase, timeoutMs);
  }

  /** Reads an attribute now, without waiting for the element (it may come and go). */
  private testIdAttribute(testId: string, attribute: string): Promise<string | null> {
    return this.ui().evaluate(
      ([id, name]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute(name!) ?? null,
      [testId, attribute],
    );
  }

  /** Call log rows as the Calls tab shows them. */
  async callLogRows(): Promise<Array<{ direction: string | null; outcome: string | null; text: string }>> {
    const page = this.ui();
    await page.getByRole('tab', { name: this.strings.tabs.calls }).click();
    const rows = page.getByTestId('call-log-row');
    await rows.first().waitFor({ timeout: 10_000 });
    return rows.evaluateAll((elements) =>
      elements.map((element) => ({
        direction: element.getAttribute('data-direction'),
        outcome: element.getAttribute('data-outcome'),
        text: (element as HTMLElement).innerText,
      })),
    );
  }

  /**
   * Mean inbound audio energy per window of played-out audio, from the engine
   * window's WebRTC statistics (what the user would hear).
   */
  async inboundEnvelope(durationMs: number, windowMs: number): Promise<number[]> {
    const engine = this.host.enginePage();
    if (!engine) throw new Error('No engine window');
    const callId = this.host.core.state.get().calls.find((call) => call.phase === 'connected')?.id;
    if (!callId) throw new Error('No connected call');
    const points = await engine.evaluate(
      async ({ callId, durationMs }) => {
        const engineApi = (
          window as unknown as { switchboardEngine: { peerConnection(id: string): RTCPeerConnection | undefined } }
        ).switchboardEngine;
        const pc = engineApi.peerConnection(callId);
        if (!pc) throw new Error('No peer connection for the call');
        const points: Array<[number, number]> = [];
        const until = performance.now() + durationMs;
        while (performance.now() < until) {
          (await pc.getStats()).forEach(
            (report: { type: string; kind?: string; totalAudioEnergy?: number; totalSamplesDuration?: number }) => {
              if (report.type === 'inbound-rtp' && report.kind === 'audio') {
                const point: [number, number] = [report.totalSamplesDuration ?? 0, report.totalAudioEnergy ?? 0];
                if (point[0] > (points.at(-1)?.[0] ?? -1)) points.push(point);
              }
            },
          );
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return points;
      },
      { callId, durationMs },
    );
    return envelopeFromCumulative(points, windowMs);
  }

  /** What the sign-in form's fields hold now (what the user typed, as they see it). */
  async signInFields(): Promise<{ server: string; user: string; password: string; displayName: string }> {
    const page = this.ui();
    const words = this.strings.signIn;
    return {
      server: await page.getByLabel(words.server).inputValue(),
      user: await page.getByLabel(words.user).inputValue(),
      password: await page.getByLabel(words.password).inputValue(),
      displayName: await page.getByLabel(words.displayName).inputValue(),
    };
  }

  /** Presses the sign-in form's button again (e.g. after the server came back). */
  async submitSignIn(): Promise<void> {
    await this.ui().getByRole('button', { name: this.strings.signIn.submit, exact: true }).click();
  }

  /** Waits until the sign-in form's error notice shows `text`; returns the whole notice. */
  async waitForSignInError(text: string, timeoutMs = 15_000): Promise<string> {
    const notice = this.ui().getByTestId('signin-error').filter({ hasText: text });
    await notice.waitFor({ state: 'visible', timeout: timeoutMs });
    return notice.innerText();
  }

  /** The call timer as the user reads it (mm:ss or h:mm:ss), in seconds; null when none is shown. */
  async callTimerSeconds(): Promise<number | null> {
    const text = await this.ui().evaluate(
      () => document.querySelector('[data-testid="call-timer"]')?.textContent ?? null,
    );
    if (text === null) return null;
    return text
      .trim()
      .split(':')
      .reduce((total, part) => total * 60 + Number(part), 0);
  }

  /** The in-call screen's text (who, phase, timer, why it ended). */
  async inCallText(): Promise<string> {
    return this.ui().getByTestId('in-call').innerText();
  }

  async openTab(tab: 'dialpad' | 'calls' | 'chats' | 'directory' | 'settings'): Promise<void> {
    await this.ui().getByRole('tab', { name: this.strings.tabs[tab] }).click();
  }

  /** Reloads the UI window (F5) and waits until it shows the app again. */
  async reloadUi(): Promise<void> {
    const page = this.ui();
    await page.reload();
    await page.locator(`${SHOWN_SCREENS}, [data-testid="number-signin"]`).first().waitFor();
  }

  /** Closes the UI window, as a user closing it to the tray; the engine keeps running. */
  async closeUiWindow(): Promise<void> {
    await this.ui().close();
  }

  /** Opens the UI window again (tray icon click) and waits until it shows the app. */
  async openUiWindow(): Promise<void> {
    const page = await this.host.openUiWindow();
    await page
      .locator(`${SHOWN_SCREENS}, [data-testid="number-signin"], [data-testid="incoming-call"]`)
      .first()
      .waitFor();
  }

  /** Saves a PNG of the UI window to test-results/screenshots/NAME.png. */
  async screenshot(name: string): Promise<string> {
    return saveScreenshot(this.ui(), name);
  }

  private stopped: Promise<void> | undefined;

  /** Quits the app; stopping it again does nothing (a test may quit an app its teardown also stops). */
  stop(): Promise<void> {
    this.stopped ??= this.host.stop();
    return this.stopped;
  }
}

/** Polls until `read` returns `expected`; the error says what was seen last. Usable outside vitest (the demo). */
export async function waitForValue<T>(
  what: string,
  read: () => Promise<T>,
  expected: T,
  timeoutMs: number,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (last !== expected) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}; last seen: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
}
