import { describe, expect, it } from 'vitest';
import { candidateKind, shouldSendWithCandidates } from './ice-ready-policy.ts';

describe('ICE ready policy', () => {
  const noServers = { hasIceServers: false, capMs: 1500 };
  const withServers = { hasIceServers: true, capMs: 1500 };

  it('goes on at the first host candidate when no STUN/TURN server could add more', () => {
    expect(shouldSendWithCandidates(['host'], 3, noServers)).toBe(true);
    expect(shouldSendWithCandidates([], 3, noServers)).toBe(false);
  });

  it('waits for a reflexive or relay candidate when servers are configured, but never past the cap', () => {
    expect(shouldSendWithCandidates(['host'], 100, withServers)).toBe(false);
    expect(shouldSendWithCandidates(['host', 'srflx'], 100, withServers)).toBe(true);
    expect(shouldSendWithCandidates(['relay'], 100, withServers)).toBe(true);
    expect(shouldSendWithCandidates(['host'], 1500, withServers)).toBe(true);
  });

  it('reads candidate types from objects and from SDP lines', () => {
    expect(candidateKind({ type: 'srflx' })).toBe('srflx');
    expect(candidateKind({ candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0' })).toBe(
      'host',
    );
    expect(candidateKind({ candidate: 'garbage' })).toBeNull();
  });
});
