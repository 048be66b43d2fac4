/**
 * End reasons the engine sets itself (not JsSIP's or the server's words); the UI translates these,
 * and the call log keeps them as they are.
 */
export const MEDIA_LOST_CAUSE = 'No audio for 15 s';
