/**
 * PREVIEW ONLY. Working status and presence (issue 10): a number-signed-in agent, a small company
 * directory with everyone's live status, and a hotline group.
 */
import type { AppState, CallSnapshot } from '../../shared/domain.ts';
import type { DirectoryDepartment, DirectoryPerson } from '../../shared/directory.ts';
import {
  DEFAULT_AGENT_POLICY,
  type AgentView,
  type DeskPhone,
  type GroupPresence,
  type Presence,
} from '../../shared/presence.ts';
import type { PreviewScenario } from './preview-api.ts';

export function agentView(patch: Partial<AgentView> = {}): AgentView {
  return {
    availability: 'live',
    status: 'available',
    reason: null,
    chosen: 'available',
    chosenReason: null,
    acwUntil: null,
    wrapUp: null,
    notice: null,
    ringTarget: 'computer',
    ringTargets: ['computer', 'mobile'],
    ringNumber: null,
    policy: {
      ...DEFAULT_AGENT_POLICY,
      breakReasons: ['午餐 Lunch', '会议 Meeting', '培训 Training'],
      wrapUpCodes: [
        { code: 'inquiry', label: '咨询 Inquiry' },
        { code: 'complaint', label: '投诉 Complaint' },
        { code: 'after-sales', label: '售后 After-sales' },
        { code: 'other', label: '其他 Other' },
      ],
    },
    autoAnswer: false,
    callback: null,
    ...patch,
  };
}

const departments: DirectoryDepartment[] = [
  { id: 1, parentId: null, name: '客服部 Service', directCount: 5, totalCount: 5 },
  { id: 2, parentId: null, name: '销售部 Sales', directCount: 3, totalCount: 3 },
];

const roster: Array<[number, number, string, string, string, Presence['status'], string | null]> = [
  [1, 1, '张伟', '2001', '+8613800138001', 'available', null],
  [2, 1, '李娜', '2002', '+8613800138002', 'on-call', null],
  [3, 1, '王芳', '2003', '+8613800138003', 'break', '午餐 Lunch'],
  [4, 1, '刘洋', '2004', '+8613800138004', 'after-call-work', null],
  [5, 1, 'Emily Carter', '2005', '+8613800138005', 'busy', 'not-responding'],
  [6, 2, '陈静', '2101', '+8613800138006', 'offline', null],
  [7, 2, '赵磊', '2102', '+8613800138007', 'available', null],
  [8, 2, '孙丽', '2103', '+8613800138008', 'busy', null],
];

type Company = {
  departments: DirectoryDepartment[];
  people: DirectoryPerson[];
  presence: Presence[];
  groups: GroupPresence[];
  deskPhones: DeskPhone[];
};

function company(now: number): Company {
  const people: DirectoryPerson[] = roster.map(([id, departmentId, name, extension, mobile]) => ({
    id,
    departmentId,
    departmentPath: [departments.find((d) => d.id === departmentId)!.name],
    name,
    extension,
    mobile,
    email: null,
    callPermission: 'national',
  }));
  const presence: Presence[] = roster.map(([, , , extension, , status, reason]) => ({
    extension,
    status,
    reason,
    since: now - 5 * 60_000,
    acwUntil: status === 'after-call-work' ? now + 20_000 : null,
    idleSince: status === 'available' ? now - 9 * 60_000 : null,
    ringTarget: 'computer',
  }));
  const groups: GroupPresence[] = [
    {
      number: '8200',
      name: '客服热线 Hotline',
      members: ['2001', '2002', '2003', '2004', '2005'],
      available: 1,
      ringTimeoutSec: 20,
    },
    {
      number: '8300',
      name: '销售热线 Sales line',
      members: ['2101', '2102', '2103'],
      available: 1,
      ringTimeoutSec: 20,
    },
  ];
  const deskPhones: DeskPhone[] = [
    { sipUser: 'desk-2001', extension: '2001', name: '张伟' },
    { sipUser: 'desk-2101', extension: '2101', name: '陈静' },
    { sipUser: 'lobby-1', extension: '2005', name: 'Emily Carter' },
  ];
  return { departments, people, presence, groups, deskPhones };
}

/** The scenarios issue 10 adds; null for any other name. */
export function agentScenario(name: string, s: AppState, now: number, call: CallSnapshot): PreviewScenario | null {
  if (!name.startsWith('agent-')) return null;
  const data = company(now);
  const withCompany = (state: AppState): PreviewScenario => ({
    state,
    callLog: [],
    directory: { departments: data.departments, people: data.people },
    presence: { people: data.presence, groups: data.groups, deskPhones: data.deskPhones },
  });
  const agentState = (patch: Partial<AgentView>, extra: Partial<AppState> = {}): AppState => ({
    ...s,
    account: { ...s.account!, user: '2001' },
    agent: agentView(patch),
    ...extra,
  });
  const { answeredAt: _answered, ...ringing } = call;
  switch (name) {
    case 'agent-available':
      return withCompany(agentState({}));
    case 'agent-break':
      return withCompany(
        agentState({ status: 'break', reason: '午餐 Lunch', chosen: 'break', chosenReason: '午餐 Lunch' }),
      );
    case 'agent-offline':
      return withCompany(agentState({ status: 'offline', chosen: 'offline' }));
    case 'agent-acw':
      return withCompany(agentState({ status: 'after-call-work', acwUntil: now + 23_000 }));
    case 'agent-acw-wrap-up-picked':
      return withCompany(agentState({ status: 'after-call-work', acwUntil: now + 23_000, wrapUp: 'after-sales' }));
    case 'agent-acw-wrap-up-required': {
      const view = agentView();
      return withCompany(
        agentState({
          status: 'after-call-work',
          acwUntil: now + 23_000,
          policy: { ...view.policy, wrapUpRequired: true },
        }),
      );
    }
    case 'agent-on-call':
      return withCompany(agentState({ status: 'on-call' }, { calls: [call] }));
    case 'agent-not-responding':
      return withCompany(
        agentState({
          status: 'busy',
          reason: 'not-responding',
          chosen: 'busy',
          chosenReason: 'not-responding',
          notice: 'not-responding',
        }),
      );
    case 'agent-station-number':
      // An e-mail account whose station step chose a typed number: Settings offers the station's choices.
      return withCompany(
        agentState({ ringTarget: 'number', ringTargets: ['computer', 'desk', 'number'], ringNumber: '+46701234567' }),
      );
    case 'agent-mobile-mode':
      return withCompany(agentState({ ringTarget: 'mobile', callback: { to: '2102', at: now } }));
    case 'agent-incoming-group':
      return withCompany(
        agentState(
          {},
          {
            calls: [
              {
                ...ringing,
                direction: 'incoming',
                phase: 'incoming',
                startedAt: now - 6_000,
                ringTimeoutSec: 20,
                group: '8200',
                groupName: '客服热线 Hotline',
              },
            ],
          },
        ),
      );
    case 'agent-sip-account':
      return withCompany(agentState({ availability: 'needs-number-sign-in' }));
    default:
      return withCompany(agentState({}));
  }
}
