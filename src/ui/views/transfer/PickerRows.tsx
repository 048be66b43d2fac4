/**
 * The transfer picker's rows: a colleague with their working status, a group with how many of its agents are
 * free, a desk phone with whose it is. A click picks the row's number (it goes into the number field, so the
 * choice is visible and can still be edited); the picked row is marked.
 */
import { useTranslation } from 'react-i18next';
import type { DeskPhone, GroupPresence } from '../../../shared/presence.ts';
import { PresenceDot, statusText } from '../../components/PresenceDot.tsx';
import { useApi } from '../../state/api-context.ts';
import { usePersonPresence } from '../../state/presence-cache.ts';
import { groupFreeCount } from './picker-model.ts';

/** A person the picker can offer. */
export type PickablePerson = { name: string; number: string; detail?: string };

const picked = (selected: boolean) => (selected ? ' picker-row-selected' : '');

/** A colleague with their live status (an Offline one cannot take the transfer on the computer). */
export function PickerPerson(props: { person: PickablePerson; selected: boolean; onPick: () => void }) {
  const { t } = useTranslation();
  const { person } = props;
  const presence = usePersonPresence(useApi(), person.number);
  return (
    <button
      type="button"
      className={`picker-person${picked(props.selected)}`}
      data-testid="picker-person"
      data-number={person.number}
      aria-pressed={props.selected}
      onClick={props.onPick}
    >
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

/** A group number and how many of its agents are free right now (TCCC: seen before transferring). */
export function PickerGroup(props: { group: GroupPresence; selected: boolean; onPick: () => void }) {
  const { t } = useTranslation();
  const { group } = props;
  const { free, total } = groupFreeCount(group);
  return (
    <button
      type="button"
      // Not .picker-person: a group is not a colleague (and tests pick colleagues by that class).
      className={`picker-group${picked(props.selected)}`}
      data-testid="picker-group"
      data-number={group.number}
      aria-pressed={props.selected}
      onClick={props.onPick}
    >
      <span className="picker-person-name">
        <PresenceDot status={free > 0 ? 'available' : 'busy'} />
        {group.name}
      </span>
      <span className="picker-person-number">
        <span data-testid="group-available" data-available={free}>
          {t('agent.groupAvailable', { available: free, total })}
        </span>
        {' · '}
        {group.number}
      </span>
    </button>
  );
}

/** A desk phone (话机): whose it is, and the SIP user it is dialled at. */
export function PickerDeskPhone(props: { phone: DeskPhone; selected: boolean; onPick: () => void }) {
  const { t } = useTranslation();
  const { phone } = props;
  return (
    <button
      type="button"
      className={`picker-desk-phone${picked(props.selected)}`}
      data-testid="picker-desk-phone"
      data-number={phone.sipUser}
      aria-pressed={props.selected}
      onClick={props.onPick}
    >
      <span className="picker-person-name">{t('transfer.picker.deskOf', { name: phone.name })}</span>
      <span className="picker-person-number">
        {phone.extension}
        {' · '}
        {phone.sipUser}
      </span>
    </button>
  );
}
