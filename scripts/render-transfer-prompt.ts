/**
 * Renders the announcement a caller hears when the app transfers them, "正在转接，请稍候。Transferring, please
 * wait.", into src/engine/transfer-prompt.wav (16 kHz mono, ~100 KB; the engine bundles it). Run it again after
 * changing the words: `node scripts/render-transfer-prompt.ts`. The file is kept in git because users' computers
 * have no espeak-ng; the switchboard's prompts come from the same espeak-ng voices (switchboard/audio.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { speakPhoneWav } from '../switchboard/audio.ts';
import { promptVoice } from '../switchboard/prompts.ts';
import { TRANSFER_PROMPT_WORDS } from '../src/engine/transfer-prompt-words.ts';

const run = promisify(execFile);
const out = join(import.meta.dirname, '..', 'src', 'engine', 'transfer-prompt.wav');
const dir = await mkdtemp(join(tmpdir(), 'transfer-prompt-'));
try {
  const zh = join(dir, 'zh.wav');
  const en = join(dir, 'en.wav');
  // A short breath before, between and after the two languages.
  await speakPhoneWav(zh, TRANSFER_PROMPT_WORDS['zh-CN'], {
    voice: promptVoice['zh-CN'],
    soxEffects: ['pad', '0.1', '0.4'],
  });
  await speakPhoneWav(en, TRANSFER_PROMPT_WORDS.en, { voice: promptVoice.en, soxEffects: ['pad', '0', '0.3'] });
  // espeak-ng speaks slowly for a phone line: a little faster keeps the caller waiting less before the music.
  await run('sox', [zh, en, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', out, 'tempo', '1.25']);
  console.log(out);
} finally {
  await rm(dir, { recursive: true, force: true });
}
