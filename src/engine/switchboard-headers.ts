/**
 * What the reference switchboard adds to an INVITE it rings us with (docs/status-and-presence.md):
 * the ring timeout (for the countdown) and, for a group call, the group's number. Anything malformed
 * is left out rather than trusted.
 */
export type SwitchboardCallInfo = { ringTimeoutSec?: number; group?: string };

export function readSwitchboardHeaders(header: (name: string) => string | undefined): SwitchboardCallInfo {
  const info: SwitchboardCallInfo = {};
  const timeout = header('X-Switchboard-Ring-Timeout')?.trim();
  if (timeout && /^\d{1,3}$/.test(timeout)) {
    const seconds = Number(timeout);
    if (seconds >= 1 && seconds <= 600) info.ringTimeoutSec = seconds;
  }
  const group = header('X-Switchboard-Group')?.trim();
  if (group && /^[0-9A-Za-z*#+_.-]{1,64}$/.test(group)) info.group = group;
  return info;
}
