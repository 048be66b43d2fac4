/**
 * Settings → Audio: microphone, speaker and ringer, voice processing and volumes, and the
 * pre-call check (microphone level, test tone, hear yourself, test ring). Choices go to main,
 * which keeps them and has the engine apply them at once, mid-call too.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { percent } from '../format/locale-format.ts';
import {
  DEFAULT_AUDIO_SETTINGS,
  type AudioSettings,
  type AudioSettingsPatch,
  type AudioStatus,
} from '../../shared/audio.ts';
import { companyDecidesHold, listeningHoldOn } from '../../shared/listening-hold.ts';
import { useAgent } from '../state/agent-context.ts';
import { useApi } from '../state/api-context.ts';
import { AudioProblems } from './AudioProblems.tsx';
import { DeviceSelect } from './DeviceSelect.tsx';
import { playTestTone, startMicCheck, type MicCheck } from './test-sounds.ts';
import './audio.css';

const NO_DEVICES: AudioStatus = {
  microphones: [],
  speakers: [],
  systemDefault: { microphone: '', speaker: '' },
  using: { microphone: '', speaker: '', ringer: '' },
  problems: [],
};
const PROCESSING = ['echoCancellation', 'noiseSuppression', 'autoGainControl'] as const;

type Props = { settings: AudioSettings | undefined; status: AudioStatus | undefined };

export function AudioSettingsCard({ settings = DEFAULT_AUDIO_SETTINGS, status = NO_DEVICES }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  // The company's hold setting wins over this one (ADR 0005); the box then shows what the company chose.
  const companyHold = useAgent()?.policy.listeningHold;
  const companyDecides = companyDecidesHold(companyHold);
  const save = async (patch: AudioSettingsPatch) => {
    const result = await api.setAudioSettings({ patch });
    setError(result.ok ? null : result.error.message);
  };

  return (
    <div className="card audio-settings" data-testid="audio-settings">
      <h2 className="card-title">{t('audio.title')}</h2>
      <div className="audio-fields">
        <DeviceSelect
          label={t('audio.microphone')}
          testId="microphone-select"
          choice={settings.microphone}
          devices={status.microphones}
          systemDefault={status.systemDefault.microphone}
          onChoose={(microphone) => void save({ microphone })}
        />
        <DeviceSelect
          label={t('audio.speaker')}
          testId="speaker-select"
          choice={settings.speaker}
          devices={status.speakers}
          systemDefault={status.systemDefault.speaker}
          onChoose={(speaker) => void save({ speaker })}
        />
        <DeviceSelect
          label={t('audio.ringer')}
          testId="ringer-select"
          choice={settings.ringer}
          devices={status.speakers}
          systemDefault={status.systemDefault.speaker}
          onChoose={(ringer) => void save({ ringer })}
        />
        <AudioProblems status={status} />
        <Slider
          label={t('audio.inputVolume')}
          testId="input-volume"
          value={settings.inputVolume}
          max={2}
          onCommit={(inputVolume) => void save({ inputVolume })}
        />
        <Slider
          label={t('audio.ringVolume')}
          testId="ring-volume"
          value={settings.ringVolume}
          max={1}
          onCommit={(ringVolume) => void save({ ringVolume })}
        />
        <fieldset className="audio-toggles">
          <legend className="field-label">{t('audio.processing')}</legend>
          {PROCESSING.map((key) => (
            <label key={key} className="audio-toggle">
              <input
                type="checkbox"
                data-testid={`toggle-${key}`}
                checked={settings[key]}
                onChange={(event) => void save({ [key]: event.target.checked })}
              />
              {t(`audio.${key}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="audio-toggles">
          <legend className="field-label">{t('audio.holdTitle')}</legend>
          <label className="audio-toggle">
            <input
              type="checkbox"
              data-testid="toggle-listeningHold"
              aria-describedby={companyDecides ? 'listening-hold-hint listening-hold-company' : 'listening-hold-hint'}
              checked={listeningHoldOn(companyHold, settings.listeningHold)}
              disabled={companyDecides}
              onChange={(event) => void save({ listeningHold: event.target.checked })}
            />
            {t('audio.listeningHold')}
          </label>
          <p className="muted card-hint" id="listening-hold-hint">
            {t('audio.listeningHoldHint')}
          </p>
          {companyDecides && (
            <p className="muted card-hint" id="listening-hold-company" data-testid="listening-hold-company">
              {t('audio.listeningHoldCompany')}
            </p>
          )}
        </fieldset>
      </div>
      <PreCallCheck settings={settings} />
      {error !== null && (
        <div className="notice notice-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

/** A volume slider that saves when let go, not at every step of a drag. */
function Slider(props: {
  label: string;
  testId: string;
  value: number;
  max: number;
  onCommit: (value: number) => void;
}) {
  const { i18n } = useTranslation();
  const [value, setValue] = useState(props.value);
  useEffect(() => setValue(props.value), [props.value]);
  const commit = () => {
    if (value !== props.value) props.onCommit(value);
  };
  return (
    <label className="field">
      <span className="field-label audio-slider-label">
        {props.label}
        <span className="muted">{percent(Math.round(value * 100), i18n.language)}</span>
      </span>
      <input
        type="range"
        data-testid={props.testId}
        min={0}
        max={props.max}
        step={0.05}
        value={value}
        onChange={(event) => setValue(Number(event.target.value))}
        onPointerUp={commit}
        onKeyUp={commit}
        onBlur={commit}
      />
    </label>
  );
}

