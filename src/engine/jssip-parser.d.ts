/** JsSIP's message parser (jssip/lib/Parser.js ships no types); the engine reads inbound messages with it first. */
declare module 'jssip/lib/Parser.js' {
  import type { IncomingRequest, IncomingResponse } from 'jssip/lib/SIPMessage.js';

  /** The parsed message, or undefined when JsSIP cannot parse it. `ua` is only stored on a request. */
  export function parseMessage(data: string, ua: object): IncomingRequest | IncomingResponse | undefined;
}
