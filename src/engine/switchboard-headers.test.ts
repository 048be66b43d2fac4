import { describe, expect, it } from 'vitest';
import { readSwitchboardHeaders } from './switchboard-headers.ts';

const headers = (values: Record<string, string>) => (name: string) => values[name];

describe('readSwitchboardHeaders', () => {
  it('reads the ring timeout and the group of a hotline call', () => {
    expect(
      readSwitchboardHeaders(headers({ 'X-Switchboard-Ring-Timeout': '20', 'X-Switchboard-Group': '8200' })),
    ).toEqual({
      ringTimeoutSec: 20,
      group: '8200',
    });
  });

  it('a direct call has only the timeout; no headers give nothing', () => {
    expect(readSwitchboardHeaders(headers({ 'X-Switchboard-Ring-Timeout': ' 15 ' }))).toEqual({ ringTimeoutSec: 15 });
    expect(readSwitchboardHeaders(headers({}))).toEqual({});
  });

  it('malformed values are ignored', () => {
    expect(
      readSwitchboardHeaders(headers({ 'X-Switchboard-Ring-Timeout': '0', 'X-Switchboard-Group': '<script>' })),
    ).toEqual({});
    expect(readSwitchboardHeaders(headers({ 'X-Switchboard-Ring-Timeout': '20s' }))).toEqual({});
    expect(readSwitchboardHeaders(headers({ 'X-Switchboard-Ring-Timeout': '9999' }))).toEqual({});
  });
});
