/**
 * TEST SUPPORT: the chat fixture behind the real provisioning HTTP server, fresh for each test of the
 * describe block that calls it (auto-accept, so a visit reaches an agent at once), with a JSON request helper.
 * Read `served.f` and `served.url` inside tests: they are set in beforeEach.
 */
import type { Server } from 'node:http';
import { afterEach, beforeEach } from 'vitest';
import type { ChatSettings } from '../chat/chat-settings.ts';
import { close, createProvisioningServer, listen } from '../http.ts';
import { chatFixture, type ChatFixture } from './chat-fixture.ts';

export type JsonAnswer = { status: number; type: string | null; body: Record<string, unknown> };

export type ServedChat = {
  f: ChatFixture;
  url: string;
  /** A request with an optional bearer token and JSON body (a string body goes as it is); the answer's JSON. */
  call(method: string, path: string, bearer?: string, body?: unknown): Promise<JsonAnswer>;
  /** A visitor of the demo company starts a chat. */
  visit(): Promise<{ conversationId: string; visitorToken: string }>;
};

export function useChatServer(settings: Partial<ChatSettings> = { acceptMode: 'auto' }): ServedChat {
  let server: Server;
  const served: ServedChat = {
    f: undefined as unknown as ChatFixture,
    url: '',
    async call(method, path, bearer, body) {
      const res = await fetch(`${served.url}${path}`, {
        method,
        headers: {
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        body: (await res.json()) as Record<string, unknown>,
      };
    },
    async visit() {
      const answer = await served.call('POST', '/v1/chat/visits', undefined, { companyId: served.f.companyId });
      if (answer.status !== 201) throw new Error(`starting a visit answered ${answer.status}`);
      return answer.body as { conversationId: string; visitorToken: string };
    },
  };
  beforeEach(async () => {
    served.f = chatFixture({ settings });
    server = createProvisioningServer({ service: served.f.service, routes: served.f.chatRoutes() });
    served.url = await listen(server);
  });
  afterEach(async () => {
    await close(server);
    served.f.close();
  });
  return served;
}
