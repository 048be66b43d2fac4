/**
 * "Message" on a colleague's row, card and search result (issue 17) and on an agent in the team view
 * (issue 19), given by MainView around both views: a function that opens our chat, or null when this sign-in has no company (the button then
 * says chat needs a company account). No provider: no button.
 */
import { createContext, useContext } from 'react';
import type { DirectoryPerson } from '../../../shared/directory.ts';

/** Only the person id is needed (the team view's rows have no directory entry). */
export type MessageColleague = ((person: Pick<DirectoryPerson, 'id'>) => void) | null;

export const MessageColleagueContext = createContext<MessageColleague | undefined>(undefined);

export const useMessageColleague = () => useContext(MessageColleagueContext);
