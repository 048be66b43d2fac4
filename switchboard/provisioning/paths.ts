import { join } from 'node:path';

/** Where a switchboard run directory keeps the provisioning pieces (shared by startSwitchboard and the admin CLI). */
export function provisioningPaths(runDir: string): {
  db: string;
  subscriberDb: string;
  ctlSocket: string;
  internalSecret: string;
  mailsFile: string;
  mailCatcher: string;
} {
  return {
    db: join(runDir, 'provisioning.sqlite'),
    subscriberDb: join(runDir, 'switchboard.sqlite'),
    ctlSocket: join(runDir, 'kamailio-ctl.sock'),
    /** Kamailio's key for the internal routing API (X-Switchboard-Secret). */
    internalSecret: join(runDir, 'internal-secret'),
    /** The local SMTP catcher's mails, one JSON line each (first passwords, reset codes). */
    mailsFile: join(runDir, 'mails.jsonl'),
    /** The catcher's SMTP address as JSON {"host","port"}, for the admin CLI's mails. */
    mailCatcher: join(runDir, 'mail-catcher.json'),
  };
}
