/**
 * An in-page probe for the call benchmark, installed as an init script in the
 * engine window before the app's own code runs. Every timestamp is taken inside
 * the engine page (performance.timeOrigin + performance.now(), epoch ms with
 * sub-ms precision, comparable across the Chromium processes on this machine),
 * so Node ↔ browser hops never land in a measurement.
 *
 * It wraps, without changing behaviour:
 * - `window.engineHost` (the engine's one door to main, the same seam Electron's
 *   preload fills): stamps every command in and report out; with `autoAnswer` it
 *   answers an incoming call right here by handing the engine the same `answer`
 *   command main would send, skipping the engine → main → engine round trip;
 * - `WebSocket#send` and incoming messages: stamps SIP first lines (INVITE, 200, ACK …);
 * - `RTCPeerConnection`: stamps ICE gathering, ICE and DTLS connection states;
 * - `getUserMedia`, `addTrack`: stamps when the microphone is ready and added to the call.
 * Once an outgoing call is accepted it polls, every `pollMs`, the call's audio receiver for the
 * first frame delivered to the remote track for playout, and the first such frame
 * whose audio level is above silence (`getSynchronizationSources()`: not cached, and
 * its delivery timestamp makes it exact to ~1 ms); and, as a cross-check, inbound-rtp statistics (which
 * Chromium caches for ~50 ms) for the first packet and first audio energy.
 */

export type ProbeMark = { at: number; what: string; callId?: string };

export type ProbeOptions = { autoAnswer: boolean; pollMs: number; audioTimeoutMs: number };

export type EngineProbe = {
  drain(): ProbeMark[];
  /** Resolves once the call's first audio (or the timeout) is in. */
  waitForFirstAudio(callId: string): Promise<void>;
};

declare global {
  interface Window {
    benchProbe?: EngineProbe;
  }
}

type HostApi = {
  report(event: string, payload: unknown): void;
  onCommand(command: string, listener: (payload: unknown) => void): () => void;
};

