/**
 * PREVIEW ONLY. An in-memory SwitchboardApi over sample data, so each screen can
 * be rendered and screenshotted without main, the engine or a PBX. Verbs do the
 * obvious thing to the sample state (dial → a dialing call, answer → connected)
 * so clicking around a preview behaves plausibly.
 */
import { DEFAULT_AUDIO_SETTINGS, mergeAudioSettings } from '../../shared/audio.ts';
import { refusalText } from '../../shared/locales/refusal-text.ts';
import { DEFAULT_DISPLAY_SETTINGS, mergeDisplaySettings } from '../../shared/display.ts';
import type { AppState, CallLogEntry, CallSnapshot, HistoryRetention, RegistrationState } from '../../shared/domain.ts';
import type { SwitchboardApi, UiEvent, UiEventPayload } from '../../shared/ipc/contract.ts';
import type { UpdateStatus } from '../../shared/update.ts';
import type { NumberSignInFailure } from '../../shared/number-sign-in.ts';
import type { DirectoryDepartment, DirectoryPerson, SearchHit } from '../../shared/directory.ts';
import type { AgentView, DeskPhone, GroupPresence, Presence } from '../../shared/presence.ts';
import type { ChatGroup, ChatItem, ChatOrder, ChatTranscript } from '../../shared/chat.ts';
import { previewChatVerbs } from './preview-chat-api.ts';
import { previewInternalChatVerbs } from './preview-internal-chat-api.ts';
import { previewDesktopVerbs } from './preview-desktop-api.ts';
import { previewTeamVerbs } from './preview-team-api.ts';
import type { TeamSnapshot } from '../../shared/team.ts';
import { ok } from './preview-ok.ts';
import { previewStation } from './preview-station.ts';

export type PreviewScenario = {
  state: AppState;
  callLog: CallLogEntry[];
  /** What registration becomes after signIn (default: registered). */
  signInOutcome?: RegistrationState;
  /** Makes dial fail with this message. */
  dialFailure?: string;
  /** What "Check for updates" finds, and what downloading it ends in. */
  update?: { feed: 'newer' | 'same' | 'tampered'; status?: UpdateStatus };
  /** Sign-in by number: this step answers with this failure (to show each error). */
  signInFailure?: { at: 'lookup' | 'code' | 'verify'; failure: NumberSignInFailure };
  /** Sign-in by e-mail and password: the password step answers with this failure. */
  passwordFailure?: NumberSignInFailure;
  /** Sign-in by e-mail and password: the station step's Submit answers with this failure. */
  stationFailure?: NumberSignInFailure;
  /** Sign-in by number: the code call keeps ringing (the service never answers). */
  codeCallRinging?: boolean;
  /** A synced company directory (issue 4) to browse and search. */
  directory?: { departments: DirectoryDepartment[]; people: DirectoryPerson[] };
  /** Colleagues' live presence and the company's groups (issue 10). */
  presence?: { people: Presence[]; groups: GroupPresence[]; deskPhones?: DeskPhone[] };
  /** What "Export diagnostics" in About ends in (default: saved to Downloads). */
  diagnosticsExport?: 'saved' | 'failed';
  /** The Chats tab (issue 16): transcripts by conversation id, the company's chat groups, a chat shown at start. */
  chat?: {
    transcripts: Record<string, ChatTranscript>;
    groups: ChatGroup[];
    openAtStart?: string;
    /** 服务记录: what a search finds (filtered by the query's text). */
    records?: ChatItem[];
    /** A signed customer's recent orders (customer context), 3 a page. */
    orders?: ChatOrder[];
  };
  /** The supervisor's Team tab (issue 19). */
  team?: TeamSnapshot;
};

