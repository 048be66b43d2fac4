/**
 * Working status in the app (issue 10), no calls: two colleagues signed in by mobile number against
 * the reference switchboard. One sets a status from the header's menu (Break with a company reason,
 * then Offline); the other's directory shows it within a second; an Offline colleague's card offers
 * their mobile; dialing while Offline is refused with a clear message. The calling scenarios
 * (group hunting, ring-out, after-call work, mobile mode) are in the multi-app e2e test.
 */
import { describe, expect, it } from 'vitest';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const wang = demoPeople[0]!;
const liNa = demoPeople[1]!;

describe('working status and presence in the window', () => {
  const { apps } = useSignedInApps({
    switchboard: { provisioning: true },
    apps: {
      wang: { signIn: { mobile: demoMobile } },
      liNa: { signIn: { mobile: liNa.mobile }, locale: 'zh-CN' },
    },
  });

  /** Wang's row in Li Na's directory search, and its presence dot. */
  const wangRow = async () => {
    const ui = apps.liNa.ui();
    await ui.getByTestId('directory-search').fill(wang.extension);
    await ui.locator(`[data-testid="search-results"][data-query="${wang.extension}"]`).waitFor();
    return ui.locator(`[data-testid="search-result"][data-extension="${wang.extension}"]`);
  };
  const dotOf = (row: Awaited<ReturnType<typeof wangRow>>) => row.getByTestId('presence-dot');

  it('after sign-in the header shows Available, and so does the colleague’s directory', async () => {
    await apps.wang.ui().locator('[data-testid="status-button"][data-status="available"]').waitFor();
    await apps.liNa.openTab('directory');
    const row = await wangRow();
    await row.locator('[data-testid="presence-dot"][data-status="available"]').waitFor();
  });

  it('Break with a reason from the menu reaches the colleague’s directory within a second', async () => {
    const ui = apps.wang.ui();
    await ui.getByTestId('status-button').click();
    await ui.getByTestId('status-menu').waitFor();
    await apps.wang.screenshot('status-menu-open');
    await ui.getByTestId('status-option-break').click();
    const lunch = ui.getByTestId('break-reason-0');
    expect(await lunch.innerText()).toBe('Lunch');
    const row = await wangRow();
    const clicked = Date.now();
    await lunch.click();
    await ui.locator('[data-testid="status-button"][data-status="break"]').waitFor();
    await row.locator('[data-testid="presence-dot"][data-status="break"]').waitFor({ timeout: 1000 });
    console.log(`Break reached the colleague's directory in ${Date.now() - clicked} ms`);
    expect(await row.getByTestId('presence-text').innerText()).toContain('Lunch');
    await apps.liNa.screenshot('zh-CN-directory-presence-break');
  });

  it('Offline: the colleague’s card offers the mobile instead, and dialing is refused here', async () => {
    const ui = apps.wang.ui();
    await ui.getByTestId('status-button').click();
    await ui.getByTestId('status-option-offline').click();
    await ui.locator('[data-testid="status-button"][data-status="offline"]').waitFor();
    const row = await wangRow();
    await dotOf(row).and(apps.liNa.ui().locator('[data-status="offline"]')).waitFor({ timeout: 1000 });
    // The row's call button opens the card for an Offline colleague; the card offers the mobile.
    await row.getByTestId('dir-row-call').click();
    const card = apps.liNa.ui().getByTestId('person-card');
    await card.getByTestId('call-mobile-instead').waitFor();
    await apps.liNa.screenshot('zh-CN-card-offline-call-mobile');
    await card.getByRole('button', { name: apps.liNa.strings.directory.card.close }).click();

    await apps.wang.openTab('dialpad');
    await ui.getByTestId('dial-input').fill(liNa.extension);
    await ui.getByTestId('call-button').click();
    expect(await ui.getByTestId('dial-error').innerText()).toContain(apps.wang.strings.agent.offlineCannotDial);
    await ui.getByTestId('status-button').click();
    await ui.getByTestId('status-option-available').click();
    await row.locator('[data-testid="presence-dot"][data-status="available"]').waitFor({ timeout: 1000 });
  });

  it('a number beyond the caller’s call permission is refused by the switchboard, and the app says why', async () => {
    // 王小明 may call within China only; 李娜 has no call permission set, so internal calls only (demo-data.ts).
    const refusal = async (app: typeof apps.wang, number: string) => {
      await app.openTab('dialpad');
      await app.ui().getByTestId('dial-input').fill(number);
      await app.ui().getByTestId('call-button').click();
      const reason = app.ui().getByTestId('call-end-reason');
      await reason.waitFor({ timeout: 15_000 });
      return reason.innerText();
    };
    expect(await refusal(apps.wang, '+4915112345678')).toBe(apps.wang.strings.call.notPermitted.national);
    expect(await refusal(apps.liNa, '13912345678')).toBe(apps.liNa.strings.call.notPermitted.internal);
    await apps.liNa.screenshot('zh-CN-call-not-permitted');
  });
});
