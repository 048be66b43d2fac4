/**
 * Launches Debian's Chromium for the browser host. Never a downloaded browser:
 * the system one is what this machine has, and CI installs it with apt.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium';

/** Playwright's --disable-features (playwright-core's chromiumSwitches): Chromium reads only the last one given. */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'ThirdPartyStoragePartitioning',
];
/** The omnibox's popups, built in WebUI and kept loaded in a renderer of their own, for an address bar never shown. */
const NO_OMNIBOX_WEBUI = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

export type ChromiumOptions = {
  headless: boolean;
  /** A WAV played as the microphone; Chromium's fake device otherwise beeps. */
  fakeMicrophoneWav?: string | undefined;
};

export function chromiumArgs(options: ChromiumOptions): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    // Footprint (issue 23, bench:footprint): with no GPU in use, the "GPU" process only composites in
    // software; as a thread of the browser process it costs no process of its own (~30 MB PSS). Audio
    // never passes through it. Not done, and why: the network service in-process (NetworkServiceInProcess2:
    // Playwright and Puppeteer dropped it for crashes, and it carries the RTP sockets), the audio service
    // in-process (an audio glitch would then wait on the browser's main thread), one renderer for all pages
    // (--renderer-process-limit: a busy UI page would delay the engine page's SIP and media work).
    '--in-process-gpu',
    // Headless Chromium keeps its omnibox popups (chrome://omnibox-popup.top-chrome/) loaded in a renderer of
    // their own (--top-chrome-webui, ~60 MB PSS, bench:footprint) for an address bar no one sees here.
    `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...NO_OMNIBOX_WEBUI].join(',')}`,
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    // Tests run in a namespace with only loopback; WebRTC ignores loopback unless told.
    '--allow-loopback-in-peer-connection',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    // The engine window is hidden like Electron's; its timers and audio must not be throttled.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    ...(options.fakeMicrophoneWav ? [`--use-file-for-fake-audio-capture=${options.fakeMicrophoneWav}`] : []),
  ];
}

export function launchChromium(options: ChromiumOptions): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: options.headless, args: chromiumArgs(options) });
}
