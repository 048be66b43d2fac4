/**
 * The state every UI window renders (AppState), shared by the core's pieces: each changes its part
 * and every change goes to the windows at once as the `state` event. The only place AppState lives.
 */
import type { AppState, CallSnapshot } from '../../../src/shared/domain.ts';
import type { UiBroadcast } from './ports.ts';

export class AppStateStore {
  private state: AppState;
  private readonly ui: UiBroadcast;

  constructor(ui: UiBroadcast, initial: AppState) {
    this.ui = ui;
    this.state = initial;
  }

  get(): AppState {
    return this.state;
  }

  update(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.ui.broadcast('state', this.state);
  }

  /** Before any window exists (composition): sets a part without telling anyone. */
  seed(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
  }

  call(callId: string): CallSnapshot | undefined {
    return this.state.calls.find((call) => call.id === callId);
  }

  /** Calls not yet ended (an ended call stays on screen for a moment: see CallService). */
  liveCalls(): CallSnapshot[] {
    return this.state.calls.filter((call) => call.phase !== 'ended');
  }

  isRegistered(): boolean {
    return this.state.registration.status === 'registered';
  }
}
