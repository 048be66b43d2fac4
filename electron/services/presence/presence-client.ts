/**
 * The provisioning service's status and presence API (docs/status-and-presence.md) over fetch:
 * the event stream (GET /v1/presence/events, reconnected with backoff, a fresh snapshot each time)
 * and the three requests. Never throws for what the network or the service does: answers are
 * typed results, and everything received is checked with zod before anyone sees it.
 */
import { z } from 'zod';
import {
  CallbackAnswerSchema,
  GroupPresenceSchema,
  PresenceSchema,
  PresenceSnapshotSchema,
  type GroupPresence,
  type Presence,
  type PresenceSnapshot,
  type RingTarget,
  type StatusRequest,
} from '../../../src/shared/presence.ts';
import {
  DeviceApi,
  eventTable,
  onEvent,
  type DeviceApiOptions,
  type RequestResult,
  type StreamState,
} from '../provisioning/device-api.ts';

export type { RequestResult, StreamState };

export type PresenceListener = {
  snapshot(snapshot: PresenceSnapshot): void;
  presence(presence: Presence): void;
  group(group: GroupPresence): void;
  state(state: StreamState): void;
};

export type PresenceClientOptions = DeviceApiOptions;

/** One connected call as the team view shows it: `talkMs` so far, so the service's clock places its start. */
export type ReportedCall = { id: string; direction: 'incoming' | 'outgoing'; party: string; talkMs: number };

export class PresenceClient {
  readonly #api: DeviceApi;

  constructor(options: PresenceClientOptions) {
    this.#api = new DeviceApi(options);
  }

  /** Opens the stream and keeps it open (reconnecting) until stop(). */
  start(listener: PresenceListener): void {
    this.#api.keepStream('/v1/presence/events', {
      event: eventTable({
        snapshot: onEvent(PresenceSnapshotSchema, (snapshot) => listener.snapshot(snapshot), true),
        presence: onEvent(PresenceSchema, (presence) => listener.presence(presence)),
        group: onEvent(GroupPresenceSchema, (group) => listener.group(group)),
      }),
      state: (state) => listener.state(state),
    });
  }

  stop(): void {
    this.#api.stop();
  }

  setStatus(request: StatusRequest): Promise<RequestResult<Presence>> {
    return this.#api.request('PUT', '/v1/status', request, PresenceSchema);
  }

  /** `number` without a number: the one typed at the station step before. */
  setRingTarget(ringTarget: RingTarget): Promise<RequestResult<Presence>> {
    return this.#api.request('PUT', '/v1/ring-target', { ringTarget }, PresenceSchema);
  }

  /** The connected calls now, for the supervisors' team view (PUT /v1/my-calls answers 204: no body). */
  reportCalls(calls: readonly ReportedCall[]): Promise<RequestResult<null>> {
    return this.#api.request('PUT', '/v1/my-calls', { calls }, z.null());
  }

  async callback(to: string): Promise<RequestResult<{ callbackId: string }>> {
    return this.#api.request('POST', '/v1/callback', { to }, CallbackAnswerSchema);
  }
}
