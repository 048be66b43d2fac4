import { appendFile } from 'node:fs/promises';
import { promptLanguages, type PromptLanguage } from '../prompts.ts';

/** The code call speaks the language of the app that asked for it: any the switchboard's lines speak. */
export const codeLanguages = promptLanguages;
export type CodeLanguage = PromptLanguage;

/**
 * Port: phones `mobileE164` and has a voice read `code` (twice, then "goodbye").
 * Resolves once the call has been placed (SipCodeCaller: once the phone answered; the voice reads on);
 * rejects (CodeCallFailedError) if it could not be placed.
 * The production adapter is SipCodeCaller (sip-code-caller.ts): a SIP call through Kamailio with espeak-ng prompts.
 */
export interface CodeCaller {
  call(mobileE164: string, code: string, language: CodeLanguage): Promise<void>;
}

export class CodeCallFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodeCallFailedError';
  }
}

/**
 * DEVELOPMENT ONLY: "phones" by appending the code to a log file in the switchboard's run directory,
 * so a developer running `npm run switchboard` can sign in. Never use it where codes must stay secret.
 */
export class DevLogCodeCaller implements CodeCaller {
  readonly path: string;
  constructor(path: string) {
    this.path = path;
  }
  async call(mobileE164: string, code: string, language: CodeLanguage): Promise<void> {
    await appendFile(this.path, `${new Date().toISOString()} ${mobileE164} ${language} code ${code}\n`, {
      mode: 0o600,
    });
  }
}
