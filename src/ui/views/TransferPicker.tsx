/**
 * Who to hand the call to, or who to call next: a typed extension, group or outside number,
 * and (once the directory exists, issue 4) people found by `searchPeople`. Transfer mode offers
 * "Transfer now" (blind) and "Talk first" (attended); add-call mode offers "Call".
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialTargetSchema } from '../../shared/domain.ts';
import { Modal } from '../components/Modal.tsx';
import { TextField } from '../components/TextField.tsx';
import { PresenceDot, statusText } from '../components/PresenceDot.tsx';
import { useApi } from '../state/api-context.ts';
import { usePersonPresence, usePresenceGroups } from '../state/presence-cache.ts';
import type { GroupPresence } from '../../shared/presence.ts';

/** A person the picker can suggest; the directory (issue 4) will provide these. */
export type PickablePerson = { name: string; number: string; detail?: string };
export type SearchPeople = (query: string) => Promise<PickablePerson[]>;

export type PickerChoice = { target: string; how: 'blind' | 'consult' | 'call' };

const SEARCH_DELAY_MS = 150;

export function TransferPicker(props: {
  mode: 'transfer' | 'add';
  /** Who is being transferred (or waits on hold while we add a call). */
  partyName: string;
  searchPeople?: SearchPeople | undefined;
  busy: boolean;
  error: string | null;
  onChoose: (choice: PickerChoice) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const [people, setPeople] = useState<PickablePerson[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const parsed = DialTargetSchema.safeParse(value);
  const invalid = touched && value.trim() !== '' && !parsed.success;

  useEffect(() => input.current?.focus(), []);

  // The directory seam: suggestions for what is typed, when a search is given.
  const search = props.searchPeople;
  useEffect(() => {
    if (!search || value.trim() === '') {
      setPeople([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void search(value.trim()).then((found) => current && setPeople(found.slice(0, 6)));
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, value]);

  const choose = (how: PickerChoice['how'], target = value) => {
    setTouched(true);
    const checked = DialTargetSchema.safeParse(target);
    if (checked.success) props.onChoose({ target: checked.data, how });
  };
  const primary: PickerChoice['how'] = props.mode === 'transfer' ? 'blind' : 'call';
  // Groups (hotlines) with how many can take the call now; filtered by what is typed.
  const allGroups = usePresenceGroups(useApi());
  const query = value.trim().toLowerCase();
  const groups = allGroups.filter(
    (group) => !query || group.number.includes(query) || group.name.toLowerCase().includes(query),
  );

  return (
    <Modal labelId={titleId} onClose={props.onClose} testId="transfer-picker">
      <h2 className="modal-title" id={titleId}>
        {props.mode === 'transfer' ? t('transfer.title', { name: props.partyName }) : t('transfer.addTitle')}
      </h2>
      {props.mode === 'add' && <p className="picker-hint">{t('transfer.addHint', { name: props.partyName })}</p>}
      <form
        className="picker-form"
        onSubmit={(event) => {
          event.preventDefault();
          choose(primary);
        }}
      >
        <TextField
          label={t('transfer.target')}
          value={value}
          onValue={setValue}
          inputRef={input}
          inputMode="tel"
          autoComplete="off"
          data-testid="transfer-target"
          hint={t('transfer.targetHint')}
          error={invalid ? t('dial.errors.invalid') : undefined}
        />
        {groups.length > 0 && (
          <ul className="picker-people picker-groups" data-testid="picker-groups" aria-label={t('agent.groups')}>
            {groups.slice(0, 3).map((group) => (
              <li key={group.number}>
                <PickerGroup group={group} onPick={() => setValue(group.number)} />
              </li>
            ))}
          </ul>
        )}
        {people.length > 0 && (
          <ul className="picker-people" aria-label={t('transfer.people')}>
            {people.map((person) => (
              <li key={`${person.number}-${person.name}`}>
                <PickerPerson person={person} onPick={() => setValue(person.number)} />
              </li>
            ))}
          </ul>
        )}
        {props.error && (
          <div className="notice notice-error" role="alert">
            {props.error}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" className="btn btn-secondary" onClick={props.onClose}>
            {t('transfer.cancel')}
          </button>
          {props.mode === 'transfer' && (
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="transfer-consult"
              disabled={props.busy || !parsed.success}
              onClick={() => choose('consult')}
            >
              {t('transfer.consult')}
            </button>
          )}
          <button
            type="submit"
            className="btn btn-primary"
            data-testid={props.mode === 'transfer' ? 'transfer-blind' : 'add-call-dial'}
            disabled={props.busy || !parsed.success}
          >
            {props.mode === 'transfer' ? t('transfer.blind') : t('transfer.call')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A suggested colleague with their live status (an Offline one cannot take the transfer on the computer). */
function PickerPerson({ person, onPick }: { person: PickablePerson; onPick: () => void }) {
  const { t } = useTranslation();
  const presence = usePersonPresence(useApi(), person.number);
  return (
    <button type="button" className="picker-person" data-testid="picker-person" onClick={onPick}>
      <span className="picker-person-name">
        {presence && <PresenceDot status={presence.status} />}
        {person.name}
      </span>
      <span className="picker-person-number">
        {presence && (
          <span className="picker-person-status" data-testid="presence-text" data-status={presence.status}>
            {statusText(t, presence.status, presence.reason)}
            {' · '}
          </span>
        )}
        {person.detail ?? person.number}
      </span>
    </button>
  );
}

/** A group number and how many of its members are available right now. */
function PickerGroup({ group, onPick }: { group: GroupPresence; onPick: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      // Not .picker-person: a group is not a colleague (and tests pick colleagues by that class).
      className="picker-group"
      data-testid="picker-group"
      data-number={group.number}
      onClick={onPick}
    >
      <span className="picker-person-name">
        <PresenceDot status={group.available > 0 ? 'available' : 'busy'} />
        {group.name}
      </span>
      <span className="picker-person-number">
        <span data-testid="group-available" data-available={group.available}>
          {t('agent.groupAvailable', { available: group.available, total: group.members.length })}
        </span>
        {' · '}
        {group.number}
      </span>
    </button>
  );
}
