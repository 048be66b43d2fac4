/**
 * 满意度评价 in a chat: "Send satisfaction survey" while the chat is open and none was sent (once per
 * chat), then "sent, waiting for the visitor", then the visitor's score (1–5, in words) and comment,
 * kept in the ended chat's view too. The comment is the visitor's text: shown as text only.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatItem } from '../../../shared/chat.ts';
import { useApi } from '../../state/api-context.ts';

const scoreKeys = [
  'chat.survey.scores.1',
  'chat.survey.scores.2',
  'chat.survey.scores.3',
  'chat.survey.scores.4',
  'chat.survey.scores.5',
] as const;

/** 满意度评价 in the composer's row (short, as the manual's button): shown while the chat is open and none was sent. */
export function SurveySendButton({ item, onError }: { item: ChatItem; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  if (item.survey || item.state !== 'open') return null;
  return (
    <button
      type="button"
      className="btn btn-ghost btn-small chat-survey-send"
      data-testid="chat-survey-send"
      title={t('chat.survey.send')}
      aria-label={t('chat.survey.send')}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void api.sendChatSurvey({ id: item.id }).then((result) => {
          setBusy(false);
          onError(result.ok ? null : result.error.message);
        });
      }}
    >
      {t('chat.survey.short')}
    </button>
  );
}

/** The survey once sent: waiting for the visitor, then their score and comment (in the ended chat too). */
export function SurveyCard({ item }: { item: ChatItem }) {
  const { t } = useTranslation();
  const survey = item.survey ?? null;
  if (!survey) return null;
  if (survey.state === 'sent') {
    return (
      <div className="chat-survey" data-testid="chat-survey" data-state="sent">
        {t('chat.survey.waiting')}
      </div>
    );
  }
  return (
    <div className="chat-survey chat-survey-answered" data-testid="chat-survey" data-state="answered">
      <div className="chat-survey-score" data-testid="chat-survey-score">
        <span className="chat-survey-stars" aria-hidden="true">
          {'★'.repeat(survey.score)}
          {'☆'.repeat(5 - survey.score)}
        </span>
        {t('chat.survey.answered', { score: survey.score, label: t(scoreKeys[survey.score - 1]!) })}
      </div>
      {survey.comment && (
        <div className="chat-survey-comment" data-testid="chat-survey-comment">
          {t('chat.survey.comment', { comment: survey.comment })}
        </div>
      )}
    </div>
  );
}
