import { chatRoutes } from '../chat/chat-http.ts';
import type { ChatLimits } from '../chat/chat-limits.ts';
import { ChatService } from '../chat/chat-service.ts';
import { setChatSettings, setVisitorSigningSecret, type ChatSettings } from '../chat/chat-settings.ts';
import type { RouteHandler } from '../http.ts';
import { presenceFixture, type PresenceFixture } from './presence-fixture.ts';

export type ChatFixture = PresenceFixture & {
  chat: ChatService;
  /** The demo chat group (8001, 8002, 8003). */
  groupId: number;
  /** The demo company's key for signing its visitors. */
  signingSecret: string;
  /** Presence, callback and chat routes, as start.ts wires them. */
  chatRoutes(): Record<string, RouteHandler>;
};

/** TEST SUPPORT: the demo company with its chat group, on a manual clock; nobody signed in yet (all Offline). */
export function chatFixture(
  options: { settings?: Partial<ChatSettings>; limits?: Partial<ChatLimits> } = {},
): ChatFixture {
  const f = presenceFixture();
  const chat = new ChatService({
    db: f.db,
    clock: f.clock,
    devices: f.service,
    presence: f.presence,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  setChatSettings(f.db, f.companyId, options.settings ?? {});
  const signingSecret = 'demo-signing-secret-0123456789abcdef';
  setVisitorSigningSecret(f.db, f.companyId, signingSecret);
  const groupId = f.db
    .prepare(`SELECT min(id) FROM chat_groups WHERE company_id = ?`)
    .pluck()
    .get(f.companyId) as number;
  return {
    ...f,
    chat,
    groupId,
    signingSecret,
    chatRoutes: () => ({ ...f.routes(), ...chatRoutes({ chat, pingIntervalMs: 50 }) }),
    close() {
      chat.stop();
      f.close();
    },
  };
}
