/**
 * SIPp for the hostile Kamailio tests: one scenario per forged request, over UDP. The scenario sends
 * the request and passes only if the switchboard answers with one of the expected final codes; any
 * other answer (a 486 or 200 from the user the request reached) or none fails it.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { token } from './sip-wire.ts';

export type SippOutcome = { passed: boolean; exitCode: number; errors: string };

export type SippSend = {
  /** host:port of the switchboard's UDP listener. */
  target: string;
  /** The whole request; `[local_ip]`, `[local_port]` and other SIPp keywords are filled in by SIPp. */
  request: string;
  /** Final answers that count as refused. */
  expect: number[];
  /** Send from this local UDP port (default: any). */
  localPort?: number;
  /** Scratch directory for the scenario and SIPp's error log. */
  dir: string;
  timeoutMs?: number;
};

const xmlSafe = (text: string) => text.replace(/]]>/g, ']]]]><![CDATA[>');

/** The request with its headers unindented and its lines ended as SIPp expects (it adds CRLFs itself). */
function sippText(request: string): string {
  return request.replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

export function sippScenario(request: string, expect: number[], timeoutMs: number): string {
  const method = /^(\S+)/.exec(request)?.[1] ?? 'OPTIONS';
  const codes = [...expect].sort();
  const finals = codes.map((code, index) =>
    index < codes.length - 1
      ? `  <recv response="${code}" optional="true" next="refused"/>`
      : `  <recv response="${code}" timeout="${timeoutMs}"/>`,
  );
  // A refused INVITE is acknowledged hop by hop, with the INVITE's Via (RFC 3261 17.1.1.3).
  const ack =
    method === 'INVITE'
      ? [
          '  <send><![CDATA[',
          `ACK ${/^\S+ (\S+)/.exec(request)?.[1] ?? ''} SIP/2.0`,
          '[last_Via:]',
          '[last_From:]',
          '[last_To:]',
          '[last_Call-ID:]',
          'CSeq: 1 ACK',
          'Max-Forwards: 70',
          'Content-Length: 0',
          '  ]]></send>',
        ]
      : [];
  return [
    '<?xml version="1.0" encoding="ISO-8859-1" ?>',
    '<scenario name="forged request">',
    `  <send retrans="500"><![CDATA[\n${xmlSafe(sippText(request))}\n  ]]></send>`,
    '  <recv response="100" optional="true"/>',
    ...finals,
    '  <label id="refused"/>',
    ...ack,
    '</scenario>',
    '',
  ].join('\n');
}

const sippKeyword = /^(local_ip|local_port|call_id|len|branch|pid|call_number|transport|last_[A-Za-z-]+:?)$/;

/**
 * SIPp reads every [...] in a message as its keyword; an address such as `[::1]` is passed to it as
 * a generic parameter (-key) instead, which SIPp pastes in unread.
 */
function literalBrackets(request: string): { text: string; keys: Array<[string, string]> } {
  const keys: Array<[string, string]> = [];
  const text = request.replace(/\[([^\]\r\n]*)\]/g, (whole, inner: string) => {
    if (sippKeyword.test(inner)) return whole;
    const name = `literal${keys.length}`;
    keys.push([name, whole]);
    return `[${name}]`;
  });
  return { text, keys };
}

/** Runs SIPp once with the request; resolves whether the switchboard refused it as expected. */
export async function sippSend(s: SippSend): Promise<SippOutcome> {
  const name = `sipp-${token()}`;
  const scenario = join(s.dir, `${name}.xml`);
  const errorFile = join(s.dir, `${name}-errors.log`);
  const timeoutMs = s.timeoutMs ?? 4000;
  // SIPp matches answers to its call by Call-ID, which it must write itself: keep the test's as its own.
  const callId = /^Call-ID:[ \t]*(\S+)/im.exec(s.request)?.[1] ?? token();
  const { text, keys } = literalBrackets(s.request.replace(/^Call-ID:.*$/im, 'Call-ID: [call_id]'));
  await writeFile(scenario, sippScenario(text, s.expect, timeoutMs));
  const args = [
    s.target,
    '-sf',
    scenario,
    '-m',
    '1',
    '-t',
    'u1',
    '-i',
    '127.0.0.1',
    ...(s.localPort ? ['-p', String(s.localPort)] : []),
    ...keys.flatMap(([name, value]) => ['-key', name, value]),
    '-cid_str',
    callId,
    '-nostdin',
    '-trace_err',
    '-error_file',
    errorFile,
    '-timeout',
    `${Math.ceil(timeoutMs / 1000) + 2}s`,
    '-timeout_error',
  ];
  const exitCode = await new Promise<number>((resolve) => {
    execFile('sipp', args, { cwd: s.dir, timeout: timeoutMs + 10_000 }, (error) => {
      resolve(error ? Number((error as { code?: unknown }).code ?? 1) : 0);
    });
  });
  const errors = await readFile(errorFile, 'utf8').catch(() => '');
  return { passed: exitCode === 0, exitCode, errors };
}