function PreCallCheck({ settings }: { settings: AudioSettings }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'off' | 'meter' | 'loopback'>('off');
  const [level, setLevel] = useState(0);
  const [playing, setPlaying] = useState<'tone' | 'ring' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const check = useRef<MicCheck | null>(null);
  const latest = useRef(settings);
  latest.current = settings;
  // State pushes bring a new settings object often; only these choices reopen the microphone.
  const { echoCancellation, noiseSuppression, autoGainControl, inputVolume } = settings;
  const micKey = JSON.stringify([
    settings.microphone.id,
    settings.speaker.id,
    echoCancellation,
    noiseSuppression,
    autoGainControl,
    inputVolume,
  ]);

  useEffect(() => {
    if (mode === 'off') return;
    let stopped = false;
    let frame = 0;
    const settings = latest.current;
    const { echoCancellation, noiseSuppression, autoGainControl } = settings;
    startMicCheck({
      microphoneId: settings.microphone.id,
      speakerId: settings.speaker.id,
      constraints: { echoCancellation, noiseSuppression, autoGainControl },
      inputVolume: settings.inputVolume,
      loopback: mode === 'loopback',
    })
      .then((opened) => {
        if (stopped) return opened.stop();
        check.current = opened;
        setFailure(null);
        const tick = () => {
          setLevel(opened.level());
          frame = requestAnimationFrame(tick);
        };
        tick();
      })
      .catch((error: unknown) => {
        setFailure(error instanceof Error ? error.message : String(error));
        setMode('off');
      });
    return () => {
      stopped = true;
      cancelAnimationFrame(frame);
      check.current?.stop();
      check.current = null;
      setLevel(0);
    };
  }, [mode, micKey]);

  const play = async (what: 'tone' | 'ring') => {
    setPlaying(what);
    try {
      await (what === 'tone'
        ? playTestTone(settings.speaker.id, { frequencies: [440], seconds: 1, volume: 1 })
        : playTestTone(settings.ringer.id, { frequencies: [440, 480], seconds: 1.2, volume: settings.ringVolume }));
    } finally {
      setPlaying(null);
    }
  };

  return (
    <div className="precall" data-testid="precall-check">
      <h3 className="precall-title">{t('audio.check')}</h3>
      <div
        className="mic-meter"
        role="meter"
        aria-label={t('audio.micLevel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(level * 100)}
        data-testid="mic-level"
      >
        <div className="mic-meter-fill" style={{ width: `${Math.round(level * 100)}%` }} />
      </div>
      <div className="precall-actions">
        <button
          type="button"
          className="btn btn-secondary"
          aria-pressed={mode === 'meter'}
          data-testid="test-microphone"
          onClick={() => setMode(mode === 'meter' ? 'off' : 'meter')}
        >
          {mode === 'meter' ? t('audio.stopTest') : t('audio.testMicrophone')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          aria-pressed={mode === 'loopback'}
          data-testid="hear-yourself"
          onClick={() => setMode(mode === 'loopback' ? 'off' : 'loopback')}
        >
          {mode === 'loopback' ? t('audio.stopTest') : t('audio.hearYourself')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={playing !== null}
          data-testid="test-speaker"
          onClick={() => void play('tone')}
        >
          {t('audio.testSpeaker')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={playing !== null}
          data-testid="test-ringer"
          onClick={() => void play('ring')}
        >
          {t('audio.testRinger')}
        </button>
      </div>
      {mode === 'loopback' && <p className="muted card-hint">{t('audio.hearYourselfHint')}</p>}
      {failure !== null && (
        <div className="notice notice-error" role="alert">
          {t('audio.micFailed')} · {failure}
        </div>
      )}
    </div>
  );
}
