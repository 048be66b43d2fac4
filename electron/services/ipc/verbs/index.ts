/**
 * The UI router's handler table, assembled from one file per area. Each area file binds some of
 * the contract's verbs straight to the service that does the work, with no pass-through in between.
 *
 * To add a verb:
 * 1. name it in src/shared/ipc/names.ts (`uiVerbNames`) and give it its input and output schemas in
 *    src/shared/ipc/contract.ts (`uiVerbs`); the preload and the WebSocket bridge pick it up from there;
 * 2. bind it in the area's file here (`verbs/calls.ts`, `verbs/history.ts`…) to a method of its service;
 *    a new area gets a new file, added to `areas` below;
 * 3. refuse what the user should read about by throwing UserFacingError (electron/services/user-facing-error.ts);
 *    anything else thrown is logged with its stack and answered with a generic failure.
 * The compiler holds you to it: a verb without a handler, or bound in two files, does not type-check.
 */
import type { UiVerb } from '../../../../src/shared/ipc/contract.ts';
import { agentVerbs } from './agent.ts';
import { callVerbs } from './calls.ts';
import { chatVerbs } from './chat.ts';
import { desktopVerbs } from './desktop.ts';
import { diagnosticsVerbs } from './diagnostics.ts';
import { directoryVerbs } from './directory.ts';
import { historyVerbs } from './history.ts';
import { preferenceVerbs } from './preferences.ts';
import { sessionVerbs } from './session.ts';
import { teamVerbs } from './team.ts';
import type { UiHandlers, VerbTargets } from './types.ts';
import { updateVerbs } from './updates.ts';

export type { UiHandlers, VerbTargets } from './types.ts';

const areas = (targets: VerbTargets) =>
  [
    sessionVerbs(targets),
    callVerbs(targets),
    historyVerbs(targets),
    preferenceVerbs(targets),
    directoryVerbs(targets),
    agentVerbs(targets),
    chatVerbs(targets),
    teamVerbs(targets),
    updateVerbs(targets),
    desktopVerbs(targets),
    diagnosticsVerbs(targets),
  ] as const;

type Areas = ReturnType<typeof areas>;
/** The verbs that more than one area binds (should be none). */
type BoundTwice<Parts extends readonly object[], Seen extends PropertyKey = never> = Parts extends readonly [
  infer Head extends object,
  ...infer Rest extends readonly object[],
]
  ? (keyof Head & Seen) | BoundTwice<Rest, Seen | keyof Head>
  : never;
type KeysOf<T> = T extends object ? keyof T : never;
/** The verbs no area binds (should be none). */
type Unbound = Exclude<UiVerb, KeysOf<Areas[number]>>;

// Compile-time checks: each line fails to type-check, naming the verbs, when a verb is bound twice or not at all.
const noVerbBoundTwice: [BoundTwice<Areas>] extends [never] ? true : { boundTwice: BoundTwice<Areas> } = true;
const noVerbUnbound: [Unbound] extends [never] ? true : { unbound: Unbound } = true;
void noVerbBoundTwice;
void noVerbUnbound;

export function uiHandlers(targets: VerbTargets): UiHandlers {
  return Object.assign({}, ...areas(targets)) as UiHandlers;
}
