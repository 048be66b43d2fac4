/**
 * Plays each call's inbound audio in the engine page. An <audio> element per call,
 * never muted: a muted element would also read zero level in WebRTC statistics.
 */
export class RemoteAudio {
  private readonly elements = new Map<string, HTMLAudioElement>();

  attach(callId: string, stream: MediaStream): void {
    let element = this.elements.get(callId);
    if (!element) {
      element = document.createElement('audio');
      element.autoplay = true;
      element.dataset.callId = callId;
      document.body.append(element);
      this.elements.set(callId, element);
    }
    if (element.srcObject !== stream) element.srcObject = stream;
    void element.play().catch(() => {
      // Autoplay may be refused until the page is allowed sound; the next track retries.
    });
  }

  detach(callId: string): void {
    const element = this.elements.get(callId);
    if (!element) return;
    element.srcObject = null;
    element.remove();
    this.elements.delete(callId);
  }
}
