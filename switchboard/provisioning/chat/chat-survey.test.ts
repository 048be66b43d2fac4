import { describe, expect, it } from 'vitest';
import { useChatServer } from '../test-support/chat-server.ts';

describe('satisfaction survey (满意度调查) over HTTP', () => {
  const served = useChatServer();
  const { call } = served;

  it('is sent once by the agent, answered once by the visitor, even after the end, and kept for the record', async () => {
    const agent = await served.f.signIn('8001');
    const v = (await call('POST', '/v1/chat/visits', undefined, { companyId: served.f.companyId })).body as {
      conversationId: string;
      visitorToken: string;
    };
    const desk = `/v1/chat/desk/${v.conversationId}`;
    const visit = `/v1/chat/visits/${v.conversationId}`;
    expect((await call('POST', `${visit}/survey`, v.visitorToken, { score: 5 })).body).toMatchObject({
      code: 'survey-not-sent',
    });
    expect((await call('POST', `${desk}/survey`, agent)).status).toBe(200);
    expect((await call('POST', `${desk}/survey`, agent)).body).toMatchObject({ code: 'survey-already-sent' });
    expect((await call('GET', visit, v.visitorToken)).body).toMatchObject({ survey: { state: 'sent' } });

    await call('POST', `${desk}/end`, agent);
    expect((await call('POST', `${visit}/survey`, v.visitorToken, { score: 6 })).status).toBe(400);
    const answered = await call('POST', `${visit}/survey`, v.visitorToken, { score: 4, comment: ' 很耐心 ' });
    expect(answered.body).toMatchObject({ survey: { state: 'answered', score: 4, comment: '很耐心' } });
    const twice = await call('POST', `${visit}/survey`, v.visitorToken, { score: 1 });
    expect(twice).toMatchObject({ status: 409, body: { code: 'survey-already-answered' } });

    const recent = (await call('GET', '/v1/chat/desk', agent)).body['recent'] as { id: string; survey: unknown }[];
    expect(recent.find((c) => c.id === v.conversationId)?.survey).toMatchObject({ state: 'answered', score: 4 });
    const lines = (await call('GET', `${visit}/messages`, v.visitorToken)).body['messages'] as { event: string }[];
    expect(lines.map((m) => m.event).filter((e) => e?.startsWith('survey'))).toEqual([
      'survey-sent',
      'survey-answered',
    ]);
  });

  it('cannot be sent to a chat still ringing as an offer, nor by someone else’s device', async () => {
    const agent = await served.f.signIn('8001');
    const stranger = await served.f.signIn('8002');
    const v = (await call('POST', '/v1/chat/visits', undefined, { companyId: served.f.companyId })).body as {
      conversationId: string;
    };
    expect((await call('POST', `/v1/chat/desk/${v.conversationId}/survey`, stranger)).status).toBe(404);
    expect((await call('POST', `/v1/chat/desk/${v.conversationId}/survey`, agent)).status).toBe(200);
  });
});
