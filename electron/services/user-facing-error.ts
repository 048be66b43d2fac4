/**
 * The one error type a person is meant to read: a refusal ("Finish the current call first.") or a
 * failure with a reason ("There is no update to download."). Services throw it; the IPC routers answer
 * it as a failed result carrying its message. Anything else a handler throws is a bug: the routers log
 * it with its stack and answer a generic failure. `code` is stable (for logs and tests); the message
 * is English, shown as the detail under the UI's own translated words.
 */
export class UserFacingError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
  }
}
