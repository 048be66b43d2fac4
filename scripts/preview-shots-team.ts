/** The supervisor's Team tab preview shots (issue 19), at the wide desk window. */
import { openTab, type Shot } from './preview-shot-kit.ts';

const WIDE = { width: 1100, height: 700 };

export function teamShots(): Shot[] {
  const openTeam = openTab((w) => w.tabs.team);
  return [
    { name: 'team-view', scenario: 'team-small', viewport: WIDE, act: openTeam },
    { name: 'team-large', scenario: 'team-large', viewport: WIDE, act: openTeam },
    { name: 'team-narrow', scenario: 'team-small', act: openTeam },
    {
      name: 'team-actions',
      scenario: 'team-small',
      viewport: WIDE,
      act: async (page, lang) => {
        await openTeam(page, lang);
        await page.locator('[data-testid=team-row][data-extension="2003"] [data-testid=team-actions]').click();
        await page.getByTestId('team-set-break').click();
        await page.getByTestId('team-calls-button').click();
        await page.getByTestId('team-agent-call').first().waitFor();
      },
    },
    {
      name: 'team-offline-confirm',
      scenario: 'team-small',
      viewport: WIDE,
      act: async (page, lang) => {
        await openTeam(page, lang);
        await page.locator('[data-testid=team-row][data-extension="2003"] [data-testid=team-actions]').click();
        await page.getByTestId('team-set-offline').click();
      },
    },
  ];
}
