/**
 * A call's audio: what we hear goes to the chosen speaker, what we send follows the call (the
 * microphone, silence when muted, hold music while we hold it), ICE gathering never waits
 * forever, and the quality meter reads the connection while the call is connected.
 */
import type { CallSnapshot } from '../shared/domain.ts';
import type { ActiveCall } from './active-call.ts';
import type { AudioDevices } from './audio-devices.ts';
import { CallQualityWatch } from './call-quality.ts';
import { engineLog } from './engine-log.ts';
import { HoldMusic } from './hold-music.ts';
import { TransferPrompt } from './transfer-prompt.ts';
import { DEFAULT_ICE_CAP_MS } from './ice-ready-policy.ts';
import type { RemoteAudio } from './remote-audio.ts';
import type { TonePlayer } from './tones.ts';

export class CallMediaControl {
  private readonly devices: AudioDevices;
  private readonly audio: RemoteAudio;
  private readonly tones: TonePlayer;

  constructor(devices: AudioDevices, audio: RemoteAudio, tones: TonePlayer) {
    this.devices = devices;
    this.audio = audio;
    this.tones = tones;
  }

  /** A call's media connection appeared: play what arrives, and cap ICE gathering. */
  watchConnection(call: ActiveCall, connection: RTCPeerConnection): void {
    const callId = call.snapshot.id;
    connection.addEventListener('track', (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.audio.attach(callId, stream);
    });
    // If no candidate ever arrives, JsSIP would wait forever: end gathering ourselves.
    call.iceCapTimer ??= setTimeout(() => {
      if (connection.iceGatheringState === 'gathering') {
        connection.dispatchEvent(new RTCPeerConnectionIceEvent('icecandidate', { candidate: null }));
      }
    }, DEFAULT_ICE_CAP_MS);
  }

  /**
   * Puts the outgoing audio in line with the snapshot: hold music while we hold the call,
   * otherwise the microphone, enabled unless muted (a disabled track sends silence).
   */
  apply(call: ActiveCall): void {
    const media = call.media;
    const connection = call.session.connection;
    if (!media.sender && connection) {
      const sender = connection.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      if (sender) {
        media.sender = sender;
        // The sent track goes through the device manager, so microphones can change mid-call.
        media.mic = sender.track ? this.devices.adoptMicrophone(call.snapshot.id, sender.track) : null;
      }
    }
    const { sender, mic } = media;
    if (!sender) return;
    const snapshot = call.snapshot;
    if (media.prompt && snapshot.phase !== 'ended') {
      if (mic) mic.enabled = false;
      if (sender.track !== media.prompt.track) this.send(call, sender, media.prompt.track);
      return;
    }
    if (mic) mic.enabled = !snapshot.muted && !snapshot.held;
    if (snapshot.held && snapshot.phase !== 'ended') {
      media.music ??= new HoldMusic(this.tones.audioContext());
      media.music.track.enabled = true;
      if (sender.track !== media.music.track) this.send(call, sender, media.music.track);
    } else {
      if (sender.track !== mic) this.send(call, sender, mic ?? null);
      media.music?.stop();
      delete media.music;
    }
  }

  /**
   * Plays "Transferring, please wait" to the other party in place of what we send; resolves once it has played
   * (then the microphone or the hold music is back, whichever applies by then). One at a time per call.
   */
  async announceTransfer(call: ActiveCall): Promise<void> {
    if (call.media.prompt) return call.media.prompt.ended;
    const prompt = new TransferPrompt(this.tones.audioContext());
    call.media.prompt = prompt;
    this.apply(call);
    await prompt.ended;
    prompt.stop();
    if (call.media.prompt === prompt) delete call.media.prompt;
    this.apply(call);
  }

  /** Quality estimates into the snapshot, every few seconds while the call is connected. */
  watchQuality(call: ActiveCall, report: (snapshot: CallSnapshot) => void): void {
    call.quality ??= new CallQualityWatch(
      () => call.session.connection,
      (quality, qualitySummary) => {
        if (call.snapshot.phase === 'ended') return;
        call.snapshot = { ...call.snapshot, quality, qualitySummary };
        report(call.snapshot);
      },
    );
  }

  /** The call ended: stop everything it used. */
  release(call: ActiveCall): void {
    clearTimeout(call.iceCapTimer);
    call.quality?.stop();
    this.devices.releaseMicrophone(call.snapshot.id);
    call.stopMediaWatch?.();
    call.media.music?.stop();
    call.media.prompt?.stop();
    this.audio.detach(call.snapshot.id);
  }

  /** replaceTrack fails once the connection is closed (the far side may end the call at any moment). */
  private send(call: ActiveCall, sender: RTCRtpSender, track: MediaStreamTrack | null): void {
    sender.replaceTrack(track).catch((error: unknown) => {
      engineLog.warn('Outgoing audio not switched', { callId: call.snapshot.id, error: String(error) });
    });
  }
}
