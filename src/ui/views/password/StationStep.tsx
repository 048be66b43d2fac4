/**
 * The station step of an e-mail sign-in (issue 18, after the Webex Supervisor Desktop's "Station
 * details"): the role when the account may be both, the team (a searchable list) when signing in as
 * supervisor and agent, and where calls ring — this computer, the extension's desk phone, or a number
 * typed here. Starts with what main preselected (the last choice); main checks everything again.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountRole, StationChoice, StationOptions, StationRing } from '../../../shared/password-sign-in.ts';
import { checkStation, filterTeams, showsRole, showsTeam, type StationProblem } from '../../../shared/station.ts';
import { TextField } from '../../components/TextField.tsx';

type Props = {
  options: StationOptions;
  busy: boolean;
  /** The submit button (the parent's, with its spinner) and the connecting line. */
  actions: ReactNode;
  onSubmit: (choice: StationChoice) => void;
};

const ROLES: readonly AccountRole[] = ['agent', 'supervisor', 'both'];
const RINGS: readonly StationRing[] = ['computer', 'desk', 'number'];
const ringLabel = {
  computer: 'passwordSignIn.station.ringComputer',
  desk: 'passwordSignIn.station.ringDesk',
  number: 'passwordSignIn.station.ringNumber',
} as const;

export function StationStep({ options, busy, actions, onSubmit }: Props) {
  const { t } = useTranslation();
  const { account, deskPhone } = options;
  const [role, setRole] = useState<AccountRole>(options.chosen.role);
  const [team, setTeam] = useState<string | null>(options.chosen.team);
  const [search, setSearch] = useState('');
  const [ring, setRing] = useState<StationRing>(options.chosen.ringTarget);
  const [number, setNumber] = useState(options.chosen.ringNumber ?? '');
  const [problem, setProblem] = useState<StationProblem | null>(null);
  const teams = filterTeams(account.teams, search);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const choice: StationChoice = { role, team, ringTarget: ring, ringNumber: ring === 'number' ? number : null };
    const checked = checkStation(account, deskPhone, choice);
    if (!checked.ok) {
      setProblem(checked.problem);
      return;
    }
    onSubmit(checked.choice);
  };

  return (
    <form className="signin-form station-form" noValidate onSubmit={submit} data-testid="station-step">
      {showsRole(account) && (
        <label className="field">
          <span className="field-label">{t('passwordSignIn.station.role')}</span>
          <select
            className="field-input"
            data-testid="station-role"
            value={role}
            onChange={(e) => {
              setRole(ROLES.find((r) => r === e.target.value) ?? account.role);
              setProblem(null);
            }}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`passwordSignIn.station.roles.${value}`)}
              </option>
            ))}
          </select>
        </label>
      )}

      {showsTeam(account, role) && (
        <fieldset className="field station-group" data-testid="station-team">
          <legend className="field-label">{t('passwordSignIn.station.team')}</legend>
          <TextField
            label={t('passwordSignIn.station.teamSearch')}
            value={search}
            onValue={setSearch}
            data-testid="station-team-search"
            type="search"
            maxLength={100}
            spellCheck={false}
          />
          <div className="station-team-list">
            {teams.map((name) => (
              <label key={name} className="checkbox-line station-option">
                <input
                  type="radio"
                  name="station-team"
                  value={name}
                  checked={team === name}
                  data-testid={`station-team-${name}`}
                  onChange={() => {
                    setTeam(name);
                    setProblem(null);
                  }}
                />
                <span>{name}</span>
              </label>
            ))}
            {teams.length === 0 && (
              <p className="muted field-hint" role="status">
                {t('passwordSignIn.station.noTeams', { search: search.trim() })}
              </p>
            )}
          </div>
          {problem === 'team' && (
            <div className="field-error" role="alert">
              {t('passwordSignIn.station.errors.team')}
            </div>
          )}
        </fieldset>
      )}

      <fieldset className="field station-group" data-testid="station-ring">
        <legend className="field-label">{t('passwordSignIn.station.ring')}</legend>
        {RINGS.map((value) => (
          <label key={value} className="checkbox-line station-option">
            <input
              type="radio"
              name="station-ring"
              value={value}
              checked={ring === value}
              disabled={value === 'desk' && !deskPhone}
              data-testid={`station-ring-${value}`}
              onChange={() => {
                setRing(value);
                setProblem(null);
              }}
            />
            <span>{t(ringLabel[value])}</span>
          </label>
        ))}
        {!deskPhone && <p className="muted field-hint">{t('passwordSignIn.station.noDesk')}</p>}
        {ring === 'number' && (
          <TextField
            label={t('passwordSignIn.station.number')}
            hint={t('passwordSignIn.station.numberHint')}
            error={
              problem === 'number-required' || problem === 'number-invalid'
                ? t(`passwordSignIn.station.errors.${problem}`)
                : undefined
            }
            value={number}
            onValue={(value) => {
              setNumber(value);
              setProblem(null);
            }}
            data-testid="station-number"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={40}
            autoFocus
          />
        )}
      </fieldset>
      {actions}
    </form>
  );
}
