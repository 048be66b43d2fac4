/**
 * 满意度评价 on the visitor page: when the agent sends it, a card with the scores 1–5 (as radio
 * buttons, named in words) and an optional comment; once answered, a thank-you line instead. The
 * card is built once per state, so a redraw never loses what the visitor is typing.
 */
import type { VisitorView } from './api.ts';
import type { Words } from './words.ts';

export const MAX_SURVEY_COMMENT = 500;

function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) {
  const element = document.createElement(tag);
  element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

export function renderSurvey(
  container: HTMLElement,
  words: Words['survey'],
  survey: VisitorView['survey'] | undefined,
  submit: (score: number, comment: string) => Promise<string | null>,
): void {
  const key = survey ? (survey.state === 'answered' ? `answered:${survey.score}` : 'sent') : 'none';
  if (container.dataset['state'] === key) return;
  container.dataset['state'] = key;
  container.hidden = !survey;
  if (!survey) return container.replaceChildren();
  if (survey.state === 'answered') {
    return container.replaceChildren(node('p', 'survey-thanks', words.thanks(survey.score)));
  }
  const form = node('form', 'survey-card');
  form.setAttribute('aria-labelledby', 'survey-title');
  const title = node('h2', 'survey-title', words.title);
  title.id = 'survey-title';
  const scores = node('fieldset', 'survey-scores');
  scores.append(node('legend', '', words.prompt));
  words.scores.forEach((label, index) => {
    const option = node('label', 'survey-score');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'score';
    input.value = String(index + 1);
    option.append(input, node('span', 'survey-score-number', String(index + 1)), node('span', '', label));
    scores.append(option);
  });
  const comment = node('textarea', 'survey-comment');
  comment.maxLength = MAX_SURVEY_COMMENT;
  comment.rows = 2;
  comment.placeholder = words.comment;
  comment.setAttribute('aria-label', words.comment);
  const error = node('p', 'survey-error');
  error.setAttribute('role', 'alert');
  const button = node('button', 'survey-submit', words.submit);
  button.type = 'submit';
  form.append(title, scores, comment, error, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = form.querySelector<HTMLInputElement>('input[name=score]:checked');
    if (!picked) {
      error.textContent = words.pick;
      return;
    }
    button.disabled = true;
    void submit(Number(picked.value), comment.value).then((refusal) => {
      button.disabled = false;
      error.textContent = refusal ?? '';
    });
  });
  container.replaceChildren(form);
}
