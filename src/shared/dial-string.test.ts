import { describe, expect, it } from 'vitest';
import { DialStringSchema } from './domain.ts';
import { planPostDial, splitDialString } from './dial-string.ts';

describe('dial strings with extensions', () => {
  it('splits the number from what follows the first , or ;', () => {
    expect(splitDialString('0255795125,,8057')).toEqual({ target: '0255795125', postDial: ',,8057' });
    expect(splitDialString(' 0255795125;8057 ')).toEqual({ target: '0255795125', postDial: ';8057' });
    expect(splitDialString('1003')).toEqual({ target: '1003', postDial: '' });
    expect(splitDialString('sip:ivr@pbx.example.com, 1 2')).toEqual({
      target: 'sip:ivr@pbx.example.com',
      postDial: ',12',
    });
  });

  it('plans 2 s per comma, then the digits', () => {
    expect(planPostDial(',,8057')).toEqual([
      { kind: 'pause', ms: 4000 },
      { kind: 'send', digits: '8057' },
    ]);
    expect(planPostDial(',1,,2#', 100)).toEqual([
      { kind: 'pause', ms: 100 },
      { kind: 'send', digits: '1' },
      { kind: 'pause', ms: 200 },
      { kind: 'send', digits: '2#' },
    ]);
  });

  it('asks before the digits after a ;, and continues with the rest once sent', () => {
    expect(planPostDial(';8057')).toEqual([{ kind: 'confirm', digits: '8057' }]);
    expect(planPostDial(';123,45')).toEqual([
      { kind: 'confirm', digits: '123' },
      { kind: 'pause', ms: 2000 },
      { kind: 'send', digits: '45' },
    ]);
  });

  it('ignores trailing pauses, empty confirmations and stray characters', () => {
    expect(planPostDial(',,')).toEqual([]);
    expect(planPostDial(';')).toEqual([]);
    expect(planPostDial(',a8-0')).toEqual([
      { kind: 'pause', ms: 2000 },
      { kind: 'send', digits: '80' },
    ]);
    expect(planPostDial('')).toEqual([]);
  });

  it('the contract accepts dial strings but nothing after the number except digits , ;', () => {
    expect(DialStringSchema.safeParse('0255795125,,8057').success).toBe(true);
    expect(DialStringSchema.safeParse('0255795125;8057').success).toBe(true);
    expect(DialStringSchema.safeParse('1003').success).toBe(true);
    expect(DialStringSchema.safeParse('1003,,80x7').success).toBe(false);
    expect(DialStringSchema.safeParse(',,8057').success).toBe(false);
    expect(DialStringSchema.safeParse('<script>,1').success).toBe(false);
  });
});
