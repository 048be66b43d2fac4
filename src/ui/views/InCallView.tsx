/**
 * The active call: who, what is happening, how long; mute, hold, the keypad, transfer and
 * a second call; Hang up. Other calls (held, or being set up) show in a strip above with
 * "Switch". Each control is enabled only while it applies (callControls, the same rule main
 * enforces). Once the call has ended it shows how (busy, failed…) with the server's words.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callControls } from '../../shared/call-controls.ts';
import type { CallSnapshot } from '../../shared/domain.ts';
import { backgroundCalls, liveCalls } from '../../shared/multi-call.ts';
import { MEDIA_LOST_CAUSE } from '../../shared/end-reasons.ts';
import { permissionOfPhrase } from '../../../lib/call-permission-refusal.ts';
import { Avatar } from '../components/Avatar.tsx';
import { useOverflows } from '../components/use-overflows.ts';
import {
  AddCallIcon,
  HangUpIcon,
  KeypadIcon,
  MicIcon,
  MicOffIcon,
  PauseIcon,
  PlayIcon,
  TransferIcon,
} from '../components/icons.tsx';
import type { AudioStatus } from '../../shared/audio.ts';
import { AudioProblems, AudioRoute } from '../audio/AudioProblems.tsx';
import { QualityIndicator } from '../audio/QualityIndicator.tsx';
import { useCallAction } from '../state/use-call-action.ts';
import { useDial } from '../state/use-dial.ts';
import { CallTimer } from './CallTimer.tsx';
import { OtherCalls } from './OtherCalls.tsx';
import { InCallStatus } from './agent/InCallStatus.tsx';
import { TransferPicker, type PickerChoice, type SearchPeople } from './TransferPicker.tsx';
import { TransferStatus } from './TransferStatus.tsx';

const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
const KEY_FLASH_MS = 150;

export function InCallView({
  call,
  calls = [call],
  searchPeople,
  audio,
}: {
  call: CallSnapshot;
  /** Every call main knows of, for the strip of other calls and the consultation's held caller. */
  calls?: CallSnapshot[];
  /** The directory's search for the transfer picker (issue 4); typed numbers work without it. */
  searchPeople?: SearchPeople;
  audio?: AudioStatus | undefined;
}) {
  const { t } = useTranslation();
  const { run, sendDtmf, pending, error } = useCallAction(call.id);
  const [keypadOpen, setKeypadOpen] = useState(false);
  const [picker, setPicker] = useState<'transfer' | 'add' | null>(null);
  // "Add call" dials like the dial pad: main decides, and a refusal is shown in our words.
  const { dial: addCall, error: addError, clearError: clearAddError } = useDial();
  const [sent, setSent] = useState('');
  const details = useRef<HTMLDivElement>(null);
  const detailsScroll = useOverflows(details);
  const [pressed, setPressed] = useState<string | null>(null);
  const name = call.remoteName?.trim();
  const ended = call.phase === 'ended';
  const endOutcome = ended && call.outcome !== undefined && call.outcome !== 'answered' ? call.outcome : null;
  // The switchboard refused the number by the caller's call permission: say so in words, not "Failed · Forbidden".
  const refusedBy = permissionOfPhrase(call.endReason);
  const controls = callControls(call);
  const showKeypad = keypadOpen && controls.keypad;
  const others = backgroundCalls(calls);
  // One call at a time is handed on, and two calls at most (the one we talk on and one on hold).
  const canTransfer =
    controls.transfer && !calls.some((other) => other.consultFor === call.id && other.phase !== 'ended');
  const canAddCall = call.phase === 'connected' && !call.transfer && liveCalls(calls).length < 2;
  const partyName = name || call.remoteNumber || t('call.unknownCaller');
  // Another call's strip, a transfer's progress, the connection's quality and audio route, or a warning banner need
  // room: a smaller avatar keeps Hang up in the window (and should all of it still not fit, the party's details
  // scroll, never the controls; app.css).
  const qualityOrRoute = call.phase === 'connected' && (call.quality !== undefined || audio !== undefined);
  const banner = !ended && (audio?.problems.length ?? 0) > 0;
  const compact = others.length > 0 || Boolean(call.transfer) || Boolean(call.consultFor) || qualityOrRoute || banner;

  const choose = async ({ target, how }: PickerChoice) => {
    if (how === 'call') {
      if (await addCall(target)) setPicker(null);
      return;
    }
    if (await run(how === 'blind' ? 'transfer' : 'consult', { target })) setPicker(null);
  };

  const press = (digit: string) => {
    setSent((digits) => (digits + digit).slice(-24));
    setPressed(digit);
    setTimeout(() => setPressed((current) => (current === digit ? null : current)), KEY_FLASH_MS);
    void sendDtmf(digit);
  };
  const latestPress = useRef(press);
  latestPress.current = press;

  // With the keypad open, the keyboard's digits go to the call (IVR menus).
  useEffect(() => {
    if (!showKeypad) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if ((KEYPAD as readonly string[]).includes(e.key)) {
        e.preventDefault();
        latestPress.current(e.key);
      } else if (e.key === 'Escape') {
        setKeypadOpen(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [showKeypad]);

  // Hold shows as a badge below; the status line keeps saying where the call is.
  const status = t(`call.phase.${call.phase}`);

  return (
    <main
      className={`incall${showKeypad ? ' incall-with-keypad' : compact ? ' incall-compact' : ''}`}
      data-testid="in-call"
      aria-labelledby="incall-name"
    >
      <OtherCalls calls={others} />
      <InCallStatus />
      <div className="incall-party">
        <div className={`incall-avatar${call.phase === 'connected' || ended ? '' : ' pulsing'}`}>
          <Avatar name={name} size={showKeypad || compact ? 'md' : 'lg'} />
        </div>
        <h1 id="incall-name" className="incall-name">
          {name || call.remoteNumber || t('call.unknownCaller')}
        </h1>
        {name && call.remoteNumber && <div className="incall-number">{call.remoteNumber}</div>}
        <div className="incall-status">
          <span
            className="call-phase"
            data-testid="call-phase"
            data-phase={call.phase}
            data-held={call.held ? 'local' : call.remoteHeld ? 'remote' : undefined}
            role="status"
          >
            {status}
          </span>
          {call.answeredAt !== undefined && <CallTimer answeredAt={call.answeredAt} endedAt={call.endedAt} />}
        </div>
        {/* Who and the call's state always show; below them the details (flags, warnings, a transfer) scroll on
            their own when a short window (150 % text, a long warning in French) has no room for all of them. */}
        <div className="incall-details" ref={details} tabIndex={detailsScroll ? 0 : undefined}>
          <div className="incall-flags">
            {call.muted && (
              <span className="incall-flag incall-flag-muted" data-testid="muted-badge">
                <MicOffIcon size={14} />
                {t('call.muted')}
              </span>
            )}
            {(call.held || call.remoteHeld) && (
              <span className="incall-flag incall-flag-held" data-testid="held-badge">
                <PauseIcon size={14} />
                {call.held ? t(call.holdListening ? 'call.onHoldListening' : 'call.onHold') : t('call.heldByRemote')}
              </span>
            )}
          </div>
          {call.phase === 'connected' && call.quality && <QualityIndicator quality={call.quality} />}
          {!ended && audio && <AudioProblems status={audio} dark />}
          {!ended && audio && call.phase !== 'incoming' && <AudioRoute status={audio} />}
          {call.receivedDigits && (
            <div className="incall-received" data-testid="received-digits">
              {t('call.receivedDigits', { digits: call.receivedDigits })}
            </div>
          )}
          {call.transferredBy && call.phase !== 'ended' && (
            <div className="incall-received incall-transferred-by" data-testid="transferred-by">
              {t('transfer.transferredBy', { name: call.transferredBy })}
            </div>
          )}
          <TransferStatus call={call} calls={calls} />
          {ended && call.endReason === MEDIA_LOST_CAUSE && (
            <div className="incall-end-reason" data-testid="call-end-reason" role="alert">
              {t('call.mediaLost')}
            </div>
          )}
          {endOutcome && refusedBy && (
            <div className="incall-end-reason" data-testid="call-end-reason" data-refused-by={refusedBy} role="alert">
              {t(`call.notPermitted.${refusedBy}`)}
            </div>
          )}
          {endOutcome && !refusedBy && (
            <div className="incall-end-reason" data-testid="call-end-reason" role="alert">
              {t(`callLog.outcome.${endOutcome}`)}
              {call.endReason && <span className="incall-end-detail">{call.endReason}</span>}
            </div>
          )}
        </div>
      </div>

      {!ended && (
        <div className="call-controls">
          {call.pendingDigits && (
            <button
              type="button"
              className="btn btn-primary incall-send-pending"
              data-testid="send-pending-digits"
              disabled={!controls.sendPending || pending !== null}
              onClick={() => void run('sendPendingDigits')}
            >
              {t('call.sendDigits', { digits: call.pendingDigits })}
            </button>
          )}
          {showKeypad && (
            <div className="incall-keypad" role="group" aria-label={t('call.keypadLabel')} data-testid="incall-keypad">
              <div className="incall-keypad-display" aria-label={t('call.sentDigits')} data-testid="sent-digits">
                {sent}
              </div>
              <div className="keypad keypad-compact">
                {KEYPAD.map((digit) => (
                  <button
                    key={digit}
                    type="button"
                    className={`key${pressed === digit ? ' key-pressed' : ''}`}
                    aria-label={digit}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => press(digit)}
                  >
                    <span className="key-digit">{digit}</span>
                  </button>
                ))}
              </div>
            </div>
          )}
          <div className="control-row">
            <ControlButton
              testId="mute-button"
              active={Boolean(call.muted)}
              disabled={!controls.mute || pending !== null}
              label={call.muted ? t('call.unmute') : t('call.mute')}
              icon={call.muted ? <MicOffIcon size={22} /> : <MicIcon size={22} />}
              onClick={() => void run('mute', { muted: !call.muted })}
            />
            <ControlButton
              testId="hold-button"
              active={Boolean(call.held)}
              disabled={!controls.hold || pending !== null}
              label={call.held ? t('call.resume') : t('call.hold')}
              icon={call.held ? <PlayIcon size={22} /> : <PauseIcon size={22} />}
              onClick={() => void run('hold', { held: !call.held })}
            />
            <ControlButton
              testId="keypad-button"
              active={showKeypad}
              disabled={!controls.keypad}
              label={showKeypad ? t('call.hideKeypad') : t('call.keypad')}
              icon={<KeypadIcon size={22} />}
              onClick={() => setKeypadOpen(!keypadOpen)}
            />
          </div>
          {/* On a consultation call Complete / Cancel, and during a transfer its progress, take their place. */}
          {!showKeypad && !call.consultFor && call.transfer?.status !== 'trying' && (
            <div className="control-row">
              <ControlButton
                testId="transfer-button"
                active={picker === 'transfer'}
                disabled={!canTransfer || pending !== null}
                label={t('transfer.button')}
                icon={<TransferIcon size={22} />}
                onClick={() => setPicker('transfer')}
              />
              <ControlButton
                testId="add-call-button"
                active={picker === 'add'}
                disabled={!canAddCall || pending !== null}
                label={t('transfer.addCall')}
                icon={<AddCallIcon size={22} />}
                onClick={() => {
                  clearAddError();
                  setPicker('add');
                }}
              />
            </div>
          )}
        </div>
      )}
      {picker && !ended && (
        <TransferPicker
          mode={picker}
          partyName={partyName}
          searchPeople={searchPeople}
          busy={pending !== null}
          error={picker === 'add' ? addError && [t(addError.key), addError.detail].filter(Boolean).join(' · ') : error}
          onChoose={(choice) => void choose(choice)}
          onClose={() => setPicker(null)}
        />
      )}

      <div className="incall-footer">
        {error && (
          <div className="call-action-error" role="alert">
            {t('call.actionFailed')} · {error}
          </div>
        )}
        {!ended && (
          <>
            <button
              type="button"
              className="call-btn call-btn-red"
              data-testid="hangup-button"
              aria-label={t('call.hangup')}
              disabled={pending !== null}
              onClick={() => void run('hangup')}
            >
              <HangUpIcon size={30} />
            </button>
            <span className="call-btn-caption" aria-hidden="true">
              {t('call.hangup')}
            </span>
          </>
        )}
      </div>
    </main>
  );
}

function ControlButton(props: {
  testId: string;
  active: boolean;
  disabled: boolean;
  label: string;
  icon: React.ReactNode;
  onClick: () => void;
}) {
  return (
    <div className="control">
      <button
        type="button"
        className={`control-btn${props.active ? ' control-btn-active' : ''}`}
        data-testid={props.testId}
        aria-pressed={props.active}
        aria-label={props.label}
        disabled={props.disabled}
        onClick={props.onClick}
      >
        {props.icon}
      </button>
      <span className="control-caption" aria-hidden="true">
        {props.label}
      </span>
    </div>
  );
}
