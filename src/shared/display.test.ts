import { describe, expect, it } from 'vitest';
import { callWindowSize, mergeDisplaySettings } from './display.ts';

describe('display settings', () => {
  it('the small call window is 340×150 at 100 % text and grows with the text size', () => {
    expect(callWindowSize(100)).toEqual({ width: 340, height: 150 });
    expect(callWindowSize(150)).toEqual({ width: 510, height: 225 });
    expect(callWindowSize(90)).toEqual({ width: 306, height: 135 });
  });

  it('a change sets only the keys it names', () => {
    expect(mergeDisplaySettings({ theme: 'dark', textSize: 125 }, { textSize: 150 })).toEqual({
      theme: 'dark',
      textSize: 150,
    });
  });

  it('remembers a chat’s font size beside the theme and text size, and leaves it out until chosen', () => {
    const chosen = mergeDisplaySettings({ theme: 'dark', textSize: 125 }, { chatFontSize: 'large' });
    expect(chosen).toEqual({ theme: 'dark', textSize: 125, chatFontSize: 'large' });
    expect(mergeDisplaySettings(chosen, { textSize: 100 })).toEqual({
      theme: 'dark',
      textSize: 100,
      chatFontSize: 'large',
    });
  });
});
