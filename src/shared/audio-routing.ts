/**
 * Which device to use for a choice, given the devices present now. Pure, so the rules are tested
 * without a browser: a chosen device is used while present (found by id, or by name when the OS
 * gave it a new id); a missing one falls back to the system default and says so; the system
 * default follows whatever the OS makes default.
 */
import { SYSTEM_DEFAULT, type DeviceChoice } from './audio.ts';

/** One entry of enumerateDevices() of one kind (audioinput or audiooutput). */
export type DeviceEntry = { deviceId: string; label: string; groupId: string };

export type ResolvedDevice = {
  /** The id to capture or play with: SYSTEM_DEFAULT or a device's id; null when there is no device at all. */
  id: string | null;
  /** The device's name, as the user reads it. */
  label: string;
  /** The chosen device is not present and the default stands in. */
  missing: boolean;
};

/** Chromium's virtual entries: the OS default and (on Windows) the communications device. */
const VIRTUAL_IDS = new Set([SYSTEM_DEFAULT, 'communications']);

export function physicalDevices(entries: readonly DeviceEntry[]): DeviceEntry[] {
  return entries.filter((entry) => !VIRTUAL_IDS.has(entry.deviceId));
}

/**
 * The OS default's name. Chromium's default entry is "Default - Headset (USB)" on Windows and macOS
 * and a plain name elsewhere; we show the physical device's own name when it is listed.
 */
export function systemDefaultLabel(entries: readonly DeviceEntry[]): string {
  const fallback = entries.find((entry) => entry.deviceId === SYSTEM_DEFAULT) ?? physicalDevices(entries)[0];
  if (!fallback) return '';
  const physical = physicalDevices(entries).find(
    (entry) => entry.groupId === fallback.groupId && fallback.deviceId === SYSTEM_DEFAULT,
  );
  return (physical ?? fallback).label.replace(/^Default - /, '');
}

/**
 * What identifies the OS default now: when it changes (a headset plugged in and made default),
 * audio captured "from the default" must be captured again to follow it.
 */
export function defaultFingerprint(entries: readonly DeviceEntry[]): string {
  const entry = entries.find((candidate) => candidate.deviceId === SYSTEM_DEFAULT);
  return entry ? `${entry.groupId}|${entry.label}` : '';
}

export function resolveDevice(choice: DeviceChoice, entries: readonly DeviceEntry[]): ResolvedDevice {
  if (entries.length === 0) return { id: null, label: '', missing: choice.id !== SYSTEM_DEFAULT };
  const useDefault = (missing: boolean): ResolvedDevice => ({
    id: entries.some((entry) => entry.deviceId === SYSTEM_DEFAULT) ? SYSTEM_DEFAULT : entries[0]!.deviceId,
    label: systemDefaultLabel(entries),
    missing,
  });
  if (choice.id === SYSTEM_DEFAULT) return useDefault(false);
  const physical = physicalDevices(entries);
  const found =
    physical.find((entry) => entry.deviceId === choice.id) ??
    (choice.label ? physical.find((entry) => entry.label === choice.label) : undefined);
  return found ? { id: found.deviceId, label: found.label, missing: false } : useDefault(true);
}
