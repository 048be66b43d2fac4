/**
 * The headless demo: the reference switchboard with demo users, two Switchboard
 * apps (Alice and Bob) in Chromium through the browser host, and a short call
 * between them driven through the UI. Prints what happens and saves a
 * screenshot of each view to demo-output/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { demoUsers, startSwitchboard } from '../switchboard/index.ts';
import { startApp, type AppDriver } from '../test/support/app-driver.ts';
import { renderVoice } from '../test/support/voices.ts';

const OUTPUT = resolve(import.meta.dirname, '../demo-output');
const [alice, bob] = demoUsers as [(typeof demoUsers)[number], (typeof demoUsers)[number]];
const say = (line: string) => console.log(`[demo ${new Date().toLocaleTimeString()}] ${line}`);
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

export async function runHeadlessDemo(): Promise<void> {
  mkdirSync(OUTPUT, { recursive: true });
  const shot = async (page: Page, name: string) => {
    const file = join(OUTPUT, `${name}.png`);
    await page.screenshot({ path: file, animations: 'disabled' });
    say(`  screenshot ${file}`);
  };
  const voices = mkdtempSync(join(tmpdir(), 'switchboard-demo-voices-'));

  say('starting the reference switchboard (Kamailio + rtpengine) with demo users');
  const switchboard = await startSwitchboard();
  say(`  SIP over WebSocket at ${switchboard.wsUrl}, domain ${switchboard.domain}`);
  const apps: AppDriver[] = [];
  try {
    say('starting two Switchboard apps in Chromium: Alice (Chinese UI) and Bob (English UI)');
    const [appA, appB] = await Promise.all([
      startApp({ switchboard, microphoneWav: renderVoice('alice', voices), locale: 'zh-CN' }),
      startApp({ switchboard, microphoneWav: renderVoice('bob', voices), locale: 'en-US' }),
    ]);
    apps.push(appA, appB);
    await appB.ui().getByTestId('signin-form').waitFor();
    await shot(appB.ui(), '1-sign-in');

    say(`Alice signs in as ${alice.user}, Bob as ${bob.user}`);
    await appA.signIn(alice);
    await appB.signIn(bob);
    await appA.waitForRegistration('registered');
    await appB.waitForRegistration('registered');
    say('  both registered');

    say(`Alice types ${bob.user} on the dial pad and presses Call`);
    await appA.typeNumber(bob.user);
    await shot(appA.ui(), '2-dial-pad');
    await appA.pressCall();
    const incoming = await appB.waitForIncomingCall();
    say(`  Bob's phone rings: "${incoming.replace(/\s+/g, ' ')}"`);
    await shot(appB.ui(), '3-incoming-call');

    say('Bob answers');
    await appB.answer();
    await appA.waitForCallPhase('connected');
    await appB.waitForCallPhase('connected');
    say('  connected; they talk for 3 seconds');
    await pause(3000);
    await shot(appA.ui(), '4-in-call');

    say('Bob hangs up');
    await appB.hangup();
    await appA.waitForCallPhase(null);
    const [row] = await appA.callLogRows();
    say(`  Alice's call log: ${row?.text.replace(/\s+/g, ' ')} (${row?.direction}, ${row?.outcome})`);
    await shot(appA.ui(), '5-call-log');
    await appB.ui().getByRole('tab', { name: appB.strings.tabs.settings }).click();
    await shot(appB.ui(), '6-settings');
    say(`done; screenshots in ${OUTPUT}`);
  } finally {
    await Promise.allSettled(apps.map((app) => app.stop()));
    await switchboard.stop();
  }
}
