import { describe, expect, it } from 'vitest';
import { codePromptText } from './sip-code-caller.ts';

describe('codePromptText', () => {
  it('reads the digits one by one, twice, then goodbye (English)', () => {
    expect(codePromptText('4719', 'en')).toEqual({
      voice: 'en',
      text: 'Your Switchboard code is 4, 7, 1, 9. Again: 4, 7, 1, 9. Goodbye.',
    });
  });

  it('uses the Mandarin voice and Chinese digits, leading zeros included', () => {
    const { voice, text } = codePromptText('0719', 'zh-CN');
    expect(voice).toBe('cmn');
    expect(text).toBe('您的 Switchboard 验证码是：零，七，一，九。再说一遍：零，七，一，九。再见。');
  });
});
