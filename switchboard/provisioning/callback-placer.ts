import { appendFile } from 'node:fs/promises';

/** A click-to-dial request: ring the person's mobile first, then connect it to `to`. */
export type CallbackRequest = {
  /** The mobile's SIP user: E.164 digits without "+". */
  mobileDigits: string;
  /** Extension, group number or outside number the mobile is connected to. */
  to: string;
  /** Who asked (shown to the callee as the caller where the line can). */
  fromExtension: string;
};

/**
 * Port: places a callback (docs/status-and-presence.md, "Where calls ring"). Resolves when the
 * callback is under way; rejects if it could not be placed. The real adapter rings the mobile from
 * the callback line and REFERs it to the callee (RFC 5359 §2.18).
 */
export interface CallbackPlacer {
  placeCallback(request: CallbackRequest): Promise<void>;
}

/** DEVELOPMENT ONLY: writes each callback request to a file in the run directory instead of calling. */
export class DevLogCallbackPlacer implements CallbackPlacer {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  async placeCallback(request: CallbackRequest): Promise<void> {
    await appendFile(
      this.path,
      `${new Date().toISOString()} callback ${request.fromExtension}: mobile ${request.mobileDigits} -> ${request.to}\n`,
      { mode: 0o600 },
    );
  }
}
