/**
 * Who to hand the call to, or who to call next, as TCCC's transfer (内部转接: 技能组 with how many agents are free,
 * 座席 with their working status, 话机; 外线转接 with a number field) and the Wo Cloud client's department tree.
 * Every list tab shares one field: type a name to search or any number to dial, or pick a row (its number goes into
 * the field). Transfer mode offers "Transfer now" (blind) and "Talk first" (attended); add-call mode offers "Call".
 * The picker only chooses the target: the transfers themselves are the call screen's (main and the engine).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DialTargetSchema } from '../../shared/domain.ts';
import { CloseIcon } from '../components/icons.tsx';
import { Modal } from '../components/Modal.tsx';
import { TextField } from '../components/TextField.tsx';
import { useApi } from '../state/api-context.ts';
import { usePresenceGroups } from '../state/presence-cache.ts';
import { DepartmentBrowser } from './transfer/DepartmentBrowser.tsx';
import { filterDeskPhones, filterGroups, outsideNumber, PICKER_TABS, type PickerTab } from './transfer/picker-model.ts';
import { PickerDeskPhone, PickerGroup, PickerPerson } from './transfer/PickerRows.tsx';
import { useDeskPhones, usePickerPeople, type SearchPeople } from './transfer/use-picker-data.ts';
import './transfer/transfer-picker.css';

export type { PickablePerson } from './transfer/PickerRows.tsx';
export type { SearchPeople } from './transfer/use-picker-data.ts';

export type PickerChoice = { target: string; how: 'blind' | 'consult' | 'call' };

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
  const api = useApi();
  const titleId = useId();
  const [tab, setTab] = useState<PickerTab>('agents');
  const [value, setValue] = useState('');
  const [outside, setOutside] = useState('');
  const [touched, setTouched] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const outsideInput = useRef<HTMLInputElement>(null);
  const onOutside = tab === 'outside';

  useEffect(() => (onOutside ? outsideInput : input).current?.focus(), [onOutside]);

  const groups = filterGroups(usePresenceGroups(api), value);
  const deskPhones = filterDeskPhones(useDeskPhones(api), value);
  const people = usePickerPeople(api, props.searchPeople, tab === 'agents' ? value : '');

  const parsed = DialTargetSchema.safeParse(value);
  const outsideTarget = outsideNumber(outside);
  const target = onOutside ? outsideTarget : parsed.success ? parsed.data : null;
  const invalid = touched && (onOutside ? outside.trim() !== '' : value.trim() !== '') && target === null;

  const choose = (how: PickerChoice['how']) => {
    setTouched(true);
    if (target !== null) props.onChoose({ target, how });
  };
  const primary: PickerChoice['how'] = props.mode === 'transfer' ? 'blind' : 'call';
  const pick = (number: string) => setValue(number);
  const openTab = (name: PickerTab) => {
    // A number typed in the list tabs carries over to the outside line's field.
    if (name === 'outside' && outside === '' && outsideNumber(value)) setOutside(value);
    setTab(name);
  };

  return (
    <Modal labelId={titleId} onClose={props.onClose} testId="transfer-picker">
      {/* Cancel is the × beside the title: a third button would take a row the list needs (150 % text, 380×640). */}
      <div className="picker-head">
        <h2 className="modal-title" id={titleId}>
          {props.mode === 'transfer' ? t('transfer.title', { name: props.partyName }) : t('transfer.addTitle')}
        </h2>
        <button
          type="button"
          className="picker-close"
          data-testid="transfer-cancel"
          aria-label={t('transfer.cancel')}
          title={t('transfer.cancel')}
          onClick={props.onClose}
        >
          <CloseIcon size={18} />
        </button>
      </div>
      {props.mode === 'add' && <p className="picker-hint">{t('transfer.addHint', { name: props.partyName })}</p>}
      <div className="picker-tabs" role="tablist" aria-label={t('transfer.picker.tabsLabel')}>
        {PICKER_TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className="picker-tab"
            data-testid={`transfer-tab-${name}`}
            aria-selected={tab === name}
            // One Tab stop for the row; arrows move between tabs (WAI-ARIA tabs).
            tabIndex={tab === name ? 0 : -1}
            onKeyDown={(event) => {
              const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
              if (!step) return;
              event.preventDefault();
              const next = PICKER_TABS[(PICKER_TABS.indexOf(name) + step + PICKER_TABS.length) % PICKER_TABS.length]!;
              openTab(next);
              (event.currentTarget.parentElement?.querySelector(`[data-tab="${next}"]`) as HTMLElement | null)?.focus();
            }}
            data-tab={name}
            onClick={() => openTab(name)}
          >
            {t(`transfer.picker.tabs.${name}`)}
          </button>
        ))}
      </div>
      <form
        className="picker-form"
        onSubmit={(event) => {
          event.preventDefault();
          choose(primary);
        }}
      >
        {onOutside ? (
          <TextField
            label={t('transfer.picker.outsideNumber')}
            value={outside}
            onValue={setOutside}
            inputRef={outsideInput}
            inputMode="tel"
            autoComplete="off"
            data-testid="transfer-outside-number"
            // "Start transfer" stays disabled until the number is one: leaving the field says why.
            onBlur={() => setTouched(true)}
            hint={t('transfer.picker.outsideHint')}
            error={invalid ? t('transfer.picker.outsideInvalid') : undefined}
          />
        ) : (
          <TextField
            label={t('transfer.target')}
            value={value}
            onValue={setValue}
            inputRef={input}
            autoComplete="off"
            data-testid="transfer-target"
            // The tabs below say what can be picked; the hint's room goes to the list (150 % text, 380×640).
            placeholder={t('transfer.targetHint')}
            error={invalid ? t('dial.errors.invalid') : undefined}
          />
        )}
        <div className="picker-panel" role="tabpanel" data-testid={`transfer-panel-${tab}`}>
          {tab === 'groups' && (
            <ul className="picker-people picker-list" data-testid="picker-groups" aria-label={t('agent.groups')}>
              {groups.map((group) => (
                <li key={group.number}>
                  <PickerGroup group={group} selected={value === group.number} onPick={() => pick(group.number)} />
                </li>
              ))}
              {groups.length === 0 && <li className="picker-empty">{t('transfer.picker.noGroups')}</li>}
            </ul>
          )}
          {tab === 'agents' && (
            <ul className="picker-people picker-list" aria-label={t('transfer.people')}>
              {people.map((person) => (
                <li key={`${person.number}-${person.name}`}>
                  <PickerPerson person={person} selected={value === person.number} onPick={() => pick(person.number)} />
                </li>
              ))}
              {people.length === 0 && <li className="picker-empty">{t('directory.noMatches')}</li>}
            </ul>
          )}
          {tab === 'desk' && (
            <ul className="picker-people picker-list" aria-label={t('transfer.picker.tabs.desk')}>
              {deskPhones.map((phone) => (
                <li key={phone.sipUser}>
                  <PickerDeskPhone
                    phone={phone}
                    selected={value === phone.sipUser}
                    onPick={() => pick(phone.sipUser)}
                  />
                </li>
              ))}
              {deskPhones.length === 0 && <li className="picker-empty">{t('transfer.picker.noDeskPhones')}</li>}
            </ul>
          )}
          {tab === 'departments' && <DepartmentBrowser selected={value} onPick={pick} />}
        </div>
        {props.error && (
          <div className="notice notice-error" role="alert">
            {props.error}
          </div>
        )}
        <div className="modal-actions">
          {props.mode === 'transfer' && (
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="transfer-consult"
              disabled={props.busy || target === null}
              onClick={() => choose('consult')}
            >
              {t('transfer.consult')}
            </button>
          )}
          <button
            type="submit"
            className="btn btn-primary"
            data-testid={props.mode === 'transfer' ? 'transfer-blind' : 'add-call-dial'}
            disabled={props.busy || target === null}
          >
            {props.mode === 'add' ? t('transfer.call') : onOutside ? t('transfer.picker.start') : t('transfer.blind')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
