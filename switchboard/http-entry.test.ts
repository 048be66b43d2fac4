import { describe, expect, it } from 'vitest';
import { HttpProblem, parseRequestTarget, QueryParams } from './http-entry.ts';

const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpProblem) return error.problem;
    throw error;
  }
  return null;
};

describe('request targets', () => {
  it.each([
    ['/', '/'],
    ['/v1/health', '/v1/health'],
    ['/v1/directory?since=5', '/v1/directory'],
    ['/caf%C3%A9', '/café'],
    ['/trailing/', '/trailing/'],
    ['http://x/v1/health?a=1', '/v1/health'],
    ['HTTPS://evil.example:1/y', '/y'],
    ['http://x', '/'],
  ])('reads %s as the path %s', (raw, path) => {
    expect(parseRequestTarget(raw).path).toBe(path);
  });

  it.each([
    '//',
    '///',
    '//v1/health',
    '/a//b',
    '/%',
    '/%zz',
    '/%2',
    '/..%2f',
    '/a%2Fb',
    '/a%5cb',
    '/.',
    '/./a',
    '/a/..',
    '/%2e%2e/x',
    '/%00',
    '/%0d%0a',
    '/%c0%af',
    '/%ff',
    '*',
    'x',
    'ftp://x/',
    '/a b',
    '/a\u0001',
    '/é',
    '/#x',
    '/a?b=%',
    '/a?=1',
    '/a?x=1&x=2',
    '/a?&',
  ])('refuses %j with 400 problem+json', (raw) => {
    expect(problemOf(() => parseRequestTarget(raw))).toMatchObject({ status: 400, code: 'invalid-request' });
  });

  it('refuses a target over 2048 characters with 414', () => {
    expect(problemOf(() => parseRequestTarget(`/${'a'.repeat(2048)}`))).toMatchObject({ status: 414 });
  });
});

describe('integer query parameters', () => {
  const since = (text: string) => QueryParams.parse(text).int('since', { min: 0, max: 1_000_000, default: 0 });

  it.each([
    ['since=0', 0],
    ['since=5', 5],
    ['since=1000000', 1_000_000],
    ['', 0],
    ['other=1', 0],
  ])('reads %j as %d', (text, value) => {
    expect(since(text)).toBe(value);
  });

  it.each([
    'since=0x10',
    'since=1e3',
    'since=%205',
    'since=+5',
    'since=5+',
    'since=5%20',
    'since=%2B5',
    'since=-0',
    'since=-5',
    'since=5.0',
    'since=5.',
    'since=.5',
    'since=05',
    'since=00',
    'since=',
    'since',
    'since=0b1',
    'since=0o7',
    'since=Infinity',
    'since=NaN',
    'since=1_000',
    'since=1,000',
    'since=١',
    'since=%EF%BC%95',
    'since=1000001',
    'since=99999999999999999999',
    'since=9007199254740993',
    'since=1&since=1',
    'since=1&since=2',
  ])('refuses %j with a problem naming the parameter', (text) => {
    expect(problemOf(() => since(text))).toMatchObject({ status: 400, code: 'invalid-request', parameter: 'since' });
  });

  it('refuses parameters the route does not read, by name', () => {
    expect(problemOf(() => QueryParams.parse('since=1&sinse=2').only('since', 'limit'))).toMatchObject({
      status: 400,
      parameter: 'sinse',
    });
  });

  it('says which parameter is required when there is no default', () => {
    expect(problemOf(() => QueryParams.parse('').int('limit', { min: 1, max: 5 }))).toMatchObject({
      parameter: 'limit',
      title: 'Query parameter "limit" is required',
    });
  });
});
