/** How the Chats views word what the service sends as codes: who a visitor is, system lines, refusals. */
import type { TFunction } from 'i18next';
import type { ChatItem, ChatMessage } from '../../../shared/chat.ts';

/** The visitor's nickname from the company's site, else "Visitor" and a short tag that tells two apart. */
export function visitorName(t: TFunction, item: Pick<ChatItem, 'visitorName' | 'visitorTag'>): string {
  return item.visitorName ?? t('chat.visitor', { tag: item.visitorTag });
}

/** A system line in the UI's language; a timeout's line is the company's own message, as written. */
export function systemLine(t: TFunction, message: Pick<ChatMessage, 'event' | 'body'>): string {
  switch (message.event) {
    case 'agent-joined':
      return t('chat.system.agentJoined', { name: message.body });
    case 'transferred':
      return t('chat.system.transferred');
    case 'agent-left':
      return t('chat.system.agentLeft');
    case 'ended-by-agent':
      return t('chat.system.endedByAgent');
    case 'ended-by-visitor':
      return t('chat.system.endedByVisitor');
    case 'timeout':
      return message.body || t('chat.system.timeout');
    case 'survey-sent':
      return t('chat.system.surveySent');
    case 'survey-answered':
      return t('chat.system.surveyAnswered');
    default:
      return message.body;
  }
}

/** Why a send did not go (the code main kept with it), in the UI's language. */
export function sendFailure(t: TFunction, code: string): string {
  switch (code) {
    case 'server-unreachable':
      return t('chat.errors.unreachable');
    case 'chat-ended':
      return t('chat.errors.ended');
    case 'chat-offer-gone':
      return t('chat.errors.offerGone');
    case 'member-offline':
      return t('chat.errors.memberOffline');
    case 'message-too-long':
      return t('chat.errors.tooLong');
    case 'image-refused':
      return t('chat.image.wrongType');
    case 'image-too-large':
      return t('chat.errors.imageTooLarge');
    default:
      return t('chat.errors.failed');
  }
}
