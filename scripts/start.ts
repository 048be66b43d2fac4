/**
 * `npm start`: the app against the local reference switchboard with demo users.
 * - An Electron binary is present: the Electron app.
 * - No Electron, but a display: the same app in Chromium through the browser host.
 * - Neither: a headless demo call between two demo users (scripts/demo.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startBrowserHost } from '../electron/host/browser-host.ts';
import { demoUsers, startBaresip, startSwitchboard, type RunningSwitchboard } from '../switchboard/index.ts';
import { demoChatGroup, demoHotline, demoMobile } from '../switchboard/provisioning/demo-data.ts';
import { runHeadlessDemo } from './demo.ts';
import { findElectronBinary } from './electron-binary.ts';

const ROOT = resolve(import.meta.dirname, '..');
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function build(script: string): void {
  if (spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' }).status !== 0) process.exit(1);
}

function printDemoAccounts(switchboard: RunningSwitchboard): void {
  console.log(`\nReference switchboard: ${switchboard.wsUrl} (SIP domain ${switchboard.domain})`);
  console.log('Sign in with one of these demo accounts (server address above):');
  for (const user of switchboard.users)
    console.log(`  ${user.user}  ${user.displayName.padEnd(18)} password ${user.password}`);
  console.log('Extension 1003 is a desk phone (baresip) that answers by itself.');
  if (switchboard.autoAttendant)
    console.log(
      `${switchboard.autoAttendant.mainNumber} is the company main number (auto-attendant: key an extension, or 0 for ` +
        `the operator group ${switchboard.autoAttendant.operatorGroup}, which rings 1002 and 1003).`,
    );
  console.log(
    `Or sign in by mobile number: ${demoMobile} (the code is written to ${join(switchboard.runDir, 'codes.log')}).`,
  );
  console.log(
    `Signed in by number, ${demoHotline.members.join(', ')} answer the hotline ${demoHotline.number} ` +
      `(${demoHotline.name}): it rings whoever is Available, longest idle first.`,
  );
  if (switchboard.chatPageUrl)
    console.log(
      `Customer chat page (online service, answered by ${demoChatGroup.members.join(', ')} when Available): ` +
        switchboard.chatPageUrl,
    );
  if (switchboard.mailCatcher)
    console.log(
      `Account mails (first passwords, "forgot password" codes) are caught, not delivered: read them in ` +
        `${switchboard.mailCatcher.mailsFile ?? switchboard.mailCatcher.smtpUrl}.`,
    );
  console.log('Ctrl-C stops everything.\n');
}

async function runInteractive(): Promise<void> {
  const switchboard = await startSwitchboard({ provisioning: { chatPage: 'build' }, autoAttendant: true });
  const provisioningUrl = switchboard.provisioningUrl ?? '';
  const deskPhoneUser = demoUsers.find((user) => user.user === '1003')!;
  const deskPhone = await startBaresip({ switchboard, user: deskPhoneUser, autoAnswer: true });
  printDemoAccounts(switchboard);
  const stops: Array<() => Promise<void>> = [() => deskPhone.stop(), () => switchboard.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  const electron = findElectronBinary();
  if (electron) {
    build('build');
    const child = spawn(electron, [ROOT], {
      stdio: 'inherit',
      env: { ...process.env, SWITCHBOARD_PROVISIONING_URL: provisioningUrl },
    });
    child.on('exit', () => void stop());
    return;
  }
  console.log('No Electron binary here: running the same app in Chromium through the browser host.');
  const dataDir = join(ROOT, '.switchboard-dev');
  mkdirSync(dataDir, { recursive: true });
  const host = await startBrowserHost({ dataDir, headless: false, provisioningUrl });
  stops.splice(1, 0, () => host.stop());
  host.browser.on('disconnected', () => void stop());
}

build('build:renderer');
if (hasDisplay) await runInteractive();
else await runHeadlessDemo();
