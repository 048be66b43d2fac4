/**
 * Dial strings with extensions, as printed on business cards and IVR instructions:
 * "0255795125,,8057" dials 0255795125, waits 2 s per comma once the call connects, then
 * sends 8057 as keypad digits; "0255795125;8057" dials, then asks the user before sending
 * 8057. Pure: main splits the string, the engine follows the plan after connect.
 */
export const PAUSE_MS = 2000;

export type DialString = { target: string; postDial: string };

export type PostDialStep =
  { kind: 'pause'; ms: number } | { kind: 'send'; digits: string } | { kind: 'confirm'; digits: string };

/** The number to dial and what follows it (from the first "," or ";"), spaces removed from the latter. */
export function splitDialString(input: string): DialString {
  const value = input.trim();
  const cut = value.search(/[,;]/);
  if (cut < 0) return { target: value, postDial: '' };
  return { target: value.slice(0, cut).trim(), postDial: value.slice(cut).replace(/\s/g, '') };
}

/**
 * What to do after the call connects, in order. Consecutive commas add up to one pause;
 * the digits after a ";" wait for the user's confirmation; characters other than
 * 0-9 * # , ; are ignored.
 */
export function planPostDial(postDial: string, pauseMs = PAUSE_MS): PostDialStep[] {
  const steps: PostDialStep[] = [];
  let confirmNext = false;
  for (const token of postDial.replace(/[^0-9*#,;]/g, '').match(/,+|;|[0-9*#]+/g) ?? []) {
    if (token === ';') {
      confirmNext = true;
    } else if (token.startsWith(',')) {
      const last = steps.at(-1);
      if (last?.kind === 'pause') last.ms += token.length * pauseMs;
      else steps.push({ kind: 'pause', ms: token.length * pauseMs });
    } else {
      steps.push({ kind: confirmNext ? 'confirm' : 'send', digits: token });
      confirmNext = false;
    }
  }
  // A pause with nothing after it waits for nothing.
  while (steps.at(-1)?.kind === 'pause') steps.pop();
  return steps;
}
