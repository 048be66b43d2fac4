import { describe, expect, it } from 'vitest';
import { isBackToEmail, newPasswordProblem, passwordChecklist, resetCodeDigits } from './password-checklist.ts';

const unmet = (password: string, email = 'anna.li@harbor.example') =>
  passwordChecklist(password, email)
    .filter((line) => !line.met)
    .map((line) => line.rule);

describe('the password checklist', () => {
  it('shows every rule unmet for an empty password except the ones nothing can break yet', () => {
    expect(unmet('')).toEqual(['length', 'letter', 'digit', 'symbol']);
  });

  it('a password that meets the rules ticks every line', () => {
    expect(unmet('Harbor7!tide')).toEqual([]);
  });

  it('too long fails the length line', () => {
    expect(unmet('Abcdefghij1!abcdefghij')).toEqual(['length']);
  });

  it('a space and the e-mail name are each explained', () => {
    expect(unmet('x anna.li9!')).toEqual(['no-whitespace', 'not-email-name']);
  });

  it('counts characters as seen: eight Chinese letters with a digit and a symbol are enough', () => {
    expect(unmet('港口客服中心1!')).toEqual([]);
  });
});

describe('a new password typed twice', () => {
  it('is ready only when it meets the rules and both are the same', () => {
    expect(newPasswordProblem('short', 'short', 'a@b.c')).toBe('rules');
    expect(newPasswordProblem('Harbor7!tide', '', 'a@b.c')).toBe('repeat-missing');
    expect(newPasswordProblem('Harbor7!tide', 'Harbor7!tidE', 'a@b.c')).toBe('mismatch');
    expect(newPasswordProblem('Harbor7!tide', 'Harbor7!tide', 'a@b.c')).toBeNull();
  });
});

it('a pasted reset code keeps its six digits', () => {
  expect(resetCodeDigits(' 123 456 789')).toBe('123456');
});

it('Alt+Left and Cmd+Left go back to the e-mail; Left alone does not', () => {
  expect(isBackToEmail({ key: 'ArrowLeft', altKey: true, metaKey: false })).toBe(true);
  expect(isBackToEmail({ key: 'ArrowLeft', altKey: false, metaKey: true })).toBe(true);
  expect(isBackToEmail({ key: 'ArrowLeft', altKey: false, metaKey: false })).toBe(false);
  expect(isBackToEmail({ key: 'ArrowRight', altKey: true, metaKey: false })).toBe(false);
});
