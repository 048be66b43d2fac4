/**
 * The in-call quality indicator: signal-style bars and a word (good / fair / poor) from the
 * engine's MOS estimate, the numbers on hover, and a plain-language warning when the call goes bad.
 */
import { useTranslation } from 'react-i18next';
import type { CallQuality } from '../../shared/domain.ts';
import { qualityWarning } from '../../shared/mos.ts';
import { decimal, percent } from '../format/locale-format.ts';
import './audio.css';

const BARS: Record<CallQuality['level'], number> = { good: 3, fair: 2, poor: 1 };

export function QualityIndicator({ quality }: { quality: CallQuality }) {
  const { t, i18n } = useTranslation();
  const warning = qualityWarning(quality);
  const details = t('quality.details', {
    mos: decimal(quality.mos, i18n.language),
    loss: percent(quality.lossPercent, i18n.language),
    jitter: Math.round(quality.jitterMs),
    rtt: Math.round(quality.rttMs),
  });
  return (
    <div
      className="quality"
      data-testid="call-quality"
      data-level={quality.level}
      data-mos={quality.mos}
      data-rtt={quality.rttMs}
      data-loss={quality.lossPercent}
    >
      <span className={`quality-pill quality-${quality.level}`} title={details}>
        <span className="quality-bars" aria-hidden="true">
          {[1, 2, 3].map((bar) => (
            <span key={bar} className={bar <= BARS[quality.level] ? 'on' : ''} style={{ height: 4 + bar * 3 }} />
          ))}
        </span>
        {t(`quality.level.${quality.level}`)}
        <span className="quality-mos">{t('quality.mos', { mos: decimal(quality.mos, i18n.language) })}</span>
      </span>
      {warning && (
        <div className="quality-warning" role="alert" data-testid="quality-warning">
          <strong>{t(`quality.warning.${warning}`)}</strong>
          <span>{t(`quality.advice.${warning}`)}</span>
        </div>
      )}
    </div>
  );
}
