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
/** How long the answered call lasts: its talk time is what the export must show. */
const TALK_MS = 3000;

/** An exported file's rows as header → cell, read back the way a spreadsheet would. */
const byHeader = (header: readonly unknown[], cells: readonly unknown[]) =>
  Object.fromEntries(header.map((name, i) => [String(name), cells[i] ?? ''])) as Record<string, unknown>;
/** Seconds between two exported local times ("2026-11-23 14:05:09"). */
const secondsBetween = (from: unknown, to: unknown) =>
  (Date.parse(String(to).replace(' ', 'T')) - Date.parse(String(from).replace(' ', 'T'))) / 1000;

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
    // 1. Alice → Bob, answered, they talk for a few seconds, Alice hangs up.
    await apps.alice.dial(bob.user);
    await apps.bob.waitForIncomingCall();
    await apps.bob.answer();
    await apps.alice.waitForCallPhase('connected');
    await new Promise((resolve) => setTimeout(resolve, TALK_MS));
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
    expect(await apps.alice.host.core.history.info()).toMatchObject({ missedUnseen: 0 });
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
    const [header, ...lines] = readFileSync(csvPath, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(header!.join(',')).toBe(
      'Time,Direction,Number,Name,Outcome,Duration (s),Duration (h:mm:ss),Answered at,Ended at,End reason,Wrap-up,Wrap-up code,Wrap-up note',
    );
    const exported = lines.map((cells) => byHeader(header!, cells));
    // The shown list (outgoing only), newest first: two call-backs Alice gave up, the failed call to
    // 1003, the declined call, and the answered one.
    expect(
      exported.map((row) => [row['Direction'], row['Number'], row['Name'], row['Outcome'], row['End reason']]),
    ).toEqual([
      ['Outgoing', '1002', '', 'Cancelled', 'Canceled'],
      ['Outgoing', '1002', '', 'Cancelled', 'Canceled'],
      ['Outgoing', '1003', '', 'Failed', 'Not Found'],
      ['Outgoing', '1002', '', 'Busy', 'Busy'],
      ['Outgoing', '1002', '', 'Answered', 'Terminated'],
    ]);
    const times = exported.map((row) => String(row['Time']));
    for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect([...times].sort().reverse()).toEqual(times);
    // Calls nobody answered: no answer time and no talk time, but when they ended.
    for (const row of exported.slice(0, 4)) {
      expect([row['Answered at'], row['Duration (s)'], row['Duration (h:mm:ss)']]).toEqual(['', '0', '0:00:00']);
      expect(secondsBetween(row['Time'], row['Ended at'])).toBeGreaterThanOrEqual(0);
    }
    // The answered call: its talk time, in seconds and as h:mm:ss, runs from the answer to the hang-up.
    const answered = exported[4]!;
    const talked = Number(answered['Duration (s)']);
    expect(talked).toBeGreaterThanOrEqual(TALK_MS / 1000);
    expect(talked).toBeLessThan(TALK_MS / 1000 + 5);
    expect(Math.abs(talked - secondsBetween(answered['Answered at'], answered['Ended at']))).toBeLessThanOrEqual(1);
    expect(answered['Duration (h:mm:ss)']).toBe(`0:00:${String(talked).padStart(2, '0')}`);
    expect(secondsBetween(answered['Time'], answered['Answered at'])).toBeGreaterThanOrEqual(0);
    await dialog.getByRole('button', { name: words().exportDialog.close }).click();

    await filter('all');
    await ui().getByTestId('call-log-export').click();
    await dialog.getByRole('button', { name: words().exportDialog.submit }).click(); // Excel is the default
    const xlsxPath = /(\/\S+\.xlsx)/.exec(await dialog.getByTestId('export-saved').innerText())![1]!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxPath);
    const sheet = workbook.getWorksheet('Calls')!;
    expect(sheet.rowCount).toBe(7);
    const cells = (row: number) => (sheet.getRow(row).values as unknown[]).slice(1);
    const sheetRows = [2, 3, 4, 5, 6, 7].map((row) => byHeader(cells(1), cells(row)));
    // Every call this time, the missed one from Bob among them, with his name.
    expect(sheetRows.map((row) => [row['Direction'], row['Number'], row['Name'], row['Outcome']])).toEqual([
      ['Outgoing', '1002', '', 'Cancelled'],
      ['Outgoing', '1002', '', 'Cancelled'],
      ['Outgoing', '1003', '', 'Failed'],
      ['Incoming', '1002', 'Bob Müller', 'Missed'],
      ['Outgoing', '1002', '', 'Busy'],
      ['Outgoing', '1002', '', 'Answered'],
    ]);
    // The same call as in the CSV: a number of seconds a spreadsheet can add up, and the same times.
    expect(sheetRows[5]).toMatchObject({
      'Duration (s)': talked,
      'Answered at': answered['Answered at'],
      'Ended at': answered['Ended at'],
    });
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
    await expect.poll(() => apps.alice.host.core.history.info().retention).toBe('90d');
    await ui().getByText(apps.alice.strings.settings.retentionHint).waitFor();
    await apps.alice.screenshot('history-retention-setting');
  });
});
