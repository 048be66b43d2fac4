import type { CallbackPlacer, CallbackRequest } from './callback-placer.ts';

export class CallbackQueueFullError extends Error {
  readonly companyId: number;
  constructor(companyId: number, limit: number) {
    super(`company ${companyId} already has ${limit} callbacks waiting or under way`);
    this.name = 'CallbackQueueFullError';
    this.companyId = companyId;
  }
}

export type CallbackQueueOptions = {
  /** What places a callback (SipCallbackLine: one at a time, each up to a ring timeout plus the transfer). */
  placer: CallbackPlacer;
  /** The company a request is for (by its caller's extension: extensions are unique on the switchboard). */
  companyOf: (request: CallbackRequest) => number;
  /** Callbacks a company may have waiting or under way at once (default 5). */
  perCompany?: number;
};

type Job = {
  companyId: number;
  request: CallbackRequest;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/**
 * The callback line's waiting room. There is one line and it places one callback at a time, so
 * without this one company's burst of requests would sit in front of everyone else's, and requests
 * would pile up in memory without end. Here each company has at most `perCompany` callbacks waiting
 * or under way (`hasRoom` says so before a request is accepted; a request over it is rejected with
 * CallbackQueueFullError), and the line takes the companies in turn, so another company's next
 * callback waits for at most one of each busy company's, never for a whole backlog.
 */
export class CallbackQueue implements CallbackPlacer {
  readonly perCompany: number;
  private readonly placer: CallbackPlacer;
  private readonly companyOf: (request: CallbackRequest) => number;
  /** Waiting jobs per company (only companies with something waiting). */
  private readonly waiting = new Map<number, Job[]>();
  private running: Job | null = null;
  /** When each company last had the line (a turn count): one entry per company that ever asked. */
  private readonly servedAt = new Map<number, number>();
  private turns = 0;

  constructor(options: CallbackQueueOptions) {
    this.placer = options.placer;
    this.companyOf = options.companyOf;
    this.perCompany = options.perCompany ?? 5;
  }

  /** Callbacks of this company waiting or under way. */
  pending(companyId: number): number {
    return (this.waiting.get(companyId)?.length ?? 0) + (this.running?.companyId === companyId ? 1 : 0);
  }

  hasRoom(companyId: number): boolean {
    return this.pending(companyId) < this.perCompany;
  }

  /** Resolves when the placer has placed it (SipCallbackLine: the mobile answered and was referred). */
  placeCallback(request: CallbackRequest): Promise<void> {
    const companyId = this.companyOf(request);
    if (!this.hasRoom(companyId)) return Promise.reject(new CallbackQueueFullError(companyId, this.perCompany));
    return new Promise<void>((resolve, reject) => {
      const jobs = this.waiting.get(companyId) ?? [];
      jobs.push({ companyId, request, resolve, reject });
      this.waiting.set(companyId, jobs);
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    // The company served longest ago (or never) goes next: round robin, whenever each one asked.
    let companyId: number | undefined;
    for (const id of this.waiting.keys()) {
      if (companyId === undefined || (this.servedAt.get(id) ?? 0) < (this.servedAt.get(companyId) ?? 0)) companyId = id;
    }
    if (companyId === undefined) return;
    const jobs = this.waiting.get(companyId)!;
    const job = jobs.shift()!;
    if (jobs.length === 0) this.waiting.delete(companyId);
    this.servedAt.set(companyId, ++this.turns);
    this.running = job;
    let placing: Promise<void>;
    try {
      placing = this.placer.placeCallback(job.request);
    } catch (error) {
      placing = Promise.reject(error);
    }
    placing.then(job.resolve, job.reject).finally(() => {
      this.running = null;
      this.next();
    });
  }
}
