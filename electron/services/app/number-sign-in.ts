/**
 * Sign-in by mobile number (the first screen): the companies that registered the number, the
 * phoned code, and on a right code the SIP account the provisioning service issued for this
 * computer, checked like a typed-in one and handed to the session. Failures are results with a
 * `code` the UI words, not errors.
 */
import { parseMobileNumber } from '../../../src/shared/mobile-number.ts';
import type {
  CodeRequestResult,
  LookupResult,
  NumberSignInFailure,
  VerifyResult,
} from '../../../src/shared/number-sign-in.ts';
import type { Logger } from '../log/logger.ts';
import type { ProvisioningClient } from '../provisioning/client.ts';
import type { AppStateStore } from './app-state.ts';
import { issuedAccount } from './issued-account.ts';
import type { Preferences } from './preferences.ts';
import type { SessionService } from './session.ts';

export type NumberSignInDeps = {
  state: AppStateStore;
  session: SessionService;
  preferences: Preferences;
  provisioning: (baseUrl: string) => ProvisioningClient;
  log: Logger;
};

type Ready = { ok: true; client: ProvisioningClient; e164: string; baseUrl: string };

export class NumberSignIn {
  private readonly deps: NumberSignInDeps;

  constructor(deps: NumberSignInDeps) {
    this.deps = deps;
  }

  async lookup(mobile: string): Promise<LookupResult> {
    const ready = this.ready(mobile);
    if (!ready.ok) return ready;
    return ready.client.lookup(ready.e164);
  }

  /** "Get code" and "Call me again": the service phones the number and a voice reads the code. */
  async requestCode(mobile: string, companyId: number): Promise<CodeRequestResult> {
    const ready = this.ready(mobile);
    if (!ready.ok) return ready;
    return ready.client.requestCode(ready.e164, companyId, this.deps.state.get().language);
  }

  /** A right code: signs in with the SIP account the service issued for this device. */
  async verify(mobile: string, companyId: number, code: string): Promise<VerifyResult> {
    const ready = this.ready(mobile);
    if (!ready.ok) return ready;
    const answer = await ready.client.verify(ready.e164, companyId, code);
    if (!answer.ok) {
      this.deps.log.info('number sign-in refused', { code: answer.code, companyId });
      return answer;
    }
    const issued = issuedAccount(
      answer.account,
      { serviceUrl: ready.baseUrl, companyId, mobile: ready.e164 },
      this.deps.log,
    );
    if (!issued.ok) return issued;
    await this.deps.session.signIn(issued.account);
    return { ok: true };
  }

  private ready(mobile: string): Ready | NumberSignInFailure {
    const parsed = parseMobileNumber(mobile);
    if (!parsed.ok) return { ok: false, code: 'invalid-number' };
    const baseUrl = this.deps.preferences.provisioningUrl();
    if (!baseUrl) return { ok: false, code: 'not-configured' };
    return { ok: true, client: this.deps.provisioning(baseUrl), e164: parsed.e164, baseUrl };
  }
}
