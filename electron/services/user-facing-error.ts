/**
 * The one error type a person is meant to read: a refusal ("Finish the current call first.") or a
 * failure with a reason ("There is no update to download."). Services throw it; the IPC routers answer
 * it as a failed result carrying its message. Anything else a handler throws is a bug: the routers log
 * it with its stack and answer a generic failure. `code` is stable (for logs and tests) and names the
 * words in the translation files' `refusal` section, which the routers answer in the UI's language; the
 * English message is for the log and for a code without a translation (a server's own words).
 * `because` is the code of a second refusal that says why ("Log out is not possible now." + "Finish the
 * current call first.").
 */
export class UserFacingError extends Error {
  readonly code: string;
  readonly because: string | undefined;

  constructor(code: string, message: string, because?: string) {
    super(message);
    this.name = 'UserFacingError';
    this.code = code;
    this.because = because;
  }
}
