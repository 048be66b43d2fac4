/** Says when a chosen device is missing and what plays instead, so audio never goes quietly elsewhere. */
import { useTranslation } from 'react-i18next';
import type { AudioStatus } from '../../shared/audio.ts';

export function AudioProblems({ status, dark = false }: { status: AudioStatus; dark?: boolean }) {
  const { t } = useTranslation();
  if (status.problems.length === 0) return null;
  const instead = {
    'microphone-missing': status.using.microphone,
    'microphone-failed': status.using.microphone,
    'no-microphone': '',
    'speaker-missing': status.using.speaker,
    'ringer-missing': status.using.ringer,
  };
  return (
    <div
      className={dark ? 'audio-problems audio-problems-dark' : 'audio-problems'}
      role="alert"
      data-testid="audio-problem"
    >
      {status.problems.map((problem) => (
        <div key={problem.kind} data-kind={problem.kind}>
          {t(`audio.problem.${problem.kind}`, {
            name: problem.device || t('audio.yourDevice'),
            instead: instead[problem.kind],
          })}
        </div>
      ))}
    </div>
  );
}

/** Where the call's audio is now: the microphone and the speaker, by name. */
export function AudioRoute({ status }: { status: AudioStatus }) {
  const { t } = useTranslation();
  return (
    <div className="audio-route" data-testid="audio-route">
      <span data-testid="route-microphone">{t('audio.routeMicrophone', { name: status.using.microphone || '—' })}</span>
      <span data-testid="route-speaker">{t('audio.routeSpeaker', { name: status.using.speaker || '—' })}</span>
    </div>
  );
}