export function createPreviewApi(scenario: PreviewScenario): SwitchboardApi {
  let state = structuredClone(scenario.state);
  let log = [...scenario.callLog].sort((a, b) => b.startedAt - a.startedAt);
  let missedSeen = false;
  let retention: HistoryRetention = 'forever';
  const listeners = new Map<UiEvent, Set<(payload: never) => void>>();
  const emit = <E extends UiEvent>(event: E, payload: UiEventPayload<E>) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: UiEventPayload<E>) => void)(payload);
  };
  const update = (next: Partial<AppState>) => {
    state = { ...state, ...next };
    emit('state', structuredClone(state));
  };
  const updateCall = (callId: string, change: Partial<CallSnapshot>) =>
    update({ calls: state.calls.map((c) => (c.id === callId ? { ...c, ...change } : c)) });
  const setAgent = (patch: Partial<AgentView>) => {
    if (state.agent) update({ agent: { ...state.agent, ...patch } });
  };
  const directory = scenario.directory;
  const endCall = (callId: string) => update({ calls: state.calls.filter((c) => c.id !== callId) });

  const signInAsWang = () =>
    void api.signIn({ server: 'wss://sip.example.com', user: '8001', password: 'x', displayName: 'Wang Xiaoming' });
  const api: SwitchboardApi = {
    ...previewDesktopVerbs(scenario, emit),
    getState: () => ok(structuredClone(state)),
    signIn: (input) => {
      update({
        account: {
          server: input.server,
          user: input.user,
          domain: input.domain || new URL(input.server).hostname,
          displayName: input.displayName ?? '',
        },
        registration: { status: 'connecting' },
      });
      setTimeout(() => update({ registration: scenario.signInOutcome ?? { status: 'registered' } }), 400);
      return ok(undefined);
    },
    signOut: () => {
      update({ account: null, registration: { status: 'signed-out' } });
      return ok(undefined);
    },
    dial: ({ target }) => {
      if (scenario.dialFailure)
        return Promise.resolve({ ok: false, error: { code: 'failed', message: scenario.dialFailure } });
      // As main answers (electron/services/app/dial-policy.ts): Offline dials nothing out.
      if (state.agent?.chosen === 'offline') return ok({ kind: 'refused' as const, reason: 'offline' as const });
      // Mobile mode: main asks the switchboard to ring the mobile first (the header says so).
      if (state.agent?.ringTarget === 'mobile') {
        setAgent({ callback: { to: target, at: Date.now() } });
        return ok({ kind: 'callback' as const, to: target });
      }
      const callId = `preview-${Date.now()}`;
      update({
        calls: [
          ...state.calls,
          { id: callId, direction: 'outgoing', phase: 'dialing', remoteNumber: target, startedAt: Date.now() },
        ],
      });
      return ok({ kind: 'call' as const, callId });
    },
    mute: ({ callId, muted }) => {
      updateCall(callId, { muted });
      return ok(undefined);
    },
    hold: ({ callId, held }) => {
      updateCall(callId, held ? { held, wasHeld: true } : { held });
      return ok(undefined);
    },
    sendDtmf: () => ok(undefined),
    sendPendingDigits: ({ callId }) => {
      updateCall(callId, { pendingDigits: undefined });
      return ok(undefined);
    },
    answer: ({ callId }) => {
      updateCall(callId, { phase: 'connected', answeredAt: Date.now() });
      return ok(undefined);
    },
    decline: ({ callId }) => {
      endCall(callId);
      return ok(undefined);
    },
    hangup: ({ callId }) => {
      endCall(callId);
      return ok(undefined);
    },
    transfer: ({ callId, target }) => {
      updateCall(callId, { held: true, transfer: { kind: 'blind', target, status: 'trying' } });
      return ok(undefined);
    },
    consult: ({ callId, target }) => {
      const consultId = `preview-consult-${Date.now()}`;
      updateCall(callId, { held: true, wasHeld: true });
      update({
        calls: [
          ...state.calls,
          {
            id: consultId,
            direction: 'outgoing',
            phase: 'ringing',
            remoteNumber: target,
            startedAt: Date.now(),
            consultFor: callId,
          },
        ],
      });
      return ok({ callId: consultId });
    },
    completeTransfer: ({ callId }) => {
      const consult = state.calls.find((c) => c.id === callId);
      update({ calls: state.calls.filter((c) => c.id !== callId && c.id !== consult?.consultFor) });
      return ok(undefined);
    },
    cancelConsult: ({ callId }) => {
      const consult = state.calls.find((c) => c.id === callId);
      endCall(callId);
      if (consult?.consultFor) updateCall(consult.consultFor, { held: false });
      return ok(undefined);
    },
    switchCall: ({ callId }) => {
      update({ calls: state.calls.map((c) => (c.phase === 'connected' ? { ...c, held: c.id !== callId } : c)) });
      return ok(undefined);
    },
    listCallLog: ({ limit, before, filter, search, number }) => {
      const term = search?.trim().toLowerCase() ?? '';
      const shown = log.filter(
        (e) =>
          (!before || e.startedAt < before.startedAt || (e.startedAt === before.startedAt && e.id < before.id)) &&
          (filter === undefined ||
            filter === 'all' ||
            (filter === 'missed' ? e.outcome === 'missed' : e.direction === filter)) &&
          (number === undefined || e.remoteNumber === number) &&
          (!term || e.remoteNumber.includes(term) || (e.remoteName ?? '').toLowerCase().includes(term)),
      );
      return ok(shown.slice(0, limit));
    },
    deleteCallLogEntry: ({ id }) => {
      log = log.filter((e) => e.id !== id);
      emit('callLogChanged', {});
      return ok(undefined);
    },
    clearCallLog: () => {
      const deleted = log.length;
      log = [];
      emit('callLogChanged', {});
      return ok({ deleted });
    },
    getCallHistoryInfo: () =>
      ok({ missedUnseen: missedSeen ? 0 : log.filter((e) => e.outcome === 'missed').length, retention }),
    markMissedSeen: () => {
      missedSeen = true;
      emit('callHistoryInfo', { missedUnseen: 0, retention });
      return ok(undefined);
    },
    setHistoryRetention: (input) => {
      retention = input.retention;
      emit('callHistoryInfo', { missedUnseen: 0, retention });
      return ok({ deleted: 0 });
    },
    exportCallLog: ({ format }) =>
      ok({ saved: true, path: `~/Downloads/switchboard-calls.${format}`, rows: log.length }),
    setLanguage: ({ preference }) => {
      update({ languagePreference: preference, language: preference === 'system' ? 'zh-CN' : preference });
      return ok(undefined);
    },
    // Sign-in by number: 138 0013 8000 has one company, 139 0013 9000 two; the code is always 1234.
    getProvisioningUrl: () => ok({ url: 'http://127.0.0.1:8080' }),
    setProvisioningUrl: () => ok(undefined),
    lookupNumber: ({ mobile }) => {
      if (scenario.signInFailure?.at === 'lookup') return ok(scenario.signInFailure.failure);
      const digits = mobile.replace(/\D/g, '');
      if (digits.endsWith('13900139000')) {
        const companies = [
          { id: 1, name: '示例科技 Demo Tech' },
          { id: 2, name: '上海浦东新区示例贸易有限公司' },
        ];
        return ok({ ok: true, mobile: '+8613900139000', companies });
      }
      return ok(
        digits.endsWith('13800138000')
          ? { ok: true, mobile: '+8613800138000', companies: [{ id: 1, name: '示例科技 Demo Tech' }] }
          : { ok: false, code: 'number-not-registered' },
      );
    },
    requestCode: () =>
      scenario.codeCallRinging
        ? new Promise(() => {})
        : ok(
            scenario.signInFailure?.at === 'code'
              ? scenario.signInFailure.failure
              : { ok: true, expiresInSec: 300, resendAfterSec: 180, triesAllowed: 5 },
          ),
    verifyCode: ({ code }) => {
      if (scenario.signInFailure?.at === 'verify') return ok(scenario.signInFailure.failure);
      if (code !== '1234') return ok({ ok: false, code: 'code-wrong', triesLeft: 4 });
      signInAsWang();
      return ok({ ok: true });
    },
    // E-mail sign-in: a password with "first" is a first password (the change follows); "wrong" is refused
    // with the service's trace id; a new password with "Harbor" was used before (only the service knows).
    signInWithPassword: ({ email, password }) => {
      if (scenario.passwordFailure) return ok(scenario.passwordFailure);
      if (password.includes('wrong'))
        return ok({ ok: false, code: 'wrong-password', triesLeft: 3, traceId: '3f9c2a71b04e' });
      const station = previewStation(email);
      const mustChangePassword = password.includes('first');
      return ok({
        ok: true,
        mustChangePassword,
        account: station.account,
        station: mustChangePassword ? null : station,
      });
    },
    changeFirstPassword: ({ newPassword }) => {
      if (newPassword.includes('Harbor'))
        return ok({ ok: false, code: 'password-rules', violations: ['recently-used'], traceId: '8b21d04c6f3a' });
      return ok({ ok: true, station: previewStation('anna.li@harbor.example') });
    },
    chooseStation: () => {
      if (scenario.stationFailure) return ok(scenario.stationFailure);
      signInAsWang();
      return ok({ ok: true });
    },
    changePassword: () => ok({ ok: true }),
    requestResetCode: () => ok({ ok: true, expiresInSec: 600, resendAfterSec: 60, triesAllowed: 5 }),
    resetPassword: ({ code }) =>
      ok(code === '123456' ? { ok: true } : { ok: false, code: 'code-wrong', triesLeft: 2, traceId: 'c07e5a19d2b8' }),
    setDisplaySettings: ({ patch }) => {
      update({ display: mergeDisplaySettings(state.display ?? DEFAULT_DISPLAY_SETTINGS, patch) });
      return ok(undefined);
    },
    setAudioSettings: ({ patch }) => {
      update({ audioSettings: mergeAudioSettings(state.audioSettings ?? DEFAULT_AUDIO_SETTINGS, patch) });
      return ok(undefined);
    },
    // The directory needs a number sign-in; previews show the app as signed in with a SIP account.
    getDirectoryStatus: () =>
      ok(
        directory
          ? {
              state: 'ready',
              people: directory.people.length,
              version: 7,
              lastSyncAt: Date.now() - 60_000,
              error: null,
            }
          : { state: 'no-device', people: 0, version: 0, lastSyncAt: null, error: null },
      ),
    listDepartments: () => ok(directory?.departments ?? []),
    listDirectoryPeople: ({ departmentId, offset, limit }) =>
      ok(
        (directory?.people ?? [])
          .filter((p) => departmentId === null || p.departmentId === departmentId)
          .slice(offset, offset + limit),
      ),
    searchDirectory: ({ query }) => {
      const term = query.trim().toLowerCase();
      const hits = (directory?.people ?? []).flatMap((person): SearchHit[] => {
        const at = person.name.toLowerCase().indexOf(term);
        if (term && at >= 0)
          return [{ person, match: { field: 'name', start: at, end: at + term.length, via: 'name' } }];
        if (term && person.extension.startsWith(term))
          return [{ person, match: { field: 'extension', start: 0, end: term.length, via: 'extension-prefix' } }];
        return [];
      });
      return ok(hits);
    },
    getDirectoryPerson: ({ id }) => ok(directory?.people.find((p) => p.id === id) ?? null),
    getDirectoryAvatar: () => ok({ dataUrl: null }),
    syncDirectory: () => ok(undefined),
    setAgentStatus: ({ status, reason }) => {
      setAgent({
        status,
        reason: reason ?? null,
        chosen: status,
        chosenReason: reason ?? null,
        acwUntil: null,
        notice: null,
      });
      return ok(undefined);
    },
    agentReadyNow: () => {
      // As main answers: a required wrap-up code must be picked first (src/shared/agent-status.ts).
      if (state.agent?.policy.wrapUpRequired && state.agent.wrapUp === null) {
        const message = refusalText(state.language, 'wrap-up-needs-code') ?? 'wrap-up-needs-code';
        return Promise.resolve({ ok: false as const, error: { code: 'failed' as const, message } });
      }
      setAgent({ status: 'available', acwUntil: null });
      return ok(undefined);
    },
    agentWrapUp: ({ code }) => {
      if (code !== null) setAgent({ wrapUp: code });
      return ok(undefined);
    },
    agentMoreTime: () => {
      const agent = state.agent;
      if (agent?.acwUntil) setAgent({ acwUntil: agent.acwUntil + agent.policy.afterCallWorkSec * 1000 });
      return ok(undefined);
    },
    dismissAgentNotice: () => {
      setAgent({ notice: null });
      return ok(undefined);
    },
    setRingTarget: ({ ringTarget }) => {
      setAgent({ ringTarget });
      return ok(undefined);
    },
    setAutoAnswer: ({ enabled }) => {
      setAgent({ autoAnswer: enabled });
      return ok(undefined);
    },
    getPresence: ({ extensions }) =>
      ok((scenario.presence?.people ?? []).filter((p) => extensions.includes(p.extension))),
    listPresenceGroups: () => ok(scenario.presence?.groups ?? []),
    listDeskPhones: () => ok(scenario.presence?.deskPhones ?? []),
    ...previewChatVerbs(
      scenario.chat,
      () => state.chat,
      (chat) => update({ chat }),
      emit,
    ),
    ...previewInternalChatVerbs(
      scenario.chat?.transcripts ?? {},
      scenario.directory?.people ?? [],
      () => state.chat,
      (chat) => update({ chat }),
    ),
    ...previewTeamVerbs(scenario.team, emit),
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: never) => void);
      return () => void set.delete(listener as (payload: never) => void);
    },
  };
  return api;
}
