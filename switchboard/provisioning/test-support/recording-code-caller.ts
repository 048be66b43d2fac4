import type { CodeCaller, CodeLanguage } from '../code-caller.ts';

/** TEST DOUBLE: records every code "call" instead of phoning; can be told to fail the next call. */
export class RecordingCodeCaller implements CodeCaller {
  readonly calls: { mobile: string; code: string; language: CodeLanguage }[] = [];
  failNext: Error | null = null;

  async call(mobile: string, code: string, language: CodeLanguage): Promise<void> {
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    this.calls.push({ mobile, code, language });
  }

  /** The code phoned most recently to `mobile`. */
  lastCode(mobile: string): string {
    const call = this.calls.findLast((c) => c.mobile === mobile);
    if (!call) throw new Error(`no code was phoned to ${mobile}`);
    return call.code;
  }
}
