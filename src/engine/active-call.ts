/** One call the engine holds: its JsSIP session, what the app sees of it, and its media. */
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { CallSnapshot } from '../shared/domain.ts';
import type { PostDialStep } from '../shared/dial-string.ts';
import type { CallQualityWatch } from './call-quality.ts';
import type { HoldMusic } from './hold-music.ts';
import type { TransferPrompt } from './transfer-prompt.ts';

export type CallMedia = {
  /** The audio sender and the microphone track it carried at first; hold swaps music in and back. */
  sender?: RTCRtpSender;
  mic?: MediaStreamTrack | null;
  music?: HoldMusic;
  /** "Transferring, please wait" while it plays: sent instead of the microphone or the music. */
  prompt?: TransferPrompt;
};

export type ActiveCall = {
  session: RTCSession;
  snapshot: CallSnapshot;
  iceCapTimer?: ReturnType<typeof setTimeout>;
  media: CallMedia;
  /** What a dial string asks for after connect, not yet done. */
  postDial: PostDialStep[];
  postDialStarted?: boolean;
  postDialTimer?: ReturnType<typeof setTimeout>;
  /** Reads the call's media statistics into quality estimates while it is connected. */
  quality?: CallQualityWatch;
  stopMediaWatch?: () => void;
  /** On contact-center hold: held by us without a re-INVITE, still hearing the far side (call-media.ts). */
  listeningHold?: boolean;
};

// 'balanced', not 'max-bundle': a switchboard's SDP (rtpengine) carries one audio m-line and no BUNDLE group.
export const PC_CONFIG: RTCConfiguration = { iceServers: [], bundlePolicy: 'balanced', rtcpMuxPolicy: 'require' };

/** What every call we start or answer asks JsSIP for: audio only, our devices, our ICE settings. */
export function callOptions(mediaConstraints: MediaStreamConstraints) {
  return {
    mediaConstraints,
    pcConfig: PC_CONFIG,
    rtcOfferConstraints: { offerToReceiveAudio: true, offerToReceiveVideo: false },
  };
}
