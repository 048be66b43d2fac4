/**
 * The announcement a caller hears when we transfer them ("正在转接，请稍候。Transferring, please wait."), sent by
 * this app in place of the microphone, once, before the hold music (attended) or before the REFER (blind).
 * Played here rather than by the switchboard because the app is what knows a transfer starts, and this works
 * with any SIP server; the words are rendered once with espeak-ng (scripts/render-transfer-prompt.ts) and bundled
 * inline, so the engine needs no file access and no CSP exception (decoded from the data: URL without fetch).
 * The inline WAV (~195 kB as base64) is a chunk of its own, loaded at the first transfer: the engine page starts
 * with every app launch (issue 23's cold start and memory), a transfer is rare.
 */

/** Should the audio never report its end (a suspended context), a transfer still goes ahead after this. */
export const TRANSFER_PROMPT_MAX_MS = 8_000;

const decoded = new WeakMap<BaseAudioContext, Promise<AudioBuffer>>();

function promptBuffer(context: BaseAudioContext): Promise<AudioBuffer> {
  let buffer = decoded.get(context);
  if (!buffer) {
    buffer = import('./transfer-prompt.wav?inline').then(({ default: promptWav }) => {
      const base64 = promptWav.slice(promptWav.indexOf(',') + 1);
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      return context.decodeAudioData(bytes.buffer);
    });
    decoded.set(context, buffer);
  }
  return buffer;
}

/** One playing of the prompt as a track to send; `ended` settles when it has played (or failed, or timed out). */
export class TransferPrompt {
  readonly track: MediaStreamTrack;
  readonly ended: Promise<void>;
  private readonly destination: MediaStreamAudioDestinationNode;
  private source: AudioBufferSourceNode | null = null;
  private stopped = false;

  constructor(context: AudioContext) {
    void context.resume();
    this.destination = context.createMediaStreamDestination();
    const track = this.destination.stream.getAudioTracks()[0];
    if (!track) throw new Error('No transfer-prompt track');
    this.track = track;
    this.ended = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, TRANSFER_PROMPT_MAX_MS);
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      promptBuffer(context).then((buffer) => {
        if (this.stopped) return finish();
        const source = context.createBufferSource();
        source.buffer = buffer;
        source.connect(this.destination);
        source.addEventListener('ended', finish);
        source.start();
        this.source = source;
      }, finish);
    });
  }

  stop(): void {
    this.stopped = true;
    this.source?.stop();
    this.source?.disconnect();
    this.track.stop();
  }
}
