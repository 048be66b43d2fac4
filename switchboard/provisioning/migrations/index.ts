import { migration0001 } from './0001-directory.ts';
import { migration0002 } from './0002-sign-in.ts';
import { migration0003 } from './0003-directory-sync.ts';
import { migration0004 } from './0004-desktop-and-mobile.ts';
import { migration0005 } from './0005-agent-status.ts';
import { migration0006 } from './0006-sign-in-probes.ts';
import { migration0007 } from './0007-directory-clock-per-company.ts';
import { migration0008 } from './0008-callback-requests.ts';
import { migration0009 } from './0009-chat.ts';
import { migration0010 } from './0010-accounts.ts';
import { migration0011 } from './0011-account-languages.ts';
import { migration0012 } from './0012-station.ts';
import { migration0013 } from './0013-wrap-up-codes.ts';
import { migration0014 } from './0014-chat-images-and-survey.ts';
import { migration0015 } from './0015-chat-context-and-left-messages.ts';
import { migration0016 } from './0016-internal-chat.ts';
import { migration0017 } from './0017-listening-hold.ts';
import type { Migration } from './migration.ts';

export type { Migration } from './migration.ts';

export const provisioningMigrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
];
