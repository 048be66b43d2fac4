/**
 * Call history end to end (issue 8): calls made through the real switchboard show up in
 * Alice's history under the right filters, search finds them, a number's history lists them,
 * calling back rings Bob, the missed-call badge clears when Alice looks, and the exported CSV
 * and XLSX files hold the rows shown (read back with exceljs). Alice's app is in English,
 * Bob's in Chinese.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoUsers } from '../../switchboard/index.ts';
import { useSignedInApps } from '../support/signed-in-apps.ts';

const [alice, bob] = demoUsers as [(typeof demoUsers)[0], (typeof demoUsers)[0]];

describe('call history', () => {
  const { apps } = useSignedInApps({
    apps: {
      alice: { signIn: { sipAccount: alice }, locale: 'en-US' },
      bob: { signIn: { sipAccount: bob }, locale: 'zh-CN' },
    },
  });

  const ui = () => apps.alice.ui();
  const words = () => apps.alice.strings.callLog;
  /** Rows shown now (after the list settles on `count` rows). */
  async function rows(count: number, testId = 'call-log-list') {
    const list = ui().getByTestId(testId).getByTestId('call-log-row');
    await expect.poll(() => list.count(), { timeout: 10_000 }).toBe(count);
    return list.evaluateAll((elements) =>
      elements.map((e) => ({
        number: e.getAttribute('data-number'),
        direction: e.getAttribute('data-direction'),
        outcome: e.getAttribute('data-outcome'),
      })),
    );
  }
  const filter = (name: 'all' | 'missed' | 'incoming' | 'outgoing') =>
    ui().getByRole('radio', { name: words().filter[name], exact: true }).click();

  it('logs calls made through the switchboard: answered, declined, missed, failed', async () => {
    // 1. Alice → Bob, answered, Alice hangs up.
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await apps.alice.hangup();
    await apps.alice.waitForCallPhase(null, 10_000);
    // 2. Alice → Bob, declined.
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.decline();
    await apps.alice.waitForCallPhase(null, 10_000);
    // 3. Bob → Alice, Bob gives up: missed for Alice.
    await apps.bob.dial(alice.user);
    await apps.alice.waitForIncomingCall();
    await apps.bob.waitForCallPhase('ringing');
    await apps.bob.hangup();
    await apps.alice.ui().getByTestId('incoming-call').waitFor({ state: 'hidden', timeout: 10_000 });
    await apps.bob.waitForCallPhase(null, 10_000);
    // 4. Alice → 1003, nobody signed in there: failed.
    await apps.alice.dial('1003');
    await apps.alice.waitForCallPhase(null, 15_000);

    // The missed call shows as a badge on the Calls tab while Alice is elsewhere.
    await expect.poll(() => ui().getByTestId('missed-badge').innerText(), { timeout: 10_000 }).toBe('1');
    await apps.alice.screenshot('history-missed-badge');
  });

  it('shows them newest first, grouped by day, and clears the badge once Alice looks', async () => {
    await apps.alice.openTab('calls');
    expect(await rows(4)).toEqual([
      { number: '1003', direction: 'outgoing', outcome: 'failed' },
      { number: '1002', direction: 'incoming', outcome: 'missed' },
      { number: '1002', direction: 'outgoing', outcome: 'busy' },
      { number: '1002', direction: 'outgoing', outcome: 'answered' },
    ]);
    expect(await ui().getByTestId('call-log-day').allInnerTexts()).toEqual([expect.stringMatching(/today/i)]);
    await ui().getByTestId('missed-badge').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await apps.alice.host.core.getCallHistoryInfo()).toMatchObject({ missedUnseen: 0 });
    await apps.alice.screenshot('history-list');
  });

  it('filters missed, incoming and outgoing calls', async () => {
    await filter('missed');
    expect(await rows(1)).toEqual([{ number: '1002', direction: 'incoming', outcome: 'missed' }]);
    await apps.alice.screenshot('history-filter-missed');
    await filter('incoming');
    expect((await rows(1)).map((r) => r.direction)).toEqual(['incoming']);
    await filter('outgoing');
    expect((await rows(3)).map((r) => r.outcome)).toEqual(['failed', 'busy', 'answered']);
    await filter('all');
    await rows(4);
  });

  it('searches by number and by name, within a filter too', async () => {
    const search = ui().getByTestId('call-log-search');
    await search.fill('1003');
    expect((await rows(1)).map((r) => r.number)).toEqual(['1003']);
    await search.fill('00');
    await rows(4);
    // Bob's display name came with his incoming call.
    await search.fill('müller');
    expect((await rows(1))[0]).toMatchObject({ number: '1002', direction: 'incoming' });
    await search.fill('1002');
    await filter('outgoing');
    expect((await rows(2)).map((r) => r.outcome)).toEqual(['busy', 'answered']);
    await apps.alice.screenshot('history-search-filtered');
    await search.fill('nobody-here');
    await ui().getByText(words().noMatches).waitFor();
    await search.fill('');
    await filter('all');
    await rows(4);
  });

  it("opens a number's history and calls back from it, and from a row with Enter", async () => {
    const missedRow = ui().getByTestId('call-log-row').nth(1);
    await missedRow.getByRole('button', { name: words().details.replace('{{name}}', 'Bob Müller') }).click();
    expect(await ui().getByTestId('detail-name').innerText()).toBe('Bob Müller');
    expect((await rows(3, 'detail-list')).map((r) => `${r.direction}:${r.outcome}`)).toEqual([
      'incoming:missed',
      'outgoing:busy',
      'outgoing:answered',
    ]);
    await apps.alice.screenshot('history-number-detail');

    await ui().getByRole('button', { name: words().call, exact: true }).click();
    expect(await apps.bob.waitForIncomingCall()).toContain('Alice');
    await apps.alice.waitForCallPhase('ringing');
    await apps.alice.hangup();
    await apps.alice.waitForCallPhase(null, 10_000);

    // The in-call screen replaced the tabs; back on Calls, the list shows the new call on top.
    await apps.alice.openTab('calls');
    await rows(5);
    const first1002 = ui().getByTestId('call-log-row').nth(0);
    expect(await first1002.getAttribute('data-number')).toBe('1002');
    await first1002.focus();
    await ui().keyboard.press('Enter');
    expect(await apps.bob.waitForIncomingCall()).toContain('Alice');
    await apps.alice.waitForCallPhase('ringing');
    await apps.alice.hangup();
    await apps.alice.waitForCallPhase(null, 10_000);

    // "Edit number" in a number's history puts it into the dial pad.
    await apps.alice.openTab('calls');
    await ui()
      .getByTestId('call-log-row')
      .nth(0)
      .getByRole('button', { name: /Bob|1002/ })
      .nth(1)
      .click();
    await expect.poll(() => ui().getByTestId('detail-name').innerText()).toBe('Bob Müller');
    await ui().getByRole('button', { name: words().edit, exact: true }).click();
    expect(await ui().getByTestId('dial-input').inputValue()).toBe('1002');
  });

  it('exports the shown list to CSV and XLSX that hold its rows', async () => {
    await apps.alice.openTab('calls');
    await rows(6);
    await filter('outgoing');
    await rows(5);
    await ui().getByTestId('call-log-export').click();
    const dialog = ui().getByTestId('export-dialog');
    await dialog.getByRole('radio', { name: words().exportDialog.csv }).click();
    await apps.alice.screenshot('history-export-dialog');
    await dialog.getByRole('button', { name: words().exportDialog.submit }).click();
    const saved = await dialog.getByTestId('export-saved').innerText();
    const csvPath = /(\/\S+\.csv)/.exec(saved)![1]!;
    expect(csvPath.startsWith(apps.alice.dataDir)).toBe(true);
    await apps.alice.screenshot('history-export-saved');
    const csv = readFileSync(csvPath, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csv[0]).toBe(
      'Time,Direction,Number,Name,Outcome,Duration (s),Duration (h:mm:ss),Answered at,Ended at,End reason',
    );
    expect(csv.slice(1).map((line) => line.split(',').slice(1, 3).join(','))).toEqual([
      'Outgoing,1002',
      'Outgoing,1002',
      'Outgoing,1003',
      'Outgoing,1002',
      'Outgoing,1002',
    ]);
    console.log(JSON.stringify(csv, null, 1));
    const answered = csv.find((line) => line.includes(',Answered,'))!.split(',');
    expect(Number(answered[5])).toBeGreaterThanOrEqual(0);
    expect(answered[6]).toMatch(/^0:00:\d\d$/);
    await dialog.getByRole('button', { name: words().exportDialog.close }).click();

    await filter('all');
    await ui().getByTestId('call-log-export').click();
    await dialog.getByRole('button', { name: words().exportDialog.submit }).click(); // Excel is the default
    const xlsxPath = /(\/\S+\.xlsx)/.exec(await dialog.getByTestId('export-saved').innerText())![1]!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    const sheet = workbook.getWorksheet('Calls')!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(1).getCell(3).value).toBe('Number');
    const outcomes = Array.from({ length: 6 }, (_, i) => sheet.getRow(i + 2).getCell(5).value);
    console.log(
      JSON.stringify(
        Array.from({ length: 7 }, (_, i) => (sheet.getRow(i + 1).values as unknown[]).slice(1)),
        null,
        1,
      ),
    );
    expect(outcomes).toContain('Missed');
    expect(outcomes).toContain('Answered');
    await dialog.getByRole('button', { name: words().exportDialog.close }).click();
  });

  it('deletes one call, then clears the history after confirmation', async () => {
    await ui()
      .getByTestId('call-log-row')
      .nth(3)
      .getByRole('button', { name: /Bob|1002/ })
      .nth(1)
      .click();
    const detailRows = ui().getByTestId('detail-list').getByTestId('call-log-row');
    await expect.poll(() => detailRows.count()).toBe(5);
    await detailRows.first().getByTestId('call-log-delete').click();
    await expect.poll(() => detailRows.count()).toBe(4);
    await ui().getByRole('button', { name: words().back }).click();
    await rows(5);

    await ui().getByRole('button', { name: words().clear, exact: true }).click();
    const confirm = ui().getByTestId('clear-dialog');
    await apps.alice.screenshot('history-clear-confirm');
    await confirm.getByRole('button', { name: words().cancel }).click();
    await rows(5);
    await ui().getByRole('button', { name: words().clear, exact: true }).click();
    await confirm.getByRole('button', { name: words().clearConfirm }).click();
    await ui().getByText(words().empty).waitFor();
  });

  it('keeps the retention setting chosen in Settings', async () => {
    await apps.alice.openTab('settings');
    await ui().getByRole('radio', { name: apps.alice.strings.settings.retention90d }).click();
    await expect.poll(() => apps.alice.host.core.getCallHistoryInfo().retention).toBe('90d');
    await ui().getByText(apps.alice.strings.settings.retentionHint).waitFor();
    await apps.alice.screenshot('history-retention-setting');
  });
});
