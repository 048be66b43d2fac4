/**
 * A Linphone softphone (Debian's linphone-cli) registered to the reference switchboard, for what a
 * second, independent SIP stack does with our calls: it answers by itself and reports each keypad
 * digit it receives ("Receiving tone 1 from …"). No sound card: `soundcard use files` (silence out).
 *
 *   const phone = await startLinphone({ switchboard: switchboard(), user, codecs: ['opus', 'pcmu', 'pcma'] });
 *   const from = phone.digits().length; …; phone.digits().slice(from)
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freeSipPort, freeUdpRange } from '../../switchboard/free-port.ts';
import type { RunningSwitchboard } from '../../switchboard/switchboard.ts';
import type { SwitchboardUser } from '../../switchboard/users.ts';

export type LinphoneOptions = {
  switchboard: Pick<RunningSwitchboard, 'domain' | 'udpPort' | 'runDir'>;
  user: SwitchboardUser;
  /** The audio codecs it may use, by lower-case name, in its order; every other one is disabled. */
  codecs: readonly string[];
};

export type LinphonePhone = {
  /** Where its audio arrives (for a capture), and its folder. */
  rtpPorts: { min: number; max: number };
  home: string;
  /** Every digit reported so far, in order. */
  digits(): string[];
  /** Everything linphonec printed, for failure messages. */
  output(): string;
  /** Types one linphonec command (e.g. "call sip:1001@…", "terminate"). */
  command(line: string): void;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startLinphone(options: LinphoneOptions): Promise<LinphonePhone> {
  const { switchboard, user } = options;
  const home = await mkdtemp(join(switchboard.runDir, `linphone-${user.user}-`));
  // linphonec keeps its databases there and will not start without the folder.
  await mkdir(join(home, '.local/share/linphone'), { recursive: true });
  const rtp = await freeUdpRange(4);
  const rc = [
    '[sip]',
    `sip_port=${await freeSipPort()}`,
    'sip_tcp_port=0',
    'default_proxy=0',
    '[rtp]',
    `audio_rtp_port=${rtp.min}-${rtp.max}`,
    '[sound]',
    'echocancellation=0',
    '[proxy_0]',
    `reg_proxy=sip:127.0.0.1:${switchboard.udpPort}`,
    `reg_identity=sip:${user.user}@${switchboard.domain}`,
    'reg_expires=600',
    'reg_sendregister=1',
    '[auth_info_0]',
    `username=${user.user}`,
    `passwd=${user.password}`,
    `realm=${switchboard.domain}`,
    `domain=${switchboard.domain}`,
    '',
  ].join('\n');
  await writeFile(join(home, 'rc'), rc, { mode: 0o600 });
  // -a: answer calls by itself; stdin stays open, or linphonec quits at once.
  const proc = spawn('linphonec', ['-c', join(home, 'rc'), '-a'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home },
  });
  let out = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.stdout.on('data', (chunk) => (out += String(chunk)));
  proc.stderr.on('data', (chunk) => (out += String(chunk)));
  const command = (line: string) => void proc.stdin.write(`${line}\n`);

  const waitFor = async (pattern: RegExp, timeoutMs = 10_000) => {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(out)) {
      if (Date.now() > until || proc.exitCode !== null)
        throw new Error(`linphonec ${user.user}: no ${String(pattern)} within ${timeoutMs} ms:\n${out.slice(-3000)}`);
      await pause(100);
    }
  };

  const phone: LinphonePhone = {
    rtpPorts: rtp,
    home,
    digits: () => [...out.matchAll(/Receiving tone (.) from/g)].map((match) => match[1]!),
    output: () => out,
    command,
    waitFor,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
  try {
    command('soundcard use files');
    await chooseCodecs(phone, options.codecs);
    await waitForRegistered(phone);
  } catch (error) {
    await phone.stop();
    throw error;
  }
  return phone;
}

/** `status register` answers "registered, identity=… duration=…" once the switchboard took the REGISTER. */
async function waitForRegistered(phone: LinphonePhone, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!phone.output().includes('registered, identity=')) {
    if (Date.now() > until) throw new Error(`linphonec not registered:\n${phone.output().slice(-2000)}`);
    phone.command('status register');
    await pause(500);
  }
}

/** `codec list` prints " 0: opus (48000) enabled" lines (then the prompt); all but the wanted codecs are disabled. */
async function chooseCodecs(phone: LinphonePhone, wanted: readonly string[]): Promise<void> {
  const from = phone.output().length;
  phone.command('codec list');
  await phone.waitFor(/\d+: \S+ \(\d+\) (?:enabled|disabled)/);
  // The list comes in one go; a moment more is sure to have all of it.
  await pause(500);
  const listed = [
    ...phone
      .output()
      .slice(from)
      .matchAll(/(\d+): (\S+) \((\d+)\) (enabled|disabled)/g),
  ];
  for (const [, index, name, , state] of listed) {
    const want = wanted.includes(name!.toLowerCase());
    if (want && state === 'disabled') phone.command(`codec enable ${index}`);
    if (!want && state === 'enabled') phone.command(`codec disable ${index}`);
  }
  if (!listed.some(([, , name]) => wanted.includes(name!.toLowerCase())))
    throw new Error(`linphonec offers none of ${wanted.join(', ')}:\n${phone.output().slice(from)}`);
}
