import { describe, expect, it } from 'vitest';
import { parseContacts } from './sip-accounts.ts';

/** What `kamcmd ul.lookup location s:8001` prints (trimmed): a desktop contact and a mobile one (CFlags 256). */
const lookup = `{
	AoR: 8001
	Contacts: {
		Contact: {
			Address: sip:abc123@df7jal23ls0d.invalid;transport=ws
			Expires: 599
			User-Agent: Switchboard
			Flags: 0
			CFlags: 64
		}
		Contact: {
			Address: sip:8001-0x5587cae91ea0@127.0.0.1:45139
			Expires: 600
			User-Agent: baresip v1.0.0 (x86_64/linux)
			Flags: 0
			CFlags: 256
		}
	}
}`;

describe('parseContacts', () => {
  it("reads each contact's address and saved branch flags", () => {
    expect(parseContacts(lookup)).toEqual([
      { address: 'sip:abc123@df7jal23ls0d.invalid;transport=ws', cflags: 64 },
      { address: 'sip:8001-0x5587cae91ea0@127.0.0.1:45139', cflags: 256 },
    ]);
    expect(parseContacts('')).toEqual([]);
  });
});
