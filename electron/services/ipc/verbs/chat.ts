/** Online customer service, the agent's side (issue 16). Refusals arrive as UserFacingErrors. */
import type { UiHandlers, VerbTargets } from './types.ts';

export const chatVerbs = ({ chat }: VerbTargets) =>
  ({
    openChat: ({ id }) => chat.open(id),
    sendChatMessage: ({ id, text }) => chat.send(id, text),
    discardChatSend: ({ id, clientId }) => chat.discard(id, clientId),
    acceptChat: ({ id }) => chat.accept(id),
    endChat: ({ id }) => chat.end(id),
    hideChat: ({ id }) => chat.hide(id),
    transferChat: ({ id, to, note }) => chat.transfer(id, to, note ?? null),
    listChatGroups: () => chat.groups(),
    searchChatRecords: (query) => chat.records(query),
    reopenChat: async ({ id }) => ({ id: await chat.reopen(id) }),
    contactChatUser: async ({ userId }) => ({ id: await chat.contact(userId) }),
    getChatContext: ({ id, cursor }) => chat.context(id, cursor),
    sendChatImage: ({ id, base64 }) => chat.sendImage(id, base64),
    getChatImage: ({ id, imageId }) => chat.image(id, imageId),
    sendChatSurvey: ({ id }) => chat.sendSurvey(id),
    startInternalChat: async ({ personId }) => ({ id: await chat.internal.start(personId) }),
    searchInternalChats: ({ q, id }) => chat.internal.search(q, id),
  }) satisfies Partial<UiHandlers>;
