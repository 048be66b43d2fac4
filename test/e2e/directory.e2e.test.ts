/**
 * The company directory in the app: signed in by mobile number, the demo company's departments
 * appear; pinyin initials, an extension and a few digits of a mobile find a colleague (the
 * matched part marked); the card (right-click) calls the extension and the colleague's app, signed
 * in by number as that extension, rings. A SIP-account sign-in has no directory and says why.
 */
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { demoMobile, demoPeople } from '../../switchboard/provisioning/demo-data.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const zhangSan = demoPeople.find((p) => p.name === '张三')!;

describe('company directory', () => {
  const { apps, startApp } = useSignedInApps({
    switchboard: { provisioning: true },
    apps: {
      // In Chinese, as most of the demo company would use it.
      wang: { signIn: { mobile: demoMobile }, locale: 'zh-CN' },
      zhangSan: { signIn: { mobile: zhangSan.mobile } },
    },
  });

  const ui = () => apps.wang.ui();
  const words = () => apps.wang.strings.directory;
  const search = async (text: string) => {
    await ui().getByTestId('directory-search').fill(text);
    await ui().locator(`[data-testid="search-results"][data-query="${text}"]`).waitFor();
    return ui().getByTestId('search-result');
  };

  it('after sign-in the directory shows the demo company’s departments, nested, with counts', async () => {
    await apps.wang.openTab('directory');
    const departments = ui().getByTestId('directory-department');
    await ui().locator('[data-testid="directory-department"][data-name="销售部 Sales"]').waitFor();
    expect(await departments.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual([
      '技术支持 Support',
      '销售部 Sales',
      '行政 Admin',
      '研发部 R&D',
      words().everyone,
    ]);
    const rnd = ui().locator('[data-testid="directory-department"][data-name="研发部 R&D"]');
    expect(await rnd.locator('.dir-count').innerText()).toBe('5');
    await rnd.click();
    await ui().locator('[data-testid="directory-department"][data-name="后端 Backend"]').click();
    await ui().locator('[data-testid="directory-department"][data-name="数据库 Database"]').click();
    await ui().locator('[data-testid="directory-person"][data-extension="8023"]').waitFor();
    expect(await ui().locator('[data-testid="directory-person"][data-extension="8023"]').innerText()).toContain(
      'John Smith',
    );
    await apps.wang.screenshot('zh-CN-directory-tree');
  });

  it('finds a colleague by pinyin initials, extension and part of a mobile, the match marked', async () => {
    const byInitials = await search('zs');
    expect(await byInitials.first().getAttribute('data-extension')).toBe(zhangSan.extension);
    expect(await byInitials.first().locator('mark').innerText()).toBe('张三');
    await apps.wang.screenshot('zh-CN-directory-search-initials');

    const byExtension = await search(zhangSan.extension);
    expect(await byExtension.first().getAttribute('data-extension')).toBe(zhangSan.extension);
    expect(await byExtension.first().locator('mark').innerText()).toBe(zhangSan.extension);

    const byMobile = await search('35123456');
    expect(await byMobile.count()).toBe(1);
    expect(await byMobile.first().locator('mark').innerText()).toBe('35123456');
    expect(await byMobile.first().innerText()).toContain(zhangSan.mobile);
    await apps.wang.screenshot('zh-CN-directory-search-mobile');
  });

  it('the card (right-click) shows the colleague; its extension button calls and the colleague’s app rings; the transfer picker suggests colleagues', async () => {
    const hits = await search('zs');
    await hits.first().click({ button: 'right' });
    const card = ui().getByTestId('person-card');
    await card.waitFor();
    expect(await card.getByTestId('person-card-extension').innerText()).toBe(zhangSan.extension);
    expect(await card.getByTestId('person-card-mobile').innerText()).toBe(zhangSan.mobile);
    expect(await card.getByTestId('person-card-department').innerText()).toBe('销售部 Sales / 华东 East');
    expect(await card.getByTestId('person-card-email').innerText()).toBe(zhangSan.email!);
    await card.getByTestId('person-card-avatar').waitFor();
    await apps.wang.screenshot('zh-CN-directory-card');

    await card.getByTestId('person-card-extension-call').click();
    expect(await apps.zhangSan.waitForIncomingCall()).toContain('8001');
    await apps.zhangSan.answer();
    await apps.wang.waitForCallPhase('connected');

    // The transfer picker suggests colleagues from the directory.
    await ui().getByTestId('transfer-button').click();
    await ui().getByTestId('transfer-target').fill('lin');
    const suggestion = ui().locator('.picker-person').first();
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toContain('李娜 Li Na');
    await apps.wang.screenshot('zh-CN-directory-transfer-picker');
    await suggestion.click();
    expect(await ui().getByTestId('transfer-target').inputValue()).toBe('8002');
    await ui().getByTestId('transfer-picker').getByRole('button', { name: apps.wang.strings.transfer.cancel }).click();
    await apps.wang.hangup();
    await apps.zhangSan.waitForCallPhase(null);
  });

  it('Enter on the focused result calls it', async () => {
    await apps.wang.openTab('directory');
    await search('zs');
    // Enter in the box only moves to the best match (typing never calls); Enter there calls.
    await ui().getByTestId('directory-search').press('Enter');
    expect(await ui().evaluate(() => document.activeElement?.getAttribute('data-extension'))).toBe(zhangSan.extension);
    await ui().keyboard.press('Enter');
    expect(await apps.zhangSan.waitForIncomingCall()).toContain('8001');
    await apps.zhangSan.decline();
    await apps.wang.waitForCallPhase(null);
  });

  // The same switchboard serves SIP-account sign-ins: one more app, without a directory.
  it('after a SIP-account sign-in, says the directory comes with sign-in by mobile number', async () => {
    const sipOnly = await startApp({ signIn: { sipAccount: demoUsers[0]! } });
    await sipOnly.openTab('directory');
    expect(await sipOnly.ui().getByTestId('directory-unavailable').innerText()).toContain(
      sipOnly.strings.directory.needsNumberSignIn,
    );
    await sipOnly.screenshot('en-directory-needs-number-sign-in');
  });
});
