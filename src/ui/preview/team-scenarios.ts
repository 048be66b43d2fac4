/**
 * PREVIEW ONLY. The supervisor's Team tab (issue 19): a supervisor signed in by e-mail with a team of
 * agents in every status (one stuck on a break for hours, calls both ways, chats), a hotline with calls
 * waiting and a chat group; `team-large` has 1,000 agents (the virtualized table).
 */
import type { AppState } from '../../shared/domain.ts';
import type { TeamAgent, TeamGroup, TeamSnapshot } from '../../shared/team.ts';
import { agentView } from './agent-scenarios.ts';
import type { PreviewScenario } from './preview-api.ts';

const MIN = 60_000;

function agent(now: number, extension: string, name: string, patch: Partial<TeamAgent>): TeamAgent {
  return {
    personId: Number(extension),
    extension,
    name,
    status: 'available',
    reason: null,
    since: now - 4 * MIN,
    call: null,
    chatsOpen: 0,
    callsToday: 0,
    chatsToday: 0,
    averageHandleMs: null,
    groups: ['call:8200'],
    ...patch,
  };
}

function smallTeam(now: number): TeamAgent[] {
  return [
    agent(now, '2001', '张伟', { callsToday: 14, chatsToday: 3, averageHandleMs: 245_000 }),
    agent(now, '2002', '李娜', {
      status: 'on-call',
      since: now - 6 * MIN,
      call: { direction: 'incoming', party: '+86 138 0013 8000', answeredAt: now - 6 * MIN - 12_000 },
      callsToday: 21,
      averageHandleMs: 198_000,
    }),
    agent(now, '2003', '王芳', {
      status: 'break',
      reason: '午餐 Lunch',
      since: now - 185 * MIN,
      callsToday: 6,
      averageHandleMs: 320_000,
    }),
    agent(now, '2004', '刘洋', {
      status: 'after-call-work',
      since: now - 40_000,
      callsToday: 11,
      averageHandleMs: 260_000,
    }),
    agent(now, '2005', 'Emily Carter', {
      status: 'busy',
      reason: 'not-responding',
      since: now - 12 * MIN,
      callsToday: 2,
      averageHandleMs: 410_000,
      groups: ['call:8200', 'chat:1'],
    }),
    agent(now, '2006', '陈静', {
      status: 'on-call',
      since: now - 2 * MIN,
      call: { direction: 'outgoing', party: '赵磊 2102', answeredAt: now - 2 * MIN },
      chatsOpen: 2,
      callsToday: 9,
      chatsToday: 12,
      averageHandleMs: 175_000,
      groups: ['chat:1'],
    }),
    agent(now, '2007', '孙丽', { status: 'offline', since: now - 300 * MIN, groups: ['chat:1'] }),
  ];
}

function groups(now: number, members: number): TeamGroup[] {
  return [
    {
      key: 'call:8200',
      kind: 'call',
      name: '客服热线 Hotline',
      number: '8200',
      members,
      available: 1,
      callsWaiting: 3,
      chatsWaiting: 0,
      waitingSince: now - 95_000,
    },
    {
      key: 'chat:1',
      kind: 'chat',
      name: '在线客服 Online',
      number: null,
      members: 3,
      available: 0,
      callsWaiting: 0,
      chatsWaiting: 1,
      waitingSince: now - 20_000,
    },
  ];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];
const STATUSES: TeamAgent['status'][] = [
  'available',
  'on-call',
  'on-call',
  'busy',
  'after-call-work',
  'break',
  'offline',
];

function largeTeam(now: number): TeamAgent[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const status = STATUSES[i % STATUSES.length]!;
    return agent(
      now,
      String(30_000 + i),
      `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${i % 7 === 0 ? GIVEN[i % 10] : ''}`,
      {
        status,
        reason: status === 'break' ? '培训 Training' : null,
        since: now - ((i * 37) % 90) * MIN - (i % 60) * 1000,
        call:
          status === 'on-call'
            ? {
                direction: i % 2 ? 'incoming' : 'outgoing',
                party: `+86 139 ${String(1000 + i).padStart(4, '0')} 8888`,
                answeredAt: now - (i % 20) * MIN,
              }
            : null,
        callsToday: (i * 7) % 31,
        chatsToday: (i * 3) % 9,
        averageHandleMs: 120_000 + ((i * 13_000) % 300_000),
      },
    );
  });
}

export function teamScenario(name: string, s: AppState, now: number): PreviewScenario | null {
  if (!name.startsWith('team-')) return null;
  const agents = name === 'team-large' ? largeTeam(now) : smallTeam(now);
  const team: TeamSnapshot = {
    team: 'Hotline',
    teams: ['Hotline'],
    agents,
    groups: groups(now, agents.length),
    at: now,
  };
  return {
    state: {
      ...s,
      account: { ...s.account!, user: '2100', displayName: '周杰 (Supervisor)', email: 'zhou.jie@example.cn' },
      agent: agentView(),
      supervising: true,
    },
    callLog: [],
    team,
  };
}
