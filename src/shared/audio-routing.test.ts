import { describe, expect, it } from 'vitest';
import { defaultFingerprint, physicalDevices, resolveDevice, systemDefaultLabel } from './audio-routing.ts';

// What Chromium lists with --use-fake-device-for-media-stream, and a Windows-style list.
const fake = [
  { deviceId: 'default', label: 'Fake Default Audio Input', groupId: 'g0' },
  { deviceId: 'in1', label: 'Fake Audio Input 1', groupId: 'g1' },
  { deviceId: 'in2', label: 'Fake Audio Input 2', groupId: 'g2' },
];
const windows = [
  { deviceId: 'default', label: 'Default - Headset (Jabra Evolve 20)', groupId: 'jabra' },
  { deviceId: 'communications', label: 'Communications - Headset (Jabra Evolve 20)', groupId: 'jabra' },
  { deviceId: 'a1', label: 'Speakers (Realtek Audio)', groupId: 'realtek' },
  { deviceId: 'a2', label: 'Headset (Jabra Evolve 20)', groupId: 'jabra' },
];

describe('audio device routing', () => {
  it('lists only physical devices, the default being offered on its own', () => {
    expect(physicalDevices(windows).map((entry) => entry.deviceId)).toEqual(['a1', 'a2']);
    expect(systemDefaultLabel(windows)).toBe('Headset (Jabra Evolve 20)');
    expect(systemDefaultLabel(fake)).toBe('Fake Default Audio Input');
    expect(systemDefaultLabel([])).toBe('');
  });

  it('"System default" uses the default entry and names the device behind it', () => {
    expect(resolveDevice({ id: 'default', label: '' }, windows)).toEqual({
      id: 'default',
      label: 'Headset (Jabra Evolve 20)',
      missing: false,
    });
  });

  it('uses a chosen device while present, by id or by name after the OS renumbered it', () => {
    expect(resolveDevice({ id: 'in2', label: 'Fake Audio Input 2' }, fake)).toEqual({
      id: 'in2',
      label: 'Fake Audio Input 2',
      missing: false,
    });
    expect(resolveDevice({ id: 'old-id', label: 'Speakers (Realtek Audio)' }, windows)).toMatchObject({ id: 'a1' });
  });

  it('falls back to the system default when the chosen device is gone, and says so', () => {
    const unplugged = fake.filter((entry) => entry.deviceId !== 'in2');
    expect(resolveDevice({ id: 'in2', label: 'Fake Audio Input 2' }, unplugged)).toEqual({
      id: 'default',
      label: 'Fake Default Audio Input',
      missing: true,
    });
  });

  it('has nothing to use when no device of the kind is present', () => {
    expect(resolveDevice({ id: 'default', label: '' }, [])).toEqual({ id: null, label: '', missing: false });
    expect(resolveDevice({ id: 'in1', label: 'Fake Audio Input 1' }, [])).toMatchObject({ id: null, missing: true });
  });

  it('notices when the OS default changes to another device (default-follow)', () => {
    const before = defaultFingerprint(windows);
    const speakersMadeDefault = windows.map((entry) =>
      entry.deviceId === 'default'
        ? { ...entry, label: 'Default - Speakers (Realtek Audio)', groupId: 'realtek' }
        : entry,
    );
    expect(defaultFingerprint(speakersMadeDefault)).not.toBe(before);
    expect(defaultFingerprint([...windows])).toBe(before);
    expect(resolveDevice({ id: 'default', label: '' }, speakersMadeDefault).label).toBe('Speakers (Realtek Audio)');
  });
});
