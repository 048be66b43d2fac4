import { z } from 'zod';
import type { QueryParams } from '../../http-entry.ts';
import { openEventStream, sseFrame, type EventStream } from '../event-stream.ts';
import { bearerToken, parse, readJson, sendJson, type RouteHandler } from '../http.ts';
import { ProvisioningError } from '../service.ts';
import { callDirections } from './call-book.ts';
import { settableStatuses, type TeamEvent, type TeamService } from './team-service.ts';

export const teamSchemas = {
  agentStatus: z
    .object({ status: z.enum(settableStatuses), reason: z.string().trim().min(1).max(100).optional() })
    .strict(),
  myCalls: z
    .object({
      calls: z
        .array(
          z
            .object({
              id: z.string().min(1).max(256),
              direction: z.enum(callDirections),
              party: z.string().max(128),
              talkMs: z
                .number()
                .int()
                .min(0)
                .max(7 * 24 * 3600_000),
            })
            .strict(),
        )
        .max(8),
    })
    .strict(),
};

const extensionOf = (segments: string[]) => {
  const extension = segments[3] ?? '';
  if (!/^\d{2,8}$/.test(extension)) throw new ProvisioningError('invalid-request', 'An extension is 2–8 digits');
  return extension;
};

const teamOf = (query: QueryParams) => {
  query.only('team');
  const team = query.string('team');
  return team === undefined || team === '' ? null : team;
};

export type TeamRoutesOptions = { team: TeamService; pingIntervalMs?: number; maxBufferedBytes?: number };

/** The supervisor's team view (GET /v1/team[/events], agent actions) and the agents' call reports. */
export function teamRoutes({ team, pingIntervalMs = 15_000, maxBufferedBytes = 256 * 1024 }: TeamRoutesOptions) {
  const routes: Record<string, RouteHandler> = {
    'GET /v1/team': async (req, res, _address, { query }) =>
      sendJson(res, 200, team.snapshot(bearerToken(req), teamOf(query))),
    'GET /v1/team/events': async (req, res, _address, { query }) => {
      const pending: TeamEvent[] = [];
      let stream: EventStream | null = null;
      const { snapshot, unsubscribe, drop } = team.subscribe(
        bearerToken(req),
        teamOf(query),
        (event) => (stream ? stream.send(sseFrame(event.event, event.data)) : pending.push(event)),
        () => stream?.end(),
      );
      stream = openEventStream(res, { maxBufferedBytes, pingIntervalMs, onCut: drop });
      stream.onClose(unsubscribe);
      stream.send(sseFrame('snapshot', snapshot));
      stream.startBound();
      for (const event of pending) stream.send(sseFrame(event.event, event.data));
    },
    'PUT /v1/team/agents/{extension}/status': async (req, res, _address, { segments }) => {
      const token = bearerToken(req);
      const body = parse(teamSchemas.agentStatus, await readJson(req));
      sendJson(res, 200, await team.setAgentStatus(token, extensionOf(segments), body));
    },
    'GET /v1/team/agents/{extension}/calls': async (req, res, _address, { segments }) =>
      sendJson(res, 200, team.agentCalls(bearerToken(req), extensionOf(segments))),
    'PUT /v1/my-calls': async (req, res) => {
      const token = bearerToken(req);
      const body = parse(teamSchemas.myCalls, await readJson(req));
      team.reportCalls(token, body.calls);
      res.writeHead(204).end();
    },
  };
  return routes;
}
