/**
 * Swedish and French (issue 21): the app speaks the OS language when it is one of its four (sv-SE →
 * Swedish, fr-CA → French), and Settings switches it at once, remembered across a reload; "System"
 * goes back to the OS language. A call between the two: each side reads it in its own language, and the
 * history gives the time and the talk time the way French writes them. The driver clicks by the words of the
 * app's language throughout.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { wordsFor } from '../../src/shared/locales/dictionaries.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[1]];
const sv = wordsFor('sv');
const fr = wordsFor('fr');

describe('languages', () => {
  const { apps } = useSignedInApps({
    apps: {
      sven: { signIn: { sipAccount: alice }, locale: 'sv-SE' },
      claire: { signIn: { sipAccount: bob }, locale: 'fr-CA' },
    },
  });

  const tabNames = (app: 'sven' | 'claire') =>
    apps[app]
      .ui()
      .getByRole('tab')
      .evaluateAll((tabs) => tabs.map((tab) => tab.textContent?.trim()));

  it('follows the OS: sv-SE gets the Swedish app, fr-CA the French one', async () => {
    expect(await tabNames('sven')).toEqual([sv.tabs.dialpad, sv.tabs.calls, sv.tabs.directory, sv.tabs.settings]);
    expect(await apps.sven.ui().getByTestId('registration-status').innerText()).toContain(
      sv.registration.status.registered,
    );
    expect(await apps.claire.ui().locator('html').getAttribute('lang')).toBe('fr');
    expect(await tabNames('claire')).toEqual([fr.tabs.dialpad, fr.tabs.calls, fr.tabs.directory, fr.tabs.settings]);
    await apps.sven.screenshot('sv-dialpad');
    await apps.claire.screenshot('fr-dialpad');
  });

  it('Settings switches the language at once and keeps it; "System" goes back to the OS language', async () => {
    const ui = apps.sven.ui();
    await apps.sven.openTab('settings');
    const language = ui.getByRole('radiogroup', { name: sv.settings.language });
    expect(await language.getByRole('radio', { checked: true }).innerText()).toBe(sv.settings.languageSystem);

    await language.getByRole('radio', { name: sv.settings.languageFr }).click();
    await ui.getByRole('tab', { name: fr.tabs.settings }).waitFor();
    expect(await ui.locator('html').getAttribute('lang')).toBe('fr');
    await apps.sven.screenshot('fr-settings-chosen');

    await apps.sven.reloadUi();
    expect(await tabNames('sven')).toEqual([fr.tabs.dialpad, fr.tabs.calls, fr.tabs.directory, fr.tabs.settings]);

    await ui.getByRole('tab', { name: fr.tabs.settings }).click();
    await ui
      .getByRole('radiogroup', { name: fr.settings.language })
      .getByRole('radio', { name: fr.settings.languageSystem })
      .click();
    await ui.getByRole('tab', { name: sv.tabs.settings }).waitFor();
    expect(await tabNames('sven')).toEqual([sv.tabs.dialpad, sv.tabs.calls, sv.tabs.directory, sv.tabs.settings]);
  });

  it('a call between the French and the Swedish app: each reads it in its own language, the history in French forms', async () => {
    await apps.claire.dial(alice.user);
    expect(await apps.sven.waitForIncomingCall()).toContain(sv.call.incomingTitle);
    await apps.sven.answer();
    await apps.claire.waitForCallPhase('connected');
    // The answering side connects a moment after the caller (its ACK and media): read each once it is there.
    await apps.sven.waitForCallPhase('connected');
    await expect.poll(() => apps.claire.inCallText()).toContain(fr.call.phase.connected);
    await expect.poll(() => apps.sven.inCallText()).toContain(sv.call.phase.connected);
    await apps.claire.screenshot('fr-in-call');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await apps.claire.hangup();
    await apps.sven.waitForCallPhase(null);

    const [row] = await apps.claire.callLogRows();
    expect(row?.text).toContain(fr.callLog.outcome['answered-outgoing']);
    // 24-hour "14:05" and Intl.DurationFormat's French "1s" / "1min 5s" (not the old hand-made "1s"/"1m 5s" phrases).
    expect(row?.text).toMatch(/\b\d{2}:\d{2}\b/);
    expect(row?.text).toMatch(/\b\d+\s?s\b/);
    expect(await apps.claire.ui().getByTestId('call-log-day').first().textContent()).toBe(fr.callLog.today);
    await apps.claire.screenshot('fr-history');
  });
});
