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
        {people.length > 0 && (
          <ul className="picker-people" aria-label={t('transfer.people')}>
            {people.map((person) => (
              <li key={`${person.number}-${person.name}`}>
                <button type="button" className="picker-person" onClick={() => setValue(person.number)}>
                  <span className="picker-person-name">{person.name}</span>
                  <span className="picker-person-number">{person.detail ?? person.number}</span>
                </button>
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
