import type { CallbackPlacer, CallbackRequest } from '../callback-placer.ts';

/** TEST DOUBLE: records every callback request instead of calling. */
export class RecordingCallbackPlacer implements CallbackPlacer {
  readonly requests: CallbackRequest[] = [];
  async placeCallback(request: CallbackRequest): Promise<void> {
    this.requests.push(request);
  }
}
