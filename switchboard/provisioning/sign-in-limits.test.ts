import { testProvisioningService } from './test-support/test-service.ts';
import { describe, expect, it } from 'vitest';
import { openProvisioningDb } from './db.ts';
import { seedDemoData } from './demo-data.ts';
import type { ProvisioningError } from './service.ts';
import { addressKey } from './sign-in-limits.ts';

describe('per-address limits', () => {
  it('count an IPv6 client by its /64 and an IPv4-mapped address as the IPv4 address', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2::ffff:198.51.100.1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('a scanner that changes its IPv6 address inside its /64 still gets its 60 lookups an hour, no more', () => {
    const db = openProvisioningDb(':memory:');
    seedDemoData(db);
    const service = testProvisioningService(db).service;
    const answers: string[] = [];
    for (let i = 0; i < 61; i++) {
      try {
        service.lookup(`+8613000${String(i).padStart(6, '0')}`, `2001:db8:1:2:${(i + 1).toString(16)}::1`);
      } catch (error) {
        answers.push((error as ProvisioningError).code);
      }
    }
    expect(answers.slice(0, 60).every((code) => code === 'number-not-registered')).toBe(true);
    expect(answers[60]).toBe('rate-limited');
    // The next /64 is another subscriber.
    expect(() => service.lookup('+8613000000000', '2001:db8:1:3::1')).toThrow(/No company/);
    db.close();
  });
});
