/**
 * A WebSocket server the engine signs in through: it relays SIP both ways to the real switchboard
 * (so registration, calls and media are real) and lets a test deliver its own frames to the engine
 * as if the switchboard had sent them. Whatever the engine answers to those frames (matched by
 * Call-ID) is kept here for the test and not passed on to Kamailio.
 */
import { isUtf8 } from 'node:buffer';
import { WebSocket, WebSocketServer } from 'ws';

export type InjectedAnswer = { callId: string; line: string };

export type InjectingProxy = {
  url: string;
  /** Deliver a frame to the engine's current connection; text if it is valid UTF-8, else binary. */
  inject(message: Buffer): boolean;
  /** First lines the engine sent in answer to injected frames, with the Call-ID they answer. */
  answers: InjectedAnswer[];
  /**
   * What the engine answered to `message` among the answers from index `from` on: matched by Call-ID, so
   * an answer that comes late under load is not taken for the next message's.
   */
  answersTo(message: Buffer, from?: number): string[];
  /** First lines relayed engine → switchboard and switchboard → engine, in order. */
  upstream: string[];
  downstream: string[];
  /** Connections opened and closed on either side, with close codes: why an injection found no connection. */
  connections: string[];
  stop(): Promise<void>;
};

const firstLine = (data: string) => data.slice(0, data.indexOf('\r\n') >>> 0).slice(0, 120);
const callIdOf = (data: string) => /^(?:Call-ID|i)[ \t]*:[ \t]*(.*?)[ \t\r]*$/im.exec(data)?.[1];

/** Decoded as the engine decodes it, so its answers carry the same Call-ID. */
const decodedCallId = (message: Buffer) => callIdOf(new TextDecoder().decode(message));

export async function startInjectingProxy(upstreamUrl: string): Promise<InjectingProxy> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const injectedCallIds = new Set<string>();
  const answers: InjectedAnswer[] = [];
  const upstream: string[] = [];
  const downstream: string[] = [];
  const connections: string[] = [];
  let client: WebSocket | null = null;

  server.on('connection', (socket) => {
    client = socket;
    connections.push(`engine connected (${upstream.length} frames relayed up so far)`);
    const toSwitchboard = new WebSocket(upstreamUrl, 'sip');
    const pending: string[] = [];
    toSwitchboard.on('open', () => {
      for (const message of pending.splice(0)) toSwitchboard.send(message);
    });
    toSwitchboard.on('message', (data) => {
      const text = data.toString();
      downstream.push(firstLine(text));
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    });
    toSwitchboard.on('close', (code, reason) => {
      connections.push(`switchboard closed ${code} ${reason.toString()} after up: ${upstream.at(-1) ?? '-'}`);
      socket.close();
    });
    toSwitchboard.on('error', (error) => {
      connections.push(`switchboard connection error ${error.message}`);
      socket.terminate();
    });
    socket.on('message', (data) => {
      const text = data.toString();
      const callId = callIdOf(text);
      if (callId !== undefined && injectedCallIds.has(callId)) {
        answers.push({ callId, line: firstLine(text) });
        return;
      }
      upstream.push(firstLine(text));
      if (toSwitchboard.readyState === WebSocket.OPEN) toSwitchboard.send(text);
      else pending.push(text);
    });
    socket.on('close', (code, reason) => {
      connections.push(`engine closed ${code} ${reason.toString()}`);
      toSwitchboard.close();
    });
  });

  return {
    url: `ws://127.0.0.1:${port}`,
    inject(message) {
      if (!client || client.readyState !== WebSocket.OPEN) return false;
      const callId = decodedCallId(message);
      if (callId !== undefined) injectedCallIds.add(callId);
      client.send(message, { binary: !isUtf8(message) });
      return true;
    },
    answers,
    answersTo(message, from = 0) {
      const callId = decodedCallId(message);
      return answers
        .slice(from)
        .filter((answer) => answer.callId === callId)
        .map((answer) => answer.line);
    },
    upstream,
    downstream,
    connections,
    async stop() {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
