/**
 * Sends raw bytes to a listener over `node:net` and reads what comes back, for the fuzz tests'
 * hostile requests (http-fuzz.ts): fetch would refuse or repair most of them. `misbehaviour` says
 * which answers break the listeners' rules (docs/hostile-requests.md).
 */
import { connect } from 'node:net';
import type { FuzzInput } from './http-fuzz.ts';

export type RawAnswer = {
  status: number | null;
  contentType: string | null;
  body: string;
  /** Every status line seen (pipelined or repeated answers). */
  statuses: number[];
};

/** True once `text` holds one whole response (by Content-Length, chunked end, or a bodiless status). */
function responseComplete(text: string): boolean {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return false;
  const head = text.slice(0, headEnd);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  if (status === 100) return responseComplete(text.slice(headEnd + 4));
  if (status === 204 || status === 304) return true;
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  if (length !== undefined) return text.length - headEnd - 4 >= Number(length);
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) return text.endsWith('\r\n0\r\n\r\n');
  return false;
}

/**
 * Sends `bytes` on a fresh connection (no half-close: a real client waits with its side open) and
 * reads until one whole response arrived, the server closed, or `timeoutMs` passed. The first
 * status line and its content type are reported; null means no answer (an incomplete request).
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 1500): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1]));
      const head = text.split('\r\n\r\n')[0] ?? '';
      resolve({
        status: statuses.find((status) => status !== 100) ?? null,
        contentType: /\r\ncontent-type: ([^\r\n]*)/i.exec(head)?.[1] ?? null,
        body: text.slice(head.length + 4),
        statuses,
      });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (responseComplete(Buffer.concat(chunks).toString('latin1'))) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => socket.write(bytes));
  });
}

/** Sends every input, `parallel` at a time; returns each input with its answer. */
export async function sendAll(
  port: number,
  inputs: FuzzInput[],
  parallel = 32,
): Promise<{ input: FuzzInput; answer: RawAnswer }[]> {
  const results: { input: FuzzInput; answer: RawAnswer }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const input = inputs[next++]!;
      results.push({ input, answer: await sendRaw(port, input.bytes) });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}

/**
 * What a hardened listener may answer to any input: no 5xx, and every 4xx it sends is
 * problem+json. Returns the offending inputs (empty = all good).
 */
export function misbehaviour(results: { input: FuzzInput; answer: RawAnswer }[]): string[] {
  const bad: string[] = [];
  for (const { input, answer } of results) {
    const { status, contentType } = answer;
    if (status !== null && status >= 500) bad.push(`${input.kind}: answered ${status}`);
    else if (status !== null && status >= 400 && !contentType?.startsWith('application/problem+json')) {
      bad.push(`${input.kind}: ${status} as ${contentType}`);
    } else if (input.malformed && status !== null && status < 400 && status !== 101) {
      bad.push(`${input.kind}: malformed but answered ${status}`);
    }
  }
  return bad;
}
