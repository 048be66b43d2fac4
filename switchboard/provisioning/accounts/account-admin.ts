import { parseCsv } from '../csv.ts';
import { ProvisioningError } from '../problems.ts';
import { emailKey, type AccountContext } from './account-context.ts';
import {
  mailLanguages,
  roles,
  type AccountRow,
  type AccountSummary,
  type MailLanguage,
  type Role,
} from './account-store.ts';
import { passwordMail } from './mail-texts.ts';
import { hashPassword, randomPassword } from './password-hash.ts';
import { passwordViolations } from './password-rules.ts';

export type NewAccount = {
  companyId: number;
  /** The directory person (their extension is the SIP user). */
  extension: string;
  email: string;
  role: Role;
  teams?: string[];
  language?: MailLanguage;
};

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/** The administrator's side of accounts: create (one or a CSV), reset the password, kick, the cap. */
export class AccountAdmin {
  private readonly ctx: AccountContext;

  constructor(ctx: AccountContext) {
    this.ctx = ctx;
  }

  /**
   * A new account with a random first password (it meets the rules) mailed to it in its language; the
   * first sign-in must change it. Refused past the company's cap. If the mail cannot be sent the
   * account is not kept: nobody would know its password.
   */
  async create(input: NewAccount): Promise<{ email: string }> {
    const { db, store } = this.ctx;
    const email = input.email.trim();
    if (!EMAIL.test(email) || email.length > 254) {
      throw new ProvisioningError('invalid-request', `"${input.email}" is not an e-mail address`);
    }
    const password = firstPassword(email);
    const hashed = await hashPassword(password, this.ctx.scrypt);
    const created = db
      .transaction(() => {
        store.checkCap(input.companyId);
        const person = db
          .prepare(
            `SELECT p.id, p.name, c.name AS company FROM people p JOIN companies c ON c.id = p.company_id
             WHERE p.company_id = ? AND p.extension = ?`,
          )
          .get(input.companyId, input.extension) as { id: number; name: string; company: string } | undefined;
        if (!person) {
          throw new ProvisioningError('not-found', `No person with extension ${input.extension} in this company`);
        }
        const id = store.insert({
          companyId: input.companyId,
          personId: person.id,
          email,
          role: input.role,
          language: input.language ?? 'zh-CN',
          teams: input.teams ?? [],
          password: hashed,
        });
        return { id, person };
      })
      .immediate();
    const language = input.language ?? 'zh-CN';
    const mail = passwordMail(language, {
      name: created.person.name,
      company: created.person.company,
      email,
      password,
      reset: false,
    });
    try {
      await this.ctx.mailer.send({ companyId: input.companyId, to: email, ...mail });
    } catch (error) {
      store.delete(created.id);
      throw new ProvisioningError(
        'mail-failed',
        `The first password could not be mailed to ${email}: ${String(error)}`,
      );
    }
    this.ctx.audit.record('account-created', { mobile: `mail:${email.toLowerCase()}`, clientAddress: 'admin' });
    return { email };
  }

  /**
   * CSV columns extension,email,role[,teams[,language]] (teams separated by ";"; a header line is
   * skipped). Every line is checked before any account is made; then each is created and mailed in turn.
   */
  async importCsv(
    companyId: number,
    text: string,
  ): Promise<{ created: string[]; errors: { line: number; message: string }[] }> {
    const rows = parseCsv(text);
    // Line numbers as the administrator's editor shows them (blank lines aside): the header is line 1.
    const header = rows[0]?.[0]?.trim().toLowerCase() === 'extension' ? 1 : 0;
    if (header) rows.shift();
    const parsed: NewAccount[] = [];
    const errors: { line: number; message: string }[] = [];
    rows.forEach((fields, index) => {
      const [extension = '', email = '', role = '', teams = '', language = ''] = fields.map((f) => f.trim());
      const line = index + 1 + header;
      if (!/^\d{2,8}$/.test(extension)) errors.push({ line, message: `"${extension}" is not an extension` });
      else if (!EMAIL.test(email)) errors.push({ line, message: `"${email}" is not an e-mail address` });
      else if (!(roles as readonly string[]).includes(role))
        errors.push({ line, message: `the role is agent, supervisor or both, not "${role}"` });
      else if (language !== '' && !(mailLanguages as readonly string[]).includes(language))
        errors.push({ line, message: `the language is one of ${mailLanguages.join(', ')}, not "${language}"` });
      else
        parsed.push({
          companyId,
          extension,
          email,
          role: role as Role,
          teams: teams
            .split(';')
            .map((t) => t.trim())
            .filter((t) => t !== ''),
          ...(language !== '' ? { language: language as MailLanguage } : {}),
        });
    });
    if (errors.length > 0) return { created: [], errors };
    const created: string[] = [];
    for (const [index, account] of parsed.entries()) {
      try {
        created.push((await this.create(account)).email);
      } catch (error) {
        if (!(error instanceof ProvisioningError)) throw error;
        errors.push({ line: index + 1 + header, message: error.message });
      }
    }
    return { created, errors };
  }

