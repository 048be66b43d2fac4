/**
 * The team view follows chats live (issue 19): a customer waiting in the chat queue, then the chat opening
 * on an agent and ending, reach the supervisor's stream without any status change of the agent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatFixture, type ChatFixture } from '../test-support/chat-fixture.ts';
import { addAccount } from '../test-support/team-fixture.ts';
import type { TeamGroup } from './team-groups.ts';
import { TeamService, type TeamAgent, type TeamEvent } from './team-service.ts';

let f: ChatFixture;
let team: TeamService;
const events: TeamEvent[] = [];

beforeEach(() => {
  f = chatFixture({ settings: { acceptMode: 'auto' } });
  addAccount(f, '8010', 'supervisor', ['Hotline']);
  addAccount(f, '8001', 'agent', ['Hotline']);
  team = new TeamService({ db: f.db, clock: f.clock, devices: f.service, presence: f.presence, chats: f.chat.desk });
  events.length = 0;
});
afterEach(() => {
  team.stop();
  f.close();
});

const settle = () => new Promise((resolve) => setImmediate(resolve));
const lastAgent = (extension: string) =>
  events
    .filter((e): e is { event: 'agent'; data: TeamAgent } => e.event === 'agent' && e.data.extension === extension)
    .at(-1)?.data;
const lastChatGroup = () =>
  events.filter((e): e is { event: 'group'; data: TeamGroup } => e.event === 'group' && e.data.kind === 'chat').at(-1)
    ?.data;

describe('the team view and chats', () => {
  it("shows a waiting customer in the chat group's queue, then the chat open on the agent and counted when it ends", async () => {
    const supervisor = await f.signIn('8010');
    team.subscribe(
      supervisor,
      null,
      (event) => events.push(event),
      () => {},
    );
    // Nobody of the chat group is signed in: the customer waits.
    f.chat.visitors.start({ companyId: f.companyId }, '127.0.0.1');
    await settle();
    expect(lastChatGroup()).toMatchObject({ chatsWaiting: 1, waitingSince: f.clock.now() });

    const agent = await f.signIn('8001');
    await settle();
    expect(lastAgent('8001')).toMatchObject({ status: 'available', chatsOpen: 1 });
    expect(lastChatGroup()).toMatchObject({ chatsWaiting: 0, waitingSince: null });

    const open = f.db.prepare(`SELECT id FROM conversations WHERE state = 'open'`).pluck().get() as string;
    f.clock.advanceSec(120);
    f.chat.agents.end(agent, open);
    await settle();
    expect(lastAgent('8001')).toMatchObject({ chatsOpen: 0, chatsToday: 1, averageHandleMs: 120_000 });
  });
});
