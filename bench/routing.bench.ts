/**
 * What routing by the provisioning service costs at call setup, run by `npm run bench:routing` inside a
 * loopback-only netns. baresip → baresip (auto-answer), dial command → the caller's CALL_ESTABLISHED:
 *
 * 1. plain:  a switchboard without the service (Kamailio routes by itself);
 * 2. routed: with the service, a direct call (Kamailio asks GET /internal/route first: one HTTP round trip);
 * 3. hunted: with the service, a call to a group whose one available member answers (route + ring + the
 *    `answered` report); the member is made available again between calls.
 *
 * Prints p50/p95/min/max per kind and, as its LAST line, one JSON object. BENCH_N (default 20) calls per kind.
 */
import { performance } from 'node:perf_hooks';
import { startBaresip, type BaresipPhone } from '../switchboard/baresip.ts';
import { addCallGroup } from '../switchboard/provisioning/call-groups.ts';
import { openProvisioningDb } from '../switchboard/provisioning/db.ts';
import { demoMobile } from '../switchboard/provisioning/demo-data.ts';
import { provisioningPaths } from '../switchboard/provisioning/paths.ts';
import type { SignInResult } from '../switchboard/provisioning/service.ts';
import { RecordingCodeCaller } from '../switchboard/provisioning/test-support/recording-code-caller.ts';
import { startSwitchboard, type RunningSwitchboard } from '../switchboard/switchboard.ts';
import { demoUsers } from '../switchboard/users.ts';

const N = Number(process.env.BENCH_N ?? 20);
const WARMUP = 2;
const SETTLE_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.error(`[bench] ${line}`);
const [caller, callee] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

/** dial → CALL_ESTABLISHED at the caller, N times after the warm-up; `between` runs after each call. */
async function measure(
  from: BaresipPhone,
  answerer: BaresipPhone,
  target: string,
  between: () => Promise<void> = async () => {},
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const started = performance.now();
    await from.dial(target);
    await from.waitForEvent('CALL_ESTABLISHED', 10_000);
    const took = performance.now() - started;
    await answerer.waitForEvent('CALL_ESTABLISHED', 10_000);
    await from.hangup();
    await from.waitForEvent('CALL_CLOSED', 10_000);
    await answerer.waitForEvent('CALL_CLOSED', 10_000);
    if (i >= WARMUP) times.push(took);
    await between();
    await sleep(SETTLE_MS);
  }
  return times;
}

async function withSwitchboard<T>(
  options: Parameters<typeof startSwitchboard>[0],
  run: (s: RunningSwitchboard) => Promise<T>,
): Promise<T> {
  const switchboard = await startSwitchboard(options);
  try {
    return await run(switchboard);
  } finally {
    await switchboard.stop();
  }
}

async function phones(switchboard: RunningSwitchboard, users: Parameters<typeof startBaresip>[0]['user'][]) {
  const started = await Promise.all(users.map((user, i) => startBaresip({ switchboard, user, autoAnswer: i > 0 })));
  await Promise.all(started.map((p) => p.waitForRegistered()));
  return started;
}

log(`plain: ${WARMUP} warm-up + ${N} calls`);
const plain = await withSwitchboard({ users: [caller, callee] }, async (switchboard) => {
  const [a, b] = await phones(switchboard, [caller, callee]);
  try {
    return await measure(a!, b!, callee.user);
  } finally {
    await Promise.all([a!.stop(), b!.stop()]);
  }
});

const codes = new RecordingCodeCaller();
const { routed, hunted } = await withSwitchboard(
  { users: [caller, callee], provisioning: { codeCaller: codes } },
  async (switchboard) => {
    const api = async (path: string, method: string, body: unknown, token?: string) => {
      const res = await fetch(`${switchboard.provisioningUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const lookup = await api('/v1/sign-in/lookup', 'POST', { mobile: demoMobile });
    const companyId = (lookup['companies'] as { id: number }[])[0]!.id;
    await api('/v1/sign-in/code', 'POST', { mobile: demoMobile, companyId, language: 'en' });
    const member = (await api('/v1/sign-in/verify', 'POST', {
      mobile: demoMobile,
      companyId,
      code: codes.lastCode(demoMobile),
      deviceName: 'bench',
    })) as unknown as SignInResult;
    const db = openProvisioningDb(provisioningPaths(switchboard.runDir).db);
    addCallGroup(db, companyId, { number: '8290', name: 'Bench', members: [member.sip.username], ringTimeoutSec: 10 });
    db.close();

    const memberUser = { user: member.sip.username, password: member.sip.password, displayName: 'member' };
    const [a, b, m] = await phones(switchboard, [caller, callee, memberUser]);
    try {
      log(`routed: ${WARMUP} warm-up + ${N} calls`);
      const routedTimes = await measure(a!, b!, callee.user);
      log(`hunted: ${WARMUP} warm-up + ${N} calls`);
      const huntedTimes = await measure(a!, m!, '8290', async () => {
        await api('/v1/status', 'PUT', { status: 'available' }, member.device.token);
      });
      return { routed: routedTimes, hunted: huntedTimes };
    } finally {
      await Promise.all([a!.stop(), b!.stop(), m!.stop()]);
    }
  },
);

const result = { plain: summary(plain), routed: summary(routed), hunted: summary(hunted) };
const fmt = (v: number) => v.toFixed(1).padStart(7);
console.log('setup ms (dial → CALL_ESTABLISHED)      p50     p95     min     max');
for (const [kind, s] of Object.entries(result)) {
  console.log(`${kind.padEnd(36)}${fmt(s.p50)} ${fmt(s.p95)} ${fmt(s.min)} ${fmt(s.max)}`);
}
console.log(
  JSON.stringify({
    bench: 'routing',
    n: N,
    plain_p50_ms: +result.plain.p50.toFixed(1),
    routed_p50_ms: +result.routed.p50.toFixed(1),
    hunted_p50_ms: +result.hunted.p50.toFixed(1),
    routed_p95_ms: +result.routed.p95.toFixed(1),
    hunted_p95_ms: +result.hunted.p95.toFixed(1),
  }),
);
