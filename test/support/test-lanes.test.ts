import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audioTestFiles, listensToAudio } from './test-lanes.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('test lanes', () => {
  it('puts every file that checks what a call sounded like in the one-at-a-time audio lane', () => {
    const audio = audioTestFiles(root);
    expect(audio).toEqual(
      expect.arrayContaining([
        'test/e2e/call.e2e.test.ts',
        'test/e2e/in-call-controls.e2e.test.ts',
        'test/e2e/transfer.e2e.test.ts',
        'switchboard/provisioning/voice-code.int.test.ts',
        'switchboard/group-calls.int.test.ts',
      ]),
    );
  });

  it('leaves files that never listen to audio in the lane that runs two at a time', () => {
    const audio = audioTestFiles(root);
    expect(audio).not.toContain('test/e2e/directory.e2e.test.ts');
    expect(audio).not.toContain('test/e2e/chat-desk.e2e.test.ts');
    expect(audio.some((path) => path.includes('node_modules'))).toBe(false);
  });

  it('recognises the audio checks by their imports and names', () => {
    expect(listensToAudio("import { voice } from '../support/hearing.ts';")).toBe(true);
    expect(listensToAudio('const r = promptCorrelation(a, b);')).toBe(true);
    expect(listensToAudio("import { startApp } from '../support/app-driver.ts';")).toBe(false);
  });
});
