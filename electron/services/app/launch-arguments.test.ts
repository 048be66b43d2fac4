import { describe, expect, it } from 'vitest';
import { createTestCore } from './test-doubles.ts';
import { handleLaunchArguments, handleOpenedLink } from './launch-arguments.ts';

describe('launch arguments and opened links', () => {
  it('put a number from --dial or a tel: link on the dial pad', () => {
    const test = createTestCore();
    const warnings: string[] = [];
    handleLaunchArguments(test.core, ['switchboard', '--dial', '+46 70 123 45 67'], (w) => warnings.push(w));
    handleOpenedLink(test.core, 'tel:8057', (w) => warnings.push(w));
    expect(test.broadcasts.filter((b) => b.event === 'dialRequest').map((b) => b.payload)).toEqual([
      { target: '+46701234567' },
      { target: '8057' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('refuse hostile input with a warning and nothing on the dial pad', () => {
    const test = createTestCore();
    const warnings: string[] = [];
    handleOpenedLink(test.core, 'javascript:alert(1)', (w) => warnings.push(w));
    handleLaunchArguments(test.core, ['switchboard', '--dial', 'tel:1\n2'], (w) => warnings.push(w));
    handleLaunchArguments(test.core, ['switchboard', '--inspect'], (w) => warnings.push(w));
    expect(test.broadcasts.some((b) => b.event === 'dialRequest')).toBe(false);
    expect(warnings).toEqual([
      'refused a link to dial (unsupported-scheme)',
      'refused a number to dial from the command line (control-characters)',
    ]);
  });

  it('"call links at once" dials when signed in and free, and otherwise leaves the number on the dial pad', async () => {
    const test = createTestCore();
    const warnings: string[] = [];
    const atOnce = { dialAtOnce: () => true };
    handleOpenedLink(test.core, 'tel:1002', (w) => warnings.push(w), atOnce);
    expect(test.broadcasts.filter((b) => b.event === 'dialRequest').map((b) => b.payload)).toEqual([
      { target: '1002' },
    ]);

    await test.core.session.signIn({ server: 'ws://127.0.0.1:5066', user: '1001', password: 'x' });
    await test.core.engine.reportedReady();
    await test.core.session.onRegistration({ status: 'registered' });
    handleOpenedLink(test.core, 'sip:1003@pbx.example.com', (w) => warnings.push(w), atOnce);
    expect(
      test.commands.filter((c) => c.command === 'dial').map((c) => (c.payload as { target: string }).target),
    ).toEqual(['1003@pbx.example.com']);
    handleOpenedLink(test.core, 'tel:1004', (w) => warnings.push(w), { dialAtOnce: () => false });
    expect(test.commands.filter((c) => c.command === 'dial')).toHaveLength(1);
    expect(warnings).toEqual([]);
  });
});
