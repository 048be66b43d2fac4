import { describe, expect, it } from 'vitest';
import {
  CallOutcomeSchema,
  CallPhaseSchema,
  RegistrationErrorSchema,
  RegistrationStatusSchema,
} from '../../shared/domain.ts';
import { NumberSignInErrorCodeSchema } from '../../shared/number-sign-in.ts';
import en from '../../shared/locales/en.json' with { type: 'json' };
import zhCN from '../../shared/locales/zh-CN.json' with { type: 'json' };

/** Flattens nested resources to "a.b.c" → value, so two languages can be compared key by key. */
function flatten(node: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node)) {
      for (const [k, v] of flatten(value, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, node);
  }
  return out;
}

const zh = flatten(zhCN);
const english = flatten(en);

describe('UI translations', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...zh.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty or non-string values', () => {
    for (const [name, table] of [
      ['zh-CN', zh],
      ['en', english],
    ] as const) {
      for (const [key, value] of table) {
        expect(typeof value === 'string' && value.trim().length > 0, `${name}: ${key}`).toBe(true);
      }
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    const vars = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of english) expect(vars(zh.get(key)), key).toEqual(vars(value));
  });

  it('translate every code the app can show', () => {
    const needed = [
      ...RegistrationStatusSchema.options.map((s) => `registration.status.${s}`),
      ...RegistrationErrorSchema.options.map((e) => `registration.errors.${e}`),
      ...CallPhaseSchema.options.map((p) => `call.phase.${p}`),
      ...CallOutcomeSchema.options.filter((o) => o !== 'answered').map((o) => `callLog.outcome.${o}`),
      ...NumberSignInErrorCodeSchema.options.map((c) => `numberSignIn.errors.${c}`),
      'signedOut.signed-in-elsewhere',
      'signedOut.signed-out-by-admin',
    ];
    for (const key of needed) expect(english.has(key), key).toBe(true);
  });
});
