import { afterEach, describe, expect, it } from 'vitest';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { ActiveCall } from './active-call.ts';
import type { AudioDevices } from './audio-devices.ts';
import { CallMediaControl } from './call-media.ts';
import { newCall } from './call-state.ts';
import { setEngineLogSink, type EngineLogFields } from './engine-log.ts';
import type { RemoteAudio } from './remote-audio.ts';
import type { TonePlayer } from './tones.ts';

describe("a call's outgoing audio", () => {
  afterEach(() => setEngineLogSink(null));

  it('a track switch the closed connection refuses is logged, not left as an unhandled rejection', async () => {
    const warnings: Array<[string, EngineLogFields]> = [];
    setEngineLogSink((level, message, fields) => void (level === 'warn' && warnings.push([message, fields])));
    const captured = { kind: 'audio', enabled: true } as MediaStreamTrack;
    const processed = { kind: 'audio', enabled: true } as MediaStreamTrack;
    const sender = {
      track: captured,
      replaceTrack: () => Promise.reject(new DOMException('The peer connection is closed.', 'InvalidStateError')),
    } as unknown as RTCRtpSender;
    const connection = { getSenders: () => [sender] } as unknown as RTCPeerConnection;
    const call: ActiveCall = {
      session: { connection } as unknown as RTCSession,
      snapshot: { ...newCall({ id: 'c1', direction: 'outgoing', remoteNumber: '1002', now: 0 }), phase: 'connected' },
      media: {},
      postDial: [],
    };
    const devices = { adoptMicrophone: () => processed } as unknown as AudioDevices;
    const media = new CallMediaControl(devices, {} as RemoteAudio, {} as TonePlayer);
    media.apply(call);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(call.media.mic).toBe(processed);
    expect(warnings).toEqual([
      ['Outgoing audio not switched', { callId: 'c1', error: 'InvalidStateError: The peer connection is closed.' }],
    ]);
  });
});
