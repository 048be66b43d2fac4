/**
 * A call's outgoing microphone audio through Web Audio: capture → gain (input volume) → the track
 * the call sends. The sent track never changes, so switching microphones mid-call only swaps the
 * capture behind it: the call, its mute and hold state and the far end see nothing but new audio.
 */
export class MicPipeline {
  /** The track to send; stays the same for the call's life. */
  readonly track: MediaStreamTrack;
  private readonly gain: GainNode;
  private readonly destination: MediaStreamAudioDestinationNode;
  private readonly context: AudioContext;
  private source: MediaStreamAudioSourceNode;
  private captured: MediaStreamTrack;

  constructor(context: AudioContext, captured: MediaStreamTrack, volume: number) {
    this.context = context;
    void context.resume();
    this.captured = captured;
    this.gain = context.createGain();
    this.gain.gain.value = volume;
    this.destination = context.createMediaStreamDestination();
    this.destination.channelCount = 1;
    this.gain.connect(this.destination);
    this.source = this.connect(captured);
    this.track = this.destination.stream.getAudioTracks()[0]!;
  }

  /** The device the audio comes from now (its capture track's label). */
  get deviceLabel(): string {
    return this.captured.label;
  }

  /** Swaps in a new capture (another device, other processing) and stops the old one. */
  replaceCapture(captured: MediaStreamTrack): void {
    const old = this.captured;
    const oldSource = this.source;
    this.captured = captured;
    this.source = this.connect(captured);
    oldSource.disconnect();
    old.stop();
  }

  setVolume(volume: number): void {
    this.gain.gain.setTargetAtTime(volume, this.context.currentTime, 0.02);
  }

  stop(): void {
    this.source.disconnect();
    this.gain.disconnect();
    this.captured.stop();
    this.track.stop();
  }

  private connect(captured: MediaStreamTrack): MediaStreamAudioSourceNode {
    const source = this.context.createMediaStreamSource(new MediaStream([captured]));
    source.connect(this.gain);
    return source;
  }
}