/** Runs in the page: must be self-contained (Playwright sends its source text). */
export function installEngineProbe(options: ProbeOptions): void {
  if (!window.location.pathname.includes('/engine/')) return;
  const now = () => performance.timeOrigin + performance.now();
  let marks: ProbeMark[] = [];
  let currentCall: string | undefined;
  const mark = (what: string, callId = currentCall) =>
    marks.push(callId === undefined ? { at: now(), what } : { at: now(), what, callId });
  const audioDone = new Map<string, Promise<void>>();
  const pollStarters = new Map<string, () => void>();

  type StatsReport = { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number };
  const pollInbound = (callId: string): Promise<void> =>
    new Promise((resolve) => {
      const until = now() + options.audioTimeoutMs;
      const seen = new Set<string>();
      const once = (what: string, at = now()) => {
        if (seen.has(what)) return;
        seen.add(what);
        marks.push({ at, what, callId });
      };
      const peerConnection = () =>
        (
          window as unknown as { switchboardEngine?: { peerConnection(id: string): RTCPeerConnection | undefined } }
        ).switchboardEngine?.peerConnection(callId);
      const finish = () => {
        if (seen.has('ssrc:first-audio') && seen.has('stats:first-energy')) return true;
        if (now() < until) return false;
        once('timeout');
        return true;
      };
      // Frames delivered to the remote track for playout; `timestamp` says when (wall clock, 1 ms),
      // bounded here by this poll and the one before, so it is exact to ~1 ms.
      let previousPoll = now();
      const pollSources = () => {
        const pollAt = now();
        const receiver = peerConnection()
          ?.getReceivers()
          .find((r) => r.track.kind === 'audio');
        for (const source of receiver?.getSynchronizationSources() ?? []) {
          const at = Math.min(pollAt, Math.max(previousPoll, source.timestamp));
          once('ssrc:first-frame', at);
          if ((source.audioLevel ?? 0) > 0) once('ssrc:first-audio', at);
        }
        previousPoll = pollAt;
        if (finish()) resolve();
        else if (!seen.has('ssrc:first-audio')) setTimeout(pollSources, options.pollMs);
      };
      // Chromium caches getStats() results for ~50 ms: a cross-check only, on its own slower loop.
      const pollStats = async () => {
        (await peerConnection()?.getStats())?.forEach((report: StatsReport) => {
          if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
          if ((report.packetsReceived ?? 0) > 0) once('stats:first-packet');
          if ((report.totalAudioEnergy ?? 0) > 0) once('stats:first-energy');
        });
        if (finish()) resolve();
        else if (!seen.has('stats:first-energy')) setTimeout(() => void pollStats(), options.pollMs * 5);
      };
      pollSources();
      void pollStats();
    });

  let real: HostApi | undefined;
  Object.defineProperty(window, 'engineHost', {
    configurable: true,
    get: () => real,
    set(api: HostApi) {
      const answerListeners: Array<(payload: unknown) => void> = [];
      real = {
        report(event, payload) {
          const p = payload as { status?: string; phase?: string; id?: string };
          if (event === 'registration') mark(`report:registration:${p.status}`, undefined);
          if (event === 'call') {
            mark(`report:call:${p.phase}`, p.id);
            // An outgoing call turns 'connecting' at JsSIP 'accepted': the 200 OK's SDP is set, and no
            // audio can play before that (DTLS needs the far end's fingerprint). Polling from here on keeps
            // the probe's own work off the setup path it measures; setTimeout lets 'confirmed' go first.
            const startPolling = p.id === undefined ? undefined : pollStarters.get(p.id);
            if (p.phase === 'connecting' && p.id && startPolling) {
              pollStarters.delete(p.id);
              setTimeout(startPolling, 0);
            }
            if (options.autoAnswer && p.phase === 'incoming' && p.id) {
              const callId = p.id;
              currentCall = callId;
              // After the engine has finished handling the INVITE (it reports before it watches the session).
              queueMicrotask(() => {
                mark('auto-answer', callId);
                for (const listener of answerListeners) listener({ callId });
              });
            }
          }
          api.report(event, payload);
        },
        onCommand(command, listener) {
          if (command === 'answer') answerListeners.push(listener);
          return api.onCommand(command, (payload) => {
            const callId = (payload as { callId?: string } | undefined)?.callId;
            if (command === 'dial' && callId) {
              currentCall = callId;
              mark('command:dial', callId);
              audioDone.set(
                callId,
                new Promise((resolve) => pollStarters.set(callId, () => void pollInbound(callId).then(resolve))),
              );
            } else {
              mark(`command:${command}`, callId);
            }
            listener(payload);
          });
        },
      };
    },
  });

  const sipLine = (text: string) => {
    const first = text.slice(0, text.indexOf('\r\n'));
    const cseq = /\r\nCSeq:\s*\d+\s+(\w+)/i.exec(text)?.[1] ?? '';
    return first.startsWith('SIP/2.0') ? `${first.split(' ').slice(0, 2).join(' ')} ${cseq}` : first.split(' ')[0];
  };
  const watched = new WeakSet<WebSocket>();
  const watchSocket = (socket: WebSocket) => {
    if (watched.has(socket) || socket.url.includes('/ipc')) return;
    watched.add(socket);
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data === 'string') mark(`sip:in:${sipLine(event.data)}`);
    });
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data) {
    if (!this.url.includes('/ipc')) {
      watchSocket(this);
      if (typeof data === 'string') mark(`sip:out:${sipLine(data)}`);
    }
    return send.call(this, data);
  };
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).includes('/ipc')) {
        mark('sip:ws-connect');
        this.addEventListener('open', () => mark('sip:ws-open'));
        watchSocket(this);
      }
    }
  };

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config);
      mark('pc:created');
      this.addEventListener('icegatheringstatechange', () => mark(`pc:gathering:${this.iceGatheringState}`));
      this.addEventListener('icecandidate', (event) =>
        mark(event.candidate ? `pc:candidate:${event.candidate.type ?? '?'}` : 'pc:candidate:end'),
      );
      this.addEventListener('iceconnectionstatechange', () => mark(`pc:ice:${this.iceConnectionState}`));
      this.addEventListener('connectionstatechange', () => mark(`pc:connection:${this.connectionState}`));
    }
  };

  const peerConnectionMethods = NativePeerConnection.prototype as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  for (const name of ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription']) {
    const method = peerConnectionMethods[name]!;
    peerConnectionMethods[name] = async function (this: RTCPeerConnection, ...args: unknown[]) {
      mark(`pc:${name}:start`);
      try {
        return await method.apply(this, args);
      } finally {
        mark(`pc:${name}:done`);
      }
    };
  }

  const addTrack = NativePeerConnection.prototype.addTrack;
  NativePeerConnection.prototype.addTrack = function (this: RTCPeerConnection, ...args) {
    mark('pc:addTrack:start');
    const sender = addTrack.apply(this, args);
    mark('pc:addTrack:done');
    return sender;
  };

  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    mark('gum:start');
    const stream = await getUserMedia(constraints);
    mark('gum:done');
    return stream;
  };

  window.benchProbe = {
    drain() {
      const out = marks;
      marks = [];
      return out;
    },
    // The dial command may still be on its way over the host socket when Node asks.
    async waitForFirstAudio(callId) {
      const until = now() + options.audioTimeoutMs;
      while (!audioDone.has(callId) && now() < until)
        await new Promise((resolve) => setTimeout(resolve, options.pollMs));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, until - now())));
      await Promise.race([audioDone.get(callId), timeout]);
    },
  };
}
