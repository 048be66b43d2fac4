import { describe, expect, it } from 'vitest';
import { isSecretKey, MAX_STRING, REDACTED, redactFields, redactText, redactValue } from './redact.ts';

describe('redaction by key', () => {
  it.each([
    'password',
    'sipPassword',
    'PASSWORD',
    'ha1',
    'token',
    'deviceToken',
    'device_token',
    'refreshTokens',
    'code',
    'signInCode',
    'otp',
    'pin',
    'secret',
    'clientSecret',
    'Authorization',
    'Proxy-Authorization',
    'cookie',
    'body',
    'messageBody',
    'sdp',
    'remoteSdp',
    'credentials',
    'apiKey',
  ])('%s is a secret field', (key) => expect(isSecretKey(key)).toBe(true));

  it.each(['status', 'statusCode', 'errorCode', 'callId', 'user', 'server', 'detail', 'reason', 'phase', 'passive'])(
    '%s is written as it is',
    (key) => expect(isSecretKey(key)).toBe(false),
  );

  it('blanks secret fields at any depth, in arrays too, and keeps the rest', () => {
    expect(
      redactFields({
        user: '1001',
        account: { server: 'wss://pbx', password: 'p4ss', nested: [{ token: 't0k', kind: 'device' }] },
        status: 486,
      }),
    ).toEqual({
      user: '1001',
      account: { server: 'wss://pbx', password: REDACTED, nested: [{ token: REDACTED, kind: 'device' }] },
      status: 486,
    });
  });

  it('turns an error into its type, redacted message and stack, errno code and cause', () => {
    const cause = new Error('connect ECONNREFUSED');
    const error = Object.assign(new Error('GET https://u:pw1@host/v1/device?token=abc123 failed', { cause }), {
      code: 'ECONNREFUSED',
    });
    const out = redactValue(error) as Record<string, unknown>;
    expect(out.type).toBe('Error');
    expect(out.message).toBe(`GET https://u:${REDACTED}@host/v1/device?token=${REDACTED} failed`);
    expect(String(out.stack)).not.toContain('abc123');
    expect(String(out.stack)).not.toContain('pw1');
    expect(out.code).toBe('ECONNREFUSED');
    expect(out.cause).toMatchObject({ type: 'Error', message: 'connect ECONNREFUSED' });
  });

  it('a numeric code on an error (a sign-in code someone attached) is not written', () => {
    const out = redactValue(Object.assign(new Error('x'), { code: '4821' })) as Record<string, unknown>;
    expect(out).not.toHaveProperty('code');
  });

  it('bounds what it writes: long strings cut, deep objects and long arrays shortened, functions dropped', () => {
    const long = 'x'.repeat(MAX_STRING + 10);
    expect(redactText(long)).toBe(`${'x'.repeat(MAX_STRING)}…[10 more]`);
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 10; i += 1) deep = { deep };
    expect(JSON.stringify(redactValue(deep))).toContain('[too deep]');
    expect((redactValue(Array.from({ length: 60 }, (_, i) => i)) as unknown[]).at(-1)).toBe('…[10 more]');
    expect(redactFields({ callback: () => 1, count: Number.NaN })).toEqual({ count: 'NaN' });
  });
});

describe('redaction by value pattern', () => {
  it.each([
    ['Authorization: Digest username="1001", response="9f8e7d"', `Authorization: ${REDACTED}`],
    ['Proxy-Authorization: Digest username="1001"', `Proxy-Authorization: ${REDACTED}`],
    ['sent Bearer eyJhbGciOi.payload.sig to the service', `sent Bearer ${REDACTED} to the service`],
    ['wss://1001:s3cret@pbx.example:7443/ws', `wss://1001:${REDACTED}@pbx.example:7443/ws`],
    ['sip:1001:s3cret@pbx.example', `sip:1001:${REDACTED}@pbx.example`],
    ['url ?mobile=138&password=hunter2&x=1', `url ?mobile=138&password=${REDACTED}&x=1`],
    ['{"token":"dev-abc","user":"1001"}', `{"token":"${REDACTED}","user":"1001"}`],
    ['verify code=4821 for 13800138000', `verify code=${REDACTED} for 13800138000`],
    ['"code": "4821"', `"code": "${REDACTED}"`],
  ])('%s', (input, expected) => expect(redactText(input)).toBe(expected));

  it('leaves SIP status codes, call ids and registration reasons readable', () => {
    const text = 'call c-17 ended: 486 Busy Here (code: 486); registration failed: 403 Forbidden';
    expect(redactText(text)).toBe(text);
  });

  it('cuts the body off a SIP message and keeps its start line and headers', () => {
    const message =
      'MESSAGE sip:1002@pbx SIP/2.0\r\nCall-ID: abc\r\nContent-Type: text/plain\r\n\r\nmeet me at 5, PIN 9911';
    const out = redactText(message);
    expect(out).toContain('MESSAGE sip:1002@pbx SIP/2.0');
    expect(out).toContain('Call-ID: abc');
    expect(out).not.toContain('9911');
  });

  it('cuts an SDP wherever it appears', () => {
    const out = redactText('remote description:\nv=0\r\no=- 1 1 IN IP4 10.0.0.1\r\na=ice-pwd:verysecret\r\n');
    expect(out).toBe(`remote description:\n[sdp ${REDACTED}]`);
  });
});
