/**
 * Ring and ringback tones made with Web Audio, so the engine needs no sound files
 * and rings even while the UI window is hidden in the tray.
 */
type Cadence = { frequencies: number[]; onMs: number; offMs: number; gain: number };

// Chinese ringback (450 Hz, 1 s on / 4 s off) is what our users hear from desk phones.
const RINGBACK: Cadence = { frequencies: [450], onMs: 1000, offMs: 4000, gain: 0.15 };
const RING: Cadence = { frequencies: [440, 480], onMs: 1200, offMs: 1800, gain: 0.25 };

export class TonePlayer {
  private context: AudioContext | null = null;
  private stopCurrent: (() => void) | null = null;
  private playing: 'ring' | 'ringback' | null = null;

  play(kind: 'ring' | 'ringback'): void {
    if (this.playing === kind) return;
    this.stop();
    this.playing = kind;
    const cadence = kind === 'ring' ? RING : RINGBACK;
    const context = (this.context ??= new AudioContext());
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
      output.gain.setValueAtTime(cadence.gain, now);
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

  stop(): void {
    this.stopCurrent?.();
    this.stopCurrent = null;
    this.playing = null;
  }
}
