/**
 * The browser host's stand-in for Electron IPC: the renderer pages connect to a
 * loopback WebSocket with a per-run secret and their role. A page that does not
 * present the secret, or claims a role already taken (engine), is refused: the
 * same check main does on the sender frame of every Electron IPC message.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ClientFrame, HostFrame, WindowRole } from '../../src/shared/ipc/wire.ts';
import type { EngineRouter, UiRouter } from '../services/ipc/routers.ts';
import { endSocketWithProblem, HostHttpProblem, parseHostTarget } from './http-guard.ts';
import { silentLogger, type Logger } from '../services/log/logger.ts';

const MAX_FRAME_BYTES = 256 * 1024;

export type IpcServer = {
  broadcastToUi(event: string, payload: unknown): void;
  sendToEngine(command: string, payload: unknown): void;
  close(): void;
};

export type IpcServerOptions = {
  routes: { ui: UiRouter; engine: EngineRouter };
  /** A UI window (re)connected: it needs the current state, as an Electron window gets it on load. */
  onUiConnected(): void;
  log?: Logger;
};

export function attachIpcServer(server: Server, secret: string, options: IpcServerOptions): IpcServer {
  const { routes } = options;
  const log = options.log ?? silentLogger;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const uiSockets = new Set<WebSocket>();
  let engineSocket: WebSocket | null = null;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node hands the socket over without an error listener: a peer's reset must not end the host.
    socket.on('error', () => {});
    let role: WindowRole | null;
    try {
      role = authorize(request, secret);
    } catch (error) {
      if (!(error instanceof HostHttpProblem)) console.warn(`[host] upgrade check failed: ${String(error)}`);
      endSocketWithProblem(
        socket,
        error instanceof HostHttpProblem
          ? error.problem
          : { status: 500, code: 'internal-error', title: 'Something went wrong in the host' },
      );
      return;
    }
    if (!role || (role === 'engine' && engineSocket)) {
      endSocketWithProblem(socket, { status: 403, code: 'forbidden', title: 'Not a page of this host' });
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (role === 'engine') engineSocket = ws;
      else uiSockets.add(ws);
      ws.on('close', () => {
        if (engineSocket === ws) engineSocket = null;
        uiSockets.delete(ws);
      });
      // A frame that fails in any way is logged: a rejection here would be unhandled and end the process.
      ws.on('message', (data) => {
        onFrame(role, ws, data.toString()).catch((error: unknown) =>
          log.error('IPC frame failed', { role, err: error }),
        );
      });
      if (role === 'ui') options.onUiConnected();
    });
  });

  async function onFrame(role: WindowRole, ws: WebSocket, text: string): Promise<void> {
    let frame: ClientFrame;
    try {
      frame = JSON.parse(text) as ClientFrame;
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    if (role === 'ui' && frame.t === 'invoke' && Number.isInteger(frame.id)) {
      const result = await routes.ui(String(frame.verb), frame.payload);
      send(ws, { t: 'result', id: frame.id, result });
    } else if (role === 'engine' && frame.t === 'report') {
      // The router logs what it refuses and what failed.
      await routes.engine(String(frame.event), frame.payload);
    }
  }

  return {
    broadcastToUi(event, payload) {
      for (const ws of uiSockets) send(ws, { t: 'event', event, payload });
    },
    sendToEngine(command, payload) {
      if (engineSocket) send(engineSocket, { t: 'command', command, payload });
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function send(ws: WebSocket, frame: HostFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
}

/** The page's role, or null when it is not one of ours; a malformed request throws HostHttpProblem (400). */
function authorize(request: IncomingMessage, secret: string): WindowRole | null {
  const { segments, query } = parseHostTarget(request.url ?? '');
  if (request.method !== 'GET' || request.headers['sec-websocket-key'] === undefined) {
    throw new HostHttpProblem(400, 'invalid-request', 'A WebSocket upgrade is a GET with Sec-WebSocket-Key');
  }
  if (segments.length !== 1 || segments[0] !== 'ipc') return null;
  const origin = request.headers.origin;
  const host = request.headers.host;
  // Only our own pages, served by this host, may connect.
  if (!origin || !host || origin !== `http://${host}`) return null;
  const token = Buffer.from(query.get('token') ?? '');
  const expected = Buffer.from(secret);
  if (token.length !== expected.length || !timingSafeEqual(token, expected)) return null;
  const role = query.get('role');
  return role === 'ui' || role === 'engine' ? role : null;
}
