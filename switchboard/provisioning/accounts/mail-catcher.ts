import { appendFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type CaughtMail = { from: string; to: string[]; subject: string; text: string; receivedAt: number };

/** The most mails kept in memory (the file keeps them all). */
const KEPT = 1000;
const MAX_MAIL_BYTES = 256 * 1024;

/**
 * The reference switchboard's local SMTP catcher: an SMTP server on 127.0.0.1 that delivers nowhere
 * and keeps what it receives, in memory (`mails()`, `waitFor()`) and as one JSON line per mail in
 * `mailsFile`, so `npm start` users read their first password there and tests read it here.
 */
export class MailCatcher {
  readonly host = '127.0.0.1';
  readonly port: number;
  readonly mailsFile: string | null;
  private readonly server: SMTPServer;
  private readonly kept: CaughtMail[];
  private readonly waiters: Set<() => void>;

  private constructor(
    server: SMTPServer,
    port: number,
    mailsFile: string | null,
    kept: CaughtMail[],
    waiters: Set<() => void>,
  ) {
    this.server = server;
    this.port = port;
    this.mailsFile = mailsFile;
    this.kept = kept;
    this.waiters = waiters;
  }

  /** Listens on a free port of 127.0.0.1 (or `port`). */
  static async start(options: { mailsFile?: string; port?: number } = {}): Promise<MailCatcher> {
    const kept: CaughtMail[] = [];
    const waiters = new Set<() => void>();
    const mailsFile = options.mailsFile ?? null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MAIL_BYTES,
      logger: false,
      banner: 'Switchboard mail catcher: nothing is delivered',
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (parsed) => {
            if (stream.sizeExceeded) throw Object.assign(new Error('Message too big'), { responseCode: 552 });
            const mail: CaughtMail = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              receivedAt: Date.now(),
            };
            kept.push(mail);
            if (kept.length > KEPT) kept.shift();
            if (mailsFile) await appendFile(mailsFile, `${JSON.stringify(mail)}\n`, { mode: 0o600 });
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    return new MailCatcher(server, port, mailsFile, kept, waiters);
  }

  get url(): string {
    return `smtp://${this.host}:${this.port}`;
  }

  mails(): CaughtMail[] {
    return [...this.kept];
  }

  /** The first mail (already caught or still to come) that `matches`, or a rejection after `timeoutMs`. */
  waitFor(matches: (mail: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.kept.find(matches);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`No matching mail within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
