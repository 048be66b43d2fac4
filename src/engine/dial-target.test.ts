import { describe, expect, it } from 'vitest';
import { toSipUri } from './dial-target.ts';

describe('toSipUri', () => {
  it('puts numbers in the account domain, without the spaces people type', () => {
    expect(toSipUri(' 1002 ', 'pbx.example.com')).toBe('sip:1002@pbx.example.com');
    expect(toSipUri('138-0013 8000', 'pbx.example.com')).toBe('sip:13800138000@pbx.example.com');
  });
  it('keeps a full SIP address as it is', () => {
    expect(toSipUri('sip:alice@other.example', 'pbx.example.com')).toBe('sip:alice@other.example');
    expect(toSipUri('bob@other.example', 'pbx.example.com')).toBe('sip:bob@other.example');
  });
});
