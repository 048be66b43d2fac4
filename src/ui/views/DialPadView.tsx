/**
 * Number field + 12-key pad. Keys typed anywhere in the window (while no other
 * field has focus) go to the number, so the pad works like a desk phone.
 */
import { useEffect, useRef, useState, type ClipboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanPasted, cleanTyped, DIAL_KEYS } from '../format/dial-input.ts';
import { AlertIcon, BackspaceIcon, PhoneIcon } from '../components/icons.tsx';
import { useDial, type DialError } from '../state/use-dial.ts';
import { checkDialTarget } from './dial-target.ts';
import { OfflineColleagueHint } from './agent/OfflineColleagueHint.tsx';

const KEYS: ReadonlyArray<readonly [string, string]> = [
  ['1', ''],
  ['2', 'ABC'],
  ['3', 'DEF'],
  ['4', 'GHI'],
  ['5', 'JKL'],
  ['6', 'MNO'],
  ['7', 'PQRS'],
  ['8', 'TUV'],
  ['9', 'WXYZ'],
  ['*', ''],
  ['0', '+'],
  ['#', ''],
];

/** Is the user typing into some other control? Then global keys are theirs, not the pad's. */
function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target instanceof HTMLInputElement ||
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLSelectElement)
  );
}

type Props = {
  canDial: boolean;
  /** False while something (the incoming-call overlay) sits on top and owns the keyboard. */
  keyboardActive: boolean;
  /** A number to start from, e.g. from the call history to edit before calling. */
  initialNumber?: string | undefined;
};

export function DialPadView({ canDial, keyboardActive, initialNumber }: Props) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(() => cleanTyped(initialNumber ?? ''));
  const [localError, setLocalError] = useState<DialError | null>(null);
  const { dial, pending, error: dialError, clearError } = useDial();
  const input = useRef<HTMLInputElement>(null);
  const error = localError ?? dialError;

  const edit = (next: string) => {
    setNumber(cleanTyped(next));
    setLocalError(null);
    clearError();
  };

  const submit = async () => {
    if (!canDial || pending) return;
    const checked = checkDialTarget(number);
    if (!checked.ok) {
      setLocalError({ key: checked.error });
      return;
    }
    if (await dial(checked.target)) setNumber('');
  };

  /** Insert pasted text at the caret (digits) or replace everything (a SIP address makes no sense mixed with digits). */
  const paste = (text: string, field: HTMLInputElement | null) => {
    const cleaned = cleanPasted(text);
    if (cleaned.kind === 'address' || !field) {
      edit(cleaned.kind === 'address' ? cleaned.value : number + cleaned.value);
      return;
    }
    const start = field.selectionStart ?? number.length;
    const end = field.selectionEnd ?? number.length;
    edit(number.slice(0, start) + cleaned.value + number.slice(end));
    const caret = start + cleaned.value.length;
    requestAnimationFrame(() => field.setSelectionRange(caret, caret));
  };

  const onFieldPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    e.preventDefault();
    paste(e.clipboardData.getData('text'), e.currentTarget);
  };

  // Latest values for the window listeners without re-subscribing on every keystroke.
  const latest = useRef({ number, submit, edit, paste });
  latest.current = { number, submit, edit, paste };

  useEffect(() => {
    if (!keyboardActive) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      const { number: current, edit: change, submit: go } = latest.current;
      if (DIAL_KEYS.includes(e.key) && e.key.length === 1) {
        e.preventDefault();
        change(current + e.key);
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        change(current.slice(0, -1));
      } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        void go();
      }
    };
    const onPaste = (e: globalThis.ClipboardEvent) => {
      if (isEditable(e.target)) return;
      const text = e.clipboardData?.getData('text');
      if (!text) return;
      e.preventDefault();
      latest.current.paste(text, null);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
    };
  }, [keyboardActive]);

  return (
    <section className="dialpad" aria-label={t('tabs.dialpad')}>
      <form
        className="dial-display"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <input
          ref={input}
          // Long numbers and SIP addresses step down a size instead of scrolling out of view.
          className={`dial-input${number.length > 16 ? ' dial-input-long' : ''}`}
          data-testid="dial-input"
          aria-label={t('dial.label')}
          placeholder={t('dial.placeholder')}
          value={number}
          onChange={(e) => edit(e.target.value)}
          onPaste={onFieldPaste}
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'dial-error' : undefined}
        />
        <button
          type="button"
          className="icon-btn dial-backspace"
          aria-label={t('dial.backspace')}
          onClick={() => edit(number.slice(0, -1))}
          disabled={number === ''}
        >
          <BackspaceIcon size={22} />
        </button>
      </form>

      <div className="dial-message" aria-live="polite">
        {error ? (
          <div id="dial-error" className="dial-error" role="alert" data-testid="dial-error">
            <div className="dial-error-title">
              <AlertIcon size={15} />
              {t(error.key)}
            </div>
            {/* Main's own words: one line here, in full on hover. */}
            {error.detail && (
              <div className="dial-error-detail" title={error.detail}>
                {error.detail}
              </div>
            )}
          </div>
        ) : !canDial ? (
          <div className="dial-hint" data-testid="dial-hint">
            {t('dial.notRegistered')}
          </div>
        ) : (
          <OfflineColleagueHint number={number.trim()} onCallMobile={(mobile) => void dial(mobile)} />
        )}
      </div>

      <div className="keypad">
        {KEYS.map(([digit, letters]) => (
          <button
            key={digit}
            type="button"
            className="key"
            // Named by what it shows ("2 ABC", digit and letters stacked): a voice-control user says what they see.
            // Keep focus in place: the pad must not steal the caret from the number field.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => edit(number + digit)}
          >
            <span className="key-digit">{digit}</span>
            <span className="key-letters">{letters}</span>
          </button>
        ))}
      </div>

      <div className="dial-actions">
        <button
          type="button"
          className="call-btn call-btn-green"
          data-testid="call-button"
          aria-label={t('dial.call')}
          disabled={!canDial || pending || number.trim() === ''}
          onClick={() => void submit()}
        >
          <PhoneIcon size={28} />
        </button>
      </div>
    </section>
  );
}
