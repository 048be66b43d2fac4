/**
 * Contact-center accounts in e2e tests: the administrator makes one with the admin CLI (the first
 * password arrives in the switchboard's SMTP catcher), and an app signs in by e-mail like a person.
 */
import { runAdmin } from '../../switchboard/provisioning/admin-commands.ts';
import type { RunningSwitchboard } from '../../switchboard/index.ts';
import type { AppDriver } from './app-driver.ts';

/** The next mail to `to` received at or after `since` (ms), from the switchboard's SMTP catcher. */
export async function mailTo(switchboard: RunningSwitchboard, to: string, since: number) {
  const catcher = switchboard.mailCatcher?.catcher;
  if (!catcher) throw new Error('This switchboard runs no SMTP catcher: start it with provisioning');
  return catcher.waitFor((mail) => mail.to.includes(to) && mail.receivedAt >= since);
}

/** `add-account` with the admin CLI, as an administrator types it; answers the first password from the mail. */
export async function addAccount(
  switchboard: RunningSwitchboard,
  account: { extension: string; email: string; role: 'agent' | 'supervisor' | 'both'; teams?: string[] },
): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
  const admin = (...args: string[]) => runAdmin(['--run-dir', switchboard.runDir, ...args], io);
  if ((await admin('list-companies')) !== 0) throw new Error(`list-companies failed: ${err.join('\n')}`);
  const companyId = out[0]!.split('\t')[0]!;
  const since = Date.now();
  const teams = account.teams?.length ? ['--teams', account.teams.join(',')] : [];
  const code = await admin(
    'add-account',
    companyId,
    account.extension,
    account.email,
    '--role',
    account.role,
    ...teams,
    '--language',
    'en',
  );
  if (code !== 0) throw new Error(`add-account failed: ${err.join('\n')}`);
  const mail = await mailTo(switchboard, account.email, since);
  const password = /Your password: (\S+)/.exec(mail.text)?.[1];
  if (!password) throw new Error(`No password in the mail: ${mail.subject}`);
  return password;
}

/** From any sign-in screen: the e-mail step, then the password step, "Remember me" as asked, Sign in. */
export async function signInByEmail(
  app: AppDriver,
  email: string,
  password: string,
  options: { remember?: boolean } = {},
): Promise<void> {
  const ui = app.ui();
  await ui.locator('[data-testid="password-signin"], [data-testid="use-email"]').first().waitFor();
  if ((await ui.getByTestId('password-signin').count()) === 0) await ui.getByTestId('use-email').click();
  if ((await ui.getByTestId('email-input').count()) === 0) await ui.getByTestId('change-email').click();
  await ui.getByTestId('email-input').fill(email);
  await ui.getByTestId('email-next').click();
  await ui.getByTestId('password-input').fill(password);
  await ui.getByTestId('remember-me').setChecked(options.remember ?? false);
  await ui.getByTestId('password-sign-in').click();
}

/**
 * The station step after the password: picks the team (by typing in its search) when one is asked for
 * and where calls ring, then Submit. Without a choice, what the step preselected is sent.
 */
export async function submitStation(
  app: AppDriver,
  choice: { team?: string; ring?: 'computer' | 'desk' | 'number'; number?: string } = {},
): Promise<void> {
  const ui = app.ui();
  await ui.getByTestId('station-step').waitFor();
  if (choice.team) {
    await ui.getByTestId('station-team-search').fill(choice.team.slice(0, 4));
    await ui.getByTestId(`station-team-${choice.team}`).check();
  }
  if (choice.ring) await ui.getByTestId(`station-ring-${choice.ring}`).check();
  if (choice.number !== undefined) await ui.getByTestId('station-number').fill(choice.number);
  await ui.getByTestId('station-submit').click();
}
