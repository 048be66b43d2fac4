import nodemailer, { type Transporter } from 'nodemailer';
import type { ProvisioningDb } from '../db.ts';

export type OutgoingMail = { companyId: number; to: string; subject: string; text: string };

/** The service's way out to e-mail: first passwords and reset codes. Tests may record instead. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

export type SmtpServerSetting = { host: string; port: number };

export type SmtpMailerOptions = {
  db: ProvisioningDb;
  /** Where a company without its own mail server sends (a reference run: the local SMTP catcher). */
  defaultServer: SmtpServerSetting;
  defaultFrom?: string;
};

type CompanyMail = { smtp_host: string | null; smtp_port: number | null; mail_from: string | null };

/**
 * Sends through each company's mail server (companies.smtp_host/port/mail_from) with nodemailer,
 * which takes STARTTLS when the server offers it. No SMTP login yet: a server that needs one is not
 * supported in this landing (its password would need a secret store, docs/accounts.md).
 */
export class SmtpMailer implements Mailer {
  private readonly db: ProvisioningDb;
  private readonly defaultServer: SmtpServerSetting;
  private readonly defaultFrom: string;
  private readonly transports = new Map<string, Transporter>();

  constructor(options: SmtpMailerOptions) {
    this.db = options.db;
    this.defaultServer = options.defaultServer;
    this.defaultFrom = options.defaultFrom ?? 'Switchboard <no-reply@switchboard.invalid>';
  }

  async send(mail: OutgoingMail): Promise<void> {
    const company = this.db
      .prepare(`SELECT smtp_host, smtp_port, mail_from FROM companies WHERE id = ?`)
      .get(mail.companyId) as CompanyMail | undefined;
    const host = company?.smtp_host ?? this.defaultServer.host;
    const port = company?.smtp_host ? (company.smtp_port ?? 25) : this.defaultServer.port;
    await this.transport(host, port).sendMail({
      from: company?.mail_from ?? this.defaultFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
  }

  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private transport(host: string, port: number): Transporter {
    const key = `${host}:${port}`;
    let transport = this.transports.get(key);
    if (!transport) {
      transport = nodemailer.createTransport({ host, port, secure: port === 465, connectionTimeout: 10_000 });
      this.transports.set(key, transport);
    }
    return transport;
  }
}
