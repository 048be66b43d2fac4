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

export function SurveyCard({ item }: { item: ChatItem }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const survey = item.survey ?? null;
  if (!survey) {
    if (item.state !== 'open') return null;
    return (
      <div className="chat-survey" data-testid="chat-survey" data-state="none">
        <button
          type="button"
          className="btn btn-secondary btn-small"
          data-testid="chat-survey-send"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void api.sendChatSurvey({ id: item.id }).then((result) => {
              setBusy(false);
              setError(result.ok ? null : result.error.message);
            });
          }}
        >
          {t('chat.survey.send')}
        </button>
        {error && (
          <span className="chat-error" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }
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
