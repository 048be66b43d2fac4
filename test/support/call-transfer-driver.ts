/**
 * The in-call transfer and two-call controls, clicked as a person would: the transfer
 * picker, Complete transfer / Cancel on a consultation, Switch in the strip of other calls.
 */
import type { AppDriver } from './app-driver.ts';
import { waitForValue } from './app-driver.ts';

/** Opens the transfer picker, types the number and picks "Transfer now" (blind) or "Talk first" (attended). */
export async function transferTo(app: AppDriver, target: string, how: 'blind' | 'consult'): Promise<void> {
  const page = app.ui();
  await page.getByTestId('transfer-button').click();
  await page.getByTestId('transfer-target').fill(target);
  await page.getByTestId(how === 'blind' ? 'transfer-blind' : 'transfer-consult').click();
  await page.getByTestId('transfer-picker').waitFor({ state: 'detached', timeout: 10_000 });
}

/** "trying", "done", "failed", or null when no transfer is shown. */
export async function transferStatus(app: AppDriver): Promise<string | null> {
  return app
    .ui()
    .evaluate(() => document.querySelector('[data-testid="transfer-status"]')?.getAttribute('data-status') ?? null);
}

export async function waitForTransferStatus(app: AppDriver, status: string | null, timeoutMs = 15_000) {
  await waitForValue(`transfer ${status}`, () => transferStatus(app), status, timeoutMs);
}

export async function completeTransfer(app: AppDriver): Promise<void> {
  const button = app.ui().getByTestId('complete-transfer');
  await waitForValue('Complete transfer enabled', () => button.isEnabled(), true, 15_000);
  await button.click();
}

export async function cancelConsultation(app: AppDriver): Promise<void> {
  await app.ui().getByTestId('cancel-consult').click();
}

/** The numbers in the strip of other calls, with their phase. */
export async function otherCalls(app: AppDriver): Promise<Array<{ number: string | null; phase: string | null }>> {
  return app
    .ui()
    .getByTestId('other-call')
    .evaluateAll((rows) =>
      rows.map((row) => ({ number: row.getAttribute('data-number'), phase: row.getAttribute('data-phase') })),
    );
}

/** Presses Switch on the other call with this number. */
export async function switchTo(app: AppDriver, number: string): Promise<void> {
  await app.ui().locator(`[data-testid="other-call"][data-number="${number}"] [data-testid="switch-call"]`).click();
}

/** The number or name the in-call screen shows in front. */
export async function shownParty(app: AppDriver): Promise<string> {
  return app.ui().locator('#incall-name').innerText();
}

/** Whether Transfer / Add call is enabled now (null when not shown). */
export async function transferControlEnabled(
  app: AppDriver,
  testId: 'transfer-button' | 'add-call-button',
): Promise<boolean | null> {
  return app.ui().evaluate((id) => {
    const button = document.querySelector(`[data-testid="${id}"]`);
    return button instanceof HTMLButtonElement ? !button.disabled : null;
  }, testId);
}
