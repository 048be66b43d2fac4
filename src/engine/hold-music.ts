/**
 * Hold music sent by the holding client: a short melody rendered once into an AudioBuffer
 * and looped into a MediaStream track that replaces the microphone while the call is held.
 * The melody is pure data and rendering is a pure function, so tests can compute exactly
 * what the held party should hear and recognise it by its loudness envelope.
 */

/** [frequency in Hz (0 = rest), length in ms]: an uneven rhythm of notes and rests, ~7 s per loop. */
export const HOLD_MELODY: ReadonlyArray<readonly [number, number]> = [
  [659, 250],
  [622, 250],
  [659, 250],
  [0, 150],
  [494, 400],
  [0, 600],
  [587, 300],
  [523, 300],
  [440, 800],
  [0, 1200],
  [262, 250],
  [330, 250],
  [440, 250],
  [494, 700],
  [0, 900],
  [330, 200],
  [415, 200],
  [494, 500],
  [0, 400],
];

const LEVEL = 0.3;
const RAMP_MS = 12;

/** One loop of the melody as mono samples at `sampleRate`. */
export function renderHoldMusic(sampleRate: number): Float32Array<ArrayBuffer> {
  const totalMs = HOLD_MELODY.reduce((sum, [, ms]) => sum + ms, 0);
  const samples = new Float32Array(Math.round((totalMs * sampleRate) / 1000));
  const ramp = Math.round((RAMP_MS * sampleRate) / 1000);
  let offset = 0;
  for (const [frequency, ms] of HOLD_MELODY) {
    const length = Math.round((ms * sampleRate) / 1000);
    if (frequency > 0) {
      for (let i = 0; i < length && offset + i < samples.length; i++) {
        const t = i / sampleRate;
        // Soft edges so notes do not click; a quiet octave makes it less of a test tone.
        const edge = Math.min(1, i / ramp, (length - i) / ramp);
        const wave = Math.sin(2 * Math.PI * frequency * t) + 0.3 * Math.sin(4 * Math.PI * frequency * t);
        samples[offset + i] = (LEVEL / 1.3) * edge * wave;
      }
    }
    offset += length;
  }
  return samples;
}

/** The looping hold-music track; one per held call. */
export class HoldMusic {
  private readonly source: AudioBufferSourceNode;
  private readonly destination: MediaStreamAudioDestinationNode;
  readonly track: MediaStreamTrack;

  constructor(context: AudioContext) {
    void context.resume();
    const samples = renderHoldMusic(context.sampleRate);
    const buffer = context.createBuffer(1, samples.length, context.sampleRate);
    buffer.copyToChannel(samples, 0);
    this.source = context.createBufferSource();
    this.source.buffer = buffer;
    this.source.loop = true;
    this.destination = context.createMediaStreamDestination();
    this.source.connect(this.destination);
    this.source.start();
    const track = this.destination.stream.getAudioTracks()[0];
    if (!track) throw new Error('No hold-music track');
    this.track = track;
  }

  stop(): void {
    this.source.stop();
    this.source.disconnect();
    this.track.stop();
  }
}
