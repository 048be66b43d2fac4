import type { Mailer, OutgoingMail } from '../accounts/mailer.ts';

/** TEST DOUBLE: keeps every mail; `failNext` makes the next send fail like a refusing mail server. */
export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  failNext = false;

  async send(mail: OutgoingMail): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('550 mailbox unavailable');
    }
    this.sent.push(mail);
  }

  /** The password in the last mail to `to` (the line after "password:" or "密码："). */
  passwordFor(to: string): string {
    const mail = this.sent.findLast((m) => m.to === to);
    const match = mail && /(?:password|密码|lösenord|mot de passe) ?[:：] ?(\S+)/i.exec(mail.text);
    if (!match) throw new Error(`no password mailed to ${to}`);
    return match[1]!;
  }

  codeFor(to: string): string {
    const mail = this.sent.findLast((m) => m.to === to);
    const match = mail && /\b(\d{6})\b/.exec(mail.text);
    if (!match) throw new Error(`no code mailed to ${to}`);
    return match[1]!;
  }
}
