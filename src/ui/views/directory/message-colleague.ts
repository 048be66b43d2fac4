/**
 * "Message" on a colleague's row, card and search result (issue 17), given by MainView around the
 * directory: a function that opens our chat, or null when this sign-in has no company (the button then
 * says chat needs a company account). No provider: no button.
 */
import { createContext, useContext } from 'react';
import type { DirectoryPerson } from '../../../shared/directory.ts';

export type MessageColleague = ((person: DirectoryPerson) => void) | null;

export const MessageColleagueContext = createContext<MessageColleague | undefined>(undefined);

export const useMessageColleague = () => useContext(MessageColleagueContext);
