/** A labelled password input with a Show/Hide toggle (the text stays where it was; only its masking changes). */
import { useId, useState, type InputHTMLAttributes, type Ref } from 'react';
import { useTranslation } from 'react-i18next';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'type'> & {
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
  /** data-testid of the input; the toggle gets `${testId}-toggle`. */
  testId: string;
};

export function PasswordField({ label, value, onValue, error, inputRef, testId, ...input }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="password-row">
        <input
          {...input}
          ref={inputRef}
          id={id}
          data-testid={testId}
          className="field-input password-input"
          type={shown ? 'text' : 'password'}
          value={value}
          onChange={(e) => onValue(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          spellCheck={false}
          autoCapitalize="off"
        />
        <button
          type="button"
          className="btn btn-ghost password-toggle"
          data-testid={`${testId}-toggle`}
          aria-pressed={shown}
          aria-controls={id}
          onClick={() => setShown((s) => !s)}
        >
          {shown ? t('passwordSignIn.hide') : t('passwordSignIn.show')}
        </button>
      </div>
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}
