/**
 * Plays each call's inbound audio in the engine page. An <audio> element per call,
 * never muted: a muted element would also read zero level in WebRTC statistics.
 */
export class RemoteAudio {
  private readonly elements = new Map<string, HTMLAudioElement>();
  /** The speaker device; '' is the OS default, followed as it changes. */
  private sinkId = '';

  /** Moves every call's audio, now and later, to this output device. */
  setSink(sinkId: string): void {
    this.sinkId = sinkId;
    for (const element of this.elements.values()) this.route(element);
  }

  /** For diagnostics and tests: the output each call plays on. */
  sinks(): Record<string, string> {
    return Object.fromEntries([...this.elements].map(([id, element]) => [id, element.sinkId]));
  }

  private route(element: HTMLAudioElement): void {
    if (element.sinkId === this.sinkId) return;
    // A device gone between the choice and now: play on the OS default rather than nowhere.
    element.setSinkId(this.sinkId).catch(() => void element.setSinkId(''));
  }

  attach(callId: string, stream: MediaStream): void {
    let element = this.elements.get(callId);
    if (!element) {
      element = document.createElement('audio');
      element.autoplay = true;
      element.dataset.callId = callId;
      document.body.append(element);
      this.elements.set(callId, element);
      this.route(element);
    }
    if (element.srcObject !== stream) element.srcObject = stream;
    void element.play().catch(() => {
      // Autoplay may be refused until the page is allowed sound; the next track retries.
    });
  }

  /** Silences or restores one call's audio by volume (never `muted`, see above); it keeps playing out. */
  setHeard(callId: string, heard: boolean): void {
    const element = this.elements.get(callId);
    if (element) element.volume = heard ? 1 : 0;
  }

  detach(callId: string): void {
    const element = this.elements.get(callId);
    if (!element) return;
    element.srcObject = null;
    element.remove();
    this.elements.delete(callId);
  }
}
