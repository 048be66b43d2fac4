/**
 * Channel names only, free of zod, so the sandboxed preloads stay tiny. The
 * contract (contract.ts) gives each name its schema and is checked against these lists.
 */
export const uiVerbNames = [
  'getState',
  'signIn',
  'signOut',
  'dial',
  'answer',
  'decline',
  'hangup',
  'mute',
  'hold',
  'sendDtmf',
  'sendPendingDigits',
  'listCallLog',
  'deleteCallLogEntry',
  'clearCallLog',
  'getCallHistoryInfo',
  'markMissedSeen',
  'setHistoryRetention',
  'exportCallLog',
  'setLanguage',
  'getProvisioningUrl',
  'setProvisioningUrl',
  'lookupNumber',
  'requestCode',
  'verifyCode',
  'getAbout',
  'getUpdateStatus',
  'checkForUpdates',
  'downloadUpdate',
  'installUpdate',
  'getDesktopSettings',
  'setDesktopSettings',
  'transfer',
  'consult',
  'completeTransfer',
  'cancelConsult',
  'switchCall',
  'setAudioSettings',
  'setDisplaySettings',
  'getDirectoryStatus',
  'listDepartments',
  'listDirectoryPeople',
  'searchDirectory',
  'getDirectoryPerson',
  'getDirectoryAvatar',
  'syncDirectory',
  'setAgentStatus',
  'agentReadyNow',
  'agentMoreTime',
  'dismissAgentNotice',
  'setRingTarget',
  'setAutoAnswer',
  'getPresence',
  'listPresenceGroups',
  'exportDiagnostics',
] as const;
export const uiEventNames = [
  'state',
  'callLogChanged',
  'callHistoryInfo',
  'dialRequest',
  'updateStatus',
  'showAbout',
  'directoryStatus',
  'directoryChanged',
  'presence',
] as const;
export const engineCommandNames = [
  'register',
  'unregister',
  'dial',
  'answer',
  'decline',
  'hangup',
  'mute',
  'hold',
  'sendDtmf',
  'sendPendingDigits',
  'transfer',
  'completeTransfer',
  'audioSettings',
  'networkChanged',
  'autoAnswer',
] as const;
export const engineEventNames = ['ready', 'registration', 'call', 'audio', 'log'] as const;

export type UiVerb = (typeof uiVerbNames)[number];
export type UiEvent = (typeof uiEventNames)[number];
export type EngineCommand = (typeof engineCommandNames)[number];
export type EngineEvent = (typeof engineEventNames)[number];

/** Electron channel names, one namespace per window role. */
export const channel = {
  uiVerb: (verb: UiVerb) => `ui:${verb}`,
  uiEvent: (event: UiEvent) => `ui-event:${event}`,
  engineCommand: (command: EngineCommand) => `engine-command:${command}`,
  engineEvent: (event: EngineEvent) => `engine-event:${event}`,
} as const;
