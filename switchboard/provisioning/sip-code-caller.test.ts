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

  it('reads the code with the Swedish and French voices for a Swedish or French app', () => {
    expect(codePromptText('0719', 'sv')).toEqual({
      voice: 'sv',
      text: 'Din kod till Switchboard är 0, 7, 1, 9. En gång till: 0, 7, 1, 9. Hej då.',
    });
    expect(codePromptText('0719', 'fr')).toEqual({
      voice: 'fr',
      text: 'Votre code Switchboard est 0, 7, 1, 9. Je répète : 0, 7, 1, 9. Au revoir.',
    });
  });
});
