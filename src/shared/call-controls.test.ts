import { describe, expect, it } from 'vitest';
import { callControls } from './call-controls.ts';

describe('in-call controls', () => {
  it('allow only mute before the call is answered', () => {
    expect(callControls({ phase: 'ringing' })).toEqual({
      mute: true,
      hold: false,
      keypad: false,
      sendPending: false,
      transfer: false,
    });
    expect(callControls({ phase: 'incoming' })).toEqual({
      mute: false,
      hold: false,
      keypad: false,
      sendPending: false,
      transfer: false,
    });
  });
  it('allow everything in a connected call; no keypad while we hold it', () => {
    expect(callControls({ phase: 'connected', pendingDigits: '8057' })).toEqual({
      mute: true,
      hold: true,
      keypad: true,
      sendPending: true,
      transfer: true,
    });
    expect(callControls({ phase: 'connected', held: true })).toMatchObject({ hold: true, keypad: false });
  });
  it('allow no second transfer while one is under way, and none of a consultation call', () => {
    const trying = { kind: 'blind', target: '8002', status: 'trying' } as const;
    expect(callControls({ phase: 'connected', transfer: trying })).toMatchObject({ transfer: false, hold: false });
    expect(callControls({ phase: 'connected', transfer: { ...trying, status: 'failed' } })).toMatchObject({
      transfer: true,
      hold: true,
    });
    expect(callControls({ phase: 'connected', consultFor: 'first' })).toMatchObject({ transfer: false, hold: true });
    expect(callControls({ phase: 'ringing' }).transfer).toBe(false);
  });
  it('allow nothing once the call ended', () => {
    expect(callControls({ phase: 'ended' })).toEqual({
      mute: false,
      hold: false,
      keypad: false,
      sendPending: false,
      transfer: false,
    });
  });
});
