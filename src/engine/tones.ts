/**
 * Ring and ringback tones made with Web Audio, so the engine needs no sound files
 * and rings even while the UI window is hidden in the tray.
 */
type Cadence = { frequencies: number[]; onMs: number; offMs: number; gain: number };

// Chinese ringback (450 Hz, 1 s on / 4 s off) is what our users hear from desk phones.
const RINGBACK: Cadence = { frequencies: [450], onMs: 1000, offMs: 4000, gain: 0.15 };
const RING: Cadence = { frequencies: [440, 480], onMs: 1200, offMs: 1800, gain: 0.25 };
// A second call while we talk: a short, quiet beep instead of the ring, so the caller we talk to is not drowned out.
const CALL_WAITING: Cadence = { frequencies: [440], onMs: 300, offMs: 3700, gain: 0.1 };
const CADENCES = { ring: RING, ringback: RINGBACK, waiting: CALL_WAITING } as const;
type ToneKind = keyof typeof CADENCES;

/** The DTMF keypad's row and column frequencies. */
const DTMF_FREQUENCIES: Record<string, [number, number]> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  '*': [941, 1209],
  '0': [941, 1336],
  '#': [941, 1477],
};
const KEY_FEEDBACK_MS = 120;

type SinkableContext = AudioContext & { setSinkId?(sinkId: string): Promise<void>; sinkId?: string };

/** Routes a context to an output device ('' = OS default); a vanished device falls back to the default. */
function routeContext(context: SinkableContext, sinkId: string): void {
  if (!context.setSinkId || context.sinkId === sinkId) return;
  context.setSinkId(sinkId).catch(() => void context.setSinkId?.(''));
}

export class TonePlayer {
  private context: AudioContext | null = null;
  /** The ring has its own context, so it can sound on another device (the loudspeaker) than the call. */
  private ringContext: AudioContext | null = null;
  private speakerSink = '';
  private ringerSink = '';
  private ringVolume = 1;

  /** The engine's one AudioContext for the speaker (ringback, key feedback), also used for hold music. */
  audioContext(): AudioContext {
    if (!this.context) {
      this.context = new AudioContext();
      routeContext(this.context, this.speakerSink);
    }
    return this.context;
  }

  setSpeaker(sinkId: string): void {
    this.speakerSink = sinkId;
    if (this.context) routeContext(this.context, sinkId);
  }

  /** The ringer device and ring volume (0 … 1), from the audio settings. */
  setRinger(sinkId: string, volume: number): void {
    this.ringerSink = sinkId;
    this.ringVolume = volume;
    if (this.ringContext) routeContext(this.ringContext, sinkId);
  }

  /** For diagnostics and tests: the device the ring plays on ('' = OS default), null before any ring. */
  ringerSinkId(): string | null {
    return this.ringContext ? ((this.ringContext as SinkableContext).sinkId ?? '') : null;
  }

  private ringAudioContext(): AudioContext {
    if (!this.ringContext) {
      this.ringContext = new AudioContext();
      routeContext(this.ringContext, this.ringerSink);
    }
    return this.ringContext;
  }

  /** Auto-answer's warning: two short high beeps on the speaker, then the call opens. */
  autoAnswerBeep(): void {
    const context = this.audioContext();
    void context.resume();
    const output = context.createGain();
    output.gain.value = 0;
    output.connect(context.destination);
    const oscillator = context.createOscillator();
    oscillator.frequency.value = 880;
    oscillator.connect(output);
    const start = context.currentTime;
    for (const at of [0, 0.3]) {
      output.gain.setValueAtTime(0.15, start + at);
      output.gain.setValueAtTime(0, start + at + 0.15);
    }
    oscillator.start();
    oscillator.stop(start + 0.5);
    setTimeout(() => output.disconnect(), 600);
  }

  /** A short local DTMF tone as key-press feedback; the far side gets the digit separately. */
  keyFeedback(digit: string): void {
    const frequencies = DTMF_FREQUENCIES[digit];
    if (!frequencies) return;
    const context = this.audioContext();
    void context.resume();
    const output = context.createGain();
    output.gain.value = 0.12;
    output.connect(context.destination);
    const end = context.currentTime + KEY_FEEDBACK_MS / 1000;
    for (const frequency of frequencies) {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(output);
      oscillator.start();
      oscillator.stop(end);
    }
    setTimeout(() => output.disconnect(), KEY_FEEDBACK_MS + 50);
  }
  private stopCurrent: (() => void) | null = null;
  private playing: ToneKind | null = null;

  play(kind: ToneKind): void {
    if (this.playing === kind) return;
    this.stop();
    this.playing = kind;
    const cadence = CADENCES[kind];
    const context = kind === 'ring' ? this.ringAudioContext() : this.audioContext();
    const gain = cadence.gain * (kind === 'ring' ? this.ringVolume : 1);
    void context.resume();
    const output = context.createGain();
    output.gain.value = 0;
    output.connect(context.destination);
    const oscillators = cadence.frequencies.map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(output);
      oscillator.start();
      return oscillator;
    });
    const period = cadence.onMs + cadence.offMs;
    const schedule = () => {
      const now = context.currentTime;
      output.gain.setValueAtTime(gain, now);
      output.gain.setValueAtTime(0, now + cadence.onMs / 1000);
    };
    schedule();
    const timer = setInterval(schedule, period);
    this.stopCurrent = () => {
      clearInterval(timer);
      for (const oscillator of oscillators) oscillator.stop();
      output.disconnect();
    };
  }

  /** For diagnostics and tests: the tone sounding now (ring, ringback, waiting), null for none. */
  tone(): ToneKind | null {
    return this.playing;
  }

  stop(): void {
    this.stopCurrent?.();
    this.stopCurrent = null;
    this.playing = null;
  }
}
