/**
 * The switchboard as `npm run switchboard -- start` runs it (one Node process: provisioning and the
 * update feed in it; Kamailio, rtpengine and the baresip lines as its children), under hostile HTTP
 * and a stranger at a line's control channel. Before issue 22 one `GET //` ended the Node process and
 * with it every child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createConnection } from 'node:net';
import { MqttClient } from 'mqtt';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileRequests } from '../test/support/http-fuzz.ts';
import { misbehaviour, sendAll, sendRaw } from '../test/support/raw-http.ts';
import { startBaresip, type BaresipPhone } from './baresip.ts';
import { demoPeople } from './provisioning/demo-data.ts';

type CliInfo = {
  domain: string;
  udpPort: number;
  runDir: string;
  provisioningUrl: string;
  updateFeedUrl: string;
  processes: Record<string, number | null>;
  mailCatcher: { smtpUrl: string; mailsFile: string };
};

/** Live (not zombie) descendants of `root`, from /proc. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z') parents.set(Number(entry), Number(fields[1]));
    } catch {
      // gone while scanning
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(root);
  return found.sort((a, b) => a - b);
}

const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

/** The TCP ports `pid` listens on (IPv4 and IPv6), from /proc. */
function tcpListenersOf(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed while scanning
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const fields = row.trim().split(/\s+/);
      // State 0A is LISTEN; field 9 is the socket's inode.
      if (fields[3] === '0A' && inodes.has(fields[9]!)) ports.push(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

describe('the switchboard CLI under hostile requests', () => {
  let cli: ChildProcess;
  let info: CliInfo;
  let stderr = '';
  const phones: BaresipPhone[] = [];
  const everyPid = new Set<number>();

  beforeAll(async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'switchboard-fuzz-'));
    const feedDir = await mkdtemp(join(tmpdir(), 'switchboard-feed-'));
    await writeFile(join(feedDir, 'latest.yml'), 'version: 9.9.9\n');
    cli = spawn(
      process.execPath,
      [
        'switchboard/cli.ts',
        'start',
        '--run-dir',
        runDir,
        '--provisioning',
        '--auto-attendant',
        '--update-feed',
        feedDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cli.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let stdout = '';
    info = await new Promise<CliInfo>((resolve, reject) => {
      cli.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        try {
          resolve(JSON.parse(stdout) as CliInfo);
        } catch {
          // not all of it yet
        }
      });
      cli.once('exit', (code) => reject(new Error(`the CLI exited (${code}) before starting: ${stderr}`)));
    });
    for (const pid of descendants(cli.pid!)) everyPid.add(pid);
  });

  afterAll(async () => {
    for (const phone of phones) await phone.stop();
    if (cli.exitCode === null) {
      cli.kill('SIGTERM');
      await new Promise((resolve) => cli.once('exit', resolve));
    }
  });

  const signInAndRegister = async (person: (typeof demoPeople)[number]) => {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${info.provisioningUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const lookup = await post('/v1/sign-in/lookup', { mobile: person.mobile });
    expect(lookup.status).toBe(200);
    const companyId = (lookup.body['companies'] as { id: number }[])[0]!.id;
    expect((await post('/v1/sign-in/code', { mobile: person.mobile, companyId, language: 'en' })).status).toBe(202);
    let code: string | undefined;
    await expect
      .poll(async () => {
        const log = await readFile(join(info.runDir, 'codes.log'), 'utf8').catch(() => '');
        code = log
          .split('\n')
          .filter((line) => line.split(' ')[1] === person.mobile)
          .map((line) => /code (\d{4})$/.exec(line)?.[1])
          .at(-1);
        return code;
      })
      .toBeDefined();
    const verify = await post('/v1/sign-in/verify', { mobile: person.mobile, companyId, code, deviceName: 'fuzz PC' });
    expect(verify.status).toBe(200);
    const sip = verify.body['sip'] as { username: string; password: string; displayName: string };
    const phone = await startBaresip({
      switchboard: { domain: info.domain, udpPort: info.udpPort, runDir: info.runDir },
      user: { user: sip.username, password: sip.password, displayName: sip.displayName },
    });
    phones.push(phone);
    await phone.waitForRegistered();
  };

  it("says where the account mails are caught: an SMTP port on 127.0.0.1 that greets, and the run's mails file", async () => {
    expect(info.mailCatcher.mailsFile).toBe(join(info.runDir, 'mails.jsonl'));
    const { hostname, port } = new URL(info.mailCatcher.smtpUrl);
    expect(hostname).toBe('127.0.0.1');
    const greeting = await new Promise<string>((resolve, reject) => {
      const socket = createConnection(Number(port), hostname, () => {});
      socket.once('data', (data) => {
        resolve(data.toString());
        socket.end('QUIT\r\n');
      });
      socket.once('error', reject);
    });
    expect(greeting).toMatch(/^220 /);
  });

  it('answers GET // and its kin with 400 problem+json on the provisioning API and the update feed', async () => {
    for (const base of [info.provisioningUrl, info.updateFeedUrl]) {
      const port = Number(new URL(base).port);
      for (const target of ['//', '/%', '/%zz', '/..%2f', '///']) {
        const answer = await sendRaw(port, Buffer.from(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
        expect(answer, `${base} ${target}`).toMatchObject({
          status: 400,
          contentType: 'application/problem+json; charset=utf-8',
        });
      }
    }
    expect(cli.exitCode).toBeNull();
  });

  it('after 1,200 hostile requests every process of the switchboard is alive with its pid, and sign-in and registration work', async () => {
    const before = descendants(cli.pid!);
    expect(before.length).toBeGreaterThanOrEqual(5);
    const provisioningPort = Number(new URL(info.provisioningUrl).port);
    const feedPort = Number(new URL(info.updateFeedUrl).port);
    const provisioningTarget = {
      paths: ['/v1/health', '/v1/directory?since=0', '/v1/presence', '/v1/device'],
      bodyRoutes: [
        { method: 'POST', path: '/v1/sign-in/lookup' },
        { method: 'POST', path: '/v1/sign-in/code' },
        { method: 'PUT', path: '/v1/status' },
      ],
    };
    const results = [
      ...(await sendAll(provisioningPort, hostileRequests(41, 400, provisioningTarget))),
      ...(await sendAll(provisioningPort, hostileRequests(42, 400, provisioningTarget))),
      ...(await sendAll(feedPort, hostileRequests(43, 400, { paths: ['/latest.yml', '/'] }))),
    ];
    expect(results).toHaveLength(1200);
    expect(misbehaviour(results)).toEqual([]);

    expect(cli.exitCode).toBeNull();
    expect(descendants(cli.pid!)).toEqual(before);
    expect(stderr).not.toMatch(/restarting it|unexpected error/);
    await signInAndRegister(demoPeople[0]!);
  });

  it("a stranger cannot reach a line's control; a killed line or rtpengine is restarted; the rest keep their pids", async () => {
    const { processes } = info;
    const kamailio = processes['kamailio']!;
    const line = processes['announcement line']!;
    // baresip 1.0's ctrl_tcp listened on a TCP port, and one `{"command":1}` from any local process
    // ended the line (SIGSEGV). Now the line listens on TCP for SIP only (SIP over TCP and TLS)…
    const config = await readFile(join(info.runDir, 'announcement-group-busy', 'config'), 'utf8');
    expect(config).not.toMatch(/ctrl_tcp/);
    const sipPort = Number(/^sip_listen 127\.0\.0\.1:(\d+)$/m.exec(config)![1]);
    expect(tcpListenersOf(line).sort()).toEqual([sipPort, sipPort + 1]);
    // …and its private channel refuses whoever comes without the line's password, junk or not.
    const socketPath = /^mqtt_broker_host (\S+)$/m.exec(config)![1]!;
    const stranger = new MqttClient(() => createConnection(socketPath), { reconnectPeriod: 0, clientId: 'baresip' });
    stranger.on('error', () => {});
    await new Promise<void>((settled) => stranger.once('close', () => settled()));
    expect(stranger.connected).toBe(false);
    const raw = createConnection(socketPath, () => raw.end('11:{"command":1},'));
    raw.on('error', () => {});
    await new Promise((settled) => raw.once('close', settled));
    await expect.poll(() => stderr).toMatch(/refused on the control channel/);
    expect(alive(line)).toBe(true);

    process.kill(line, 'SIGKILL');
    await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/announcement line restarted/);

    process.kill(processes['rtpengine']!, 'SIGKILL');
    await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/rtpengine restarted/);
    expect(stderr).toMatch(/rtpengine exited unexpectedly; restarting it/);

    expect(alive(kamailio)).toBe(true);
    expect(alive(processes['callback line']!)).toBe(true);
    expect(alive(processes['auto-attendant']!)).toBe(true);
    expect(cli.exitCode).toBeNull();
    for (const pid of descendants(cli.pid!)) everyPid.add(pid);
  });

  it('a killed Kamailio comes back on its ports and the lines register again; a new sign-in registers', async () => {
    process.kill(info.processes['kamailio']!, 'SIGKILL');
    await expect.poll(() => stderr, { timeout: 30_000 }).toMatch(/kamailio restarted/);
    await expect.poll(() => stderr, { timeout: 60_000 }).toMatch(/auto-attendant restarted/);
    for (const pid of descendants(cli.pid!)) everyPid.add(pid);
    await signInAndRegister(demoPeople[1]!);
    expect(cli.exitCode).toBeNull();
  });

  it('stopping the switchboard stops every process it ever started', async () => {
    for (const phone of phones.splice(0)) await phone.stop();
    for (const pid of descendants(cli.pid!)) everyPid.add(pid);
    cli.kill('SIGTERM');
    await new Promise((resolve) => cli.once('exit', resolve));
    await expect.poll(() => [...everyPid].filter(alive), { timeout: 10_000 }).toEqual([]);
  });
});
