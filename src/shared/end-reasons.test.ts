import { describe, expect, it } from 'vitest';
import { causeOfReasonHeader, MEDIA_LOST_CAUSE, MEDIA_LOST_REASON_HEADER } from './end-reasons.ts';

describe('the lost-audio reason on a BYE', () => {
  it('reads back as the lost-audio end cause, so the other side says why the call ended', () => {
    const value = MEDIA_LOST_REASON_HEADER.replace(/^Reason:\s*/, '');
    expect(causeOfReasonHeader(value)).toBe(MEDIA_LOST_CAUSE);
  });

  it('leaves any other reason, or none, to JsSIP’s cause', () => {
    expect(causeOfReasonHeader('Q.850;cause=16;text="Normal call clearing"')).toBeNull();
    expect(causeOfReasonHeader(undefined)).toBeNull();
  });
});