  /** A new random password mailed to the account, to be changed at the next sign-in; its devices are signed out. */
  async resetPassword(companyId: number, email: string): Promise<{ signedOutDeviceIds: string[] }> {
    const account = this.ctx.store.one(companyId, email);
    const password = firstPassword(account.email);
    this.ctx.store.setPassword(account.id, await hashPassword(password, this.ctx.scrypt), true);
    const signedOut = await this.kick(companyId, email);
    const person = this.ctx.devices.personById(account.personId);
    const mail = passwordMail(account.language, {
      name: person.name,
      company: account.companyName,
      email: account.email,
      password,
      reset: true,
    });
    try {
      await this.ctx.mailer.send({ companyId, to: account.email, ...mail });
    } catch (error) {
      throw new ProvisioningError(
        'mail-failed',
        `The new password could not be mailed: ${String(error)}. Reset again.`,
      );
    }
    this.ctx.audit.record('password-reset-by-admin', { mobile: key(account), clientAddress: 'admin' });
    return signedOut;
  }

  /** Signs out every device of the account (a stuck login, 832): tokens and SIP passwords stop working. */
  async kick(companyId: number, email: string): Promise<{ signedOutDeviceIds: string[] }> {
    const account = this.ctx.store.one(companyId, email);
    const ids = this.ctx.devices.activeDeviceIds(account.personId);
    for (const id of ids) await this.ctx.devices.revoke(id, 'admin', 'admin');
    return { signedOutDeviceIds: ids };
  }

  /**
   * Lifts an e-mail's lockout and forgets its wrong passwords, wrong codes and mailed codes (in every
   * company), for someone a guesser locked out. Works for any e-mail, as the limits do.
   */
  unlock(email: string): void {
    const { db, audit } = this.ctx;
    const key = emailKey(email).mobile;
    db.transaction(() => {
      db.prepare(`DELETE FROM lockouts WHERE mobile = ?`).run(key);
      db.prepare(`DELETE FROM attempts WHERE mobile = ? AND kind IN ('wrong-password', 'wrong-code', 'code-call')`).run(
        key,
      );
      db.prepare(`DELETE FROM reset_codes WHERE email_key = ?`).run(key);
      audit.record('lockout-reset', { mobile: key, clientAddress: 'admin' });
    })();
  }

  setCap(companyId: number, cap: number | null): void {
    if (cap !== null && (!Number.isSafeInteger(cap) || cap < 0)) {
      throw new ProvisioningError('invalid-request', 'The cap is a whole number of accounts, or none');
    }
    if (!this.ctx.store.setCap(companyId, cap)) throw new ProvisioningError('not-found', `No company ${companyId}`);
  }

  list(companyId?: number): AccountSummary[] {
    return this.ctx.store.list(companyId);
  }
}

/** A random password that meets the rules for this e-mail (the local-part rule could, rarely, refuse one). */
function firstPassword(email: string): string {
  for (;;) {
    const password = randomPassword();
    if (passwordViolations(password, { email }).length === 0) return password;
  }
}

const key = (account: AccountRow) => `mail:${account.email.toLowerCase()}`;
