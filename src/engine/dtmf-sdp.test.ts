import { describe, expect, it } from 'vitest';
import { alignTelephoneEvents, hasTelephoneEvent } from './dtmf-sdp.ts';

const session = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0'];
const sdp = (...audio: string[]) => [...session, ...audio, ''].join('\r\n');
const mLine = (result: string) => result.split('\r\n').find((line) => line.startsWith('m=audio'));

describe('telephone-events on the clock of the codec we send with', () => {
  it('an Opus answer with events at 48 kHz and 8 kHz keeps only the 48 kHz one', () => {
    const { sdp: result, changes } = alignTelephoneEvents(
      sdp(
        'm=audio 7078 RTP/AVP 111 0 8 110 101',
        'a=rtpmap:111 opus/48000/2',
        'a=fmtp:111 useinbandfec=1',
        'a=rtpmap:110 telephone-event/48000',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-15',
      ),
    );
    expect(mLine(result)).toBe('m=audio 7078 RTP/AVP 111 0 8 110');
    expect(result).not.toContain('telephone-event/8000');
    expect(result).not.toContain('a=fmtp:101');
    expect(result).toContain('a=rtpmap:110 telephone-event/48000');
    expect(result).toContain('a=fmtp:111 useinbandfec=1');
    expect(changes).toEqual([{ kind: 'kept', rate: 48000, dropped: [101] }]);
  });

  it('a G.711 answer with both events keeps the 8 kHz one (static PCMU has no rtpmap line)', () => {
    const { sdp: result } = alignTelephoneEvents(
      sdp('m=audio 7078 RTP/AVP 0 110 101', 'a=rtpmap:110 telephone-event/48000', 'a=rtpmap:101 telephone-event/8000'),
    );
    expect(mLine(result)).toBe('m=audio 7078 RTP/AVP 0 101');
    expect(result).toContain('a=rtpmap:101 telephone-event/8000');
  });

  it('Opus with an 8 kHz event only, next to PCMU: the event is dropped and Opus stays the codec', () => {
    const { sdp: result, changes } = alignTelephoneEvents(
      sdp('m=audio 7078 RTP/AVP 111 0 101', 'a=rtpmap:111 opus/48000/2', 'a=rtpmap:101 telephone-event/8000'),
    );
    expect(mLine(result)).toBe('m=audio 7078 RTP/AVP 111 0');
    expect(changes).toEqual([{ kind: 'none-usable', dropped: [101] }]);
  });

  it('Opus alone with an 8 kHz event: the event is dropped, so digits go another way', () => {
    const { sdp: result, changes } = alignTelephoneEvents(
      sdp(
        'm=audio 7078 RTP/AVP 111 101',
        'a=rtpmap:111 opus/48000/2',
        'a=rtpmap:101 telephone-event/8000',
        'a=fmtp:101 0-15',
      ),
    );
    expect(mLine(result)).toBe('m=audio 7078 RTP/AVP 111');
    expect(hasTelephoneEvent(result)).toBe(false);
    expect(changes).toEqual([{ kind: 'none-usable', dropped: [101] }]);
  });

  it('an SDP that is already right comes back as it was, line endings and all', () => {
    for (const text of [
      sdp('m=audio 7078 RTP/AVP 111 110', 'a=rtpmap:111 opus/48000/2', 'a=rtpmap:110 telephone-event/48000'),
      sdp('m=audio 7078 RTP/AVP 0 8'),
      sdp('m=audio 7078 RTP/AVP 0 101', 'a=rtpmap:101 telephone-event/8000').replaceAll('\r\n', '\n'),
    ]) {
      expect(alignTelephoneEvents(text)).toEqual({ sdp: text, changes: [] });
    }
  });

  it('payload numbers that share digits are told apart (101 dropped, 1010 kept)', () => {
    const { sdp: result } = alignTelephoneEvents(
      sdp(
        'm=audio 7078 RTP/AVP 111 110 101',
        'a=rtpmap:111 opus/48000/2',
        'a=rtpmap:110 telephone-event/48000',
        'a=rtpmap:101 telephone-event/8000',
        'a=rtcp-fb:101 nack',
        'a=rtcp-fb:1010 nack',
      ),
    );
    expect(result).not.toContain('a=rtcp-fb:101 nack');
    expect(result).toContain('a=rtcp-fb:1010 nack');
  });

  it('only audio sections are touched', () => {
    const text = sdp(
      'm=audio 7078 RTP/AVP 111 101',
      'a=rtpmap:111 opus/48000/2',
      'a=rtpmap:101 telephone-event/8000',
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 VP8/90000',
    );
    const { sdp: result } = alignTelephoneEvents(text);
    expect(result).toContain('m=video 0 RTP/AVP 96\r\na=rtpmap:96 VP8/90000');
  });
});
