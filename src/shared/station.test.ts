import { describe, expect, it } from 'vitest';
import type { ContactCenterAccount, StationChoice } from './password-sign-in.ts';
import { checkStation, filterTeams, preselect, showsRole, showsTeam } from './station.ts';

const both: ContactCenterAccount = { email: 'anna@example.com', role: 'both', teams: ['Support', 'Sales', '售后服务'] };
const agent: ContactCenterAccount = { email: 'li@example.com', role: 'agent', teams: ['Support'] };
const choice = (extra: Partial<StationChoice> = {}): StationChoice => ({
  role: 'agent',
  team: null,
  ringTarget: 'computer',
  ringNumber: null,
  ...extra,
});

describe('station step', () => {
  it('asks for a role only when the account may be both, and for a team only as supervisor and agent', () => {
    expect(showsRole(both)).toBe(true);
    expect(showsRole(agent)).toBe(false);
    expect(showsTeam(both, 'both')).toBe(true);
    expect(showsTeam(both, 'supervisor')).toBe(false);
    expect(showsTeam(agent, 'agent')).toBe(false);
    expect(showsTeam({ ...both, teams: [] }, 'both')).toBe(false);
  });

  it('filters the team list by what is typed, in any case and script', () => {
    expect(filterTeams(both.teams, 'sup')).toEqual(['Support']);
    expect(filterTeams(both.teams, '售后')).toEqual(['售后服务']);
    expect(filterTeams(both.teams, '  ')).toEqual(both.teams);
    expect(filterTeams(both.teams, 'x')).toEqual([]);
  });

  it('preselects the remembered role and team, and where the service says calls ring', () => {
    const service = { ringTarget: 'desk', deskPhone: true, ringNumber: '+46701234567' };
    expect(preselect(both, { role: 'both', team: 'Sales' }, service)).toEqual({
      role: 'both',
      team: 'Sales',
      ringTarget: 'desk',
      ringNumber: '+46701234567',
    });
    // A team that is gone is not preselected; a desk phone taken away leaves the computer; mobile mode is not offered.
    expect(preselect(both, { role: 'both', team: 'Old' }, { ...service, deskPhone: false })).toMatchObject({
      team: null,
      ringTarget: 'computer',
    });
    expect(preselect(agent, { role: 'both', team: 'Support' }, { ...service, ringTarget: 'mobile' })).toEqual({
      role: 'agent',
      team: null,
      ringTarget: 'computer',
      ringNumber: '+46701234567',
    });
  });

  it('refuses what the account cannot choose and checks the typed number, giving it back as E.164', () => {
    expect(checkStation(agent, false, choice({ role: 'supervisor' }))).toEqual({ ok: false, problem: 'role' });
    expect(checkStation(both, false, choice({ role: 'both' }))).toEqual({ ok: false, problem: 'team' });
    expect(checkStation(both, false, choice({ role: 'both', team: 'Nope' }))).toEqual({ ok: false, problem: 'team' });
    expect(checkStation(agent, false, choice({ ringTarget: 'desk' }))).toEqual({ ok: false, problem: 'desk' });
    expect(checkStation(agent, true, choice({ ringTarget: 'number' }))).toEqual({
      ok: false,
      problem: 'number-required',
    });
    expect(checkStation(agent, true, choice({ ringTarget: 'number', ringNumber: '12345' }))).toEqual({
      ok: false,
      problem: 'number-invalid',
    });
    expect(checkStation(agent, true, choice({ ringTarget: 'number', ringNumber: '+46 70 123 45 67' }))).toEqual({
      ok: true,
      choice: choice({ ringTarget: 'number', ringNumber: '+46701234567' }),
    });
    // A supervisor-only choice needs no team, even with teams to pick from.
    expect(checkStation(both, false, choice({ role: 'supervisor', team: 'Sales' }))).toEqual({
      ok: true,
      choice: choice({ role: 'supervisor' }),
    });
  });
});
