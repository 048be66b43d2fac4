export type BaresipConfigParams = {
  sipPort: number;
  /** The control channel's module and settings (line-broker.ts). */
  controlLines: readonly string[];
  rtpPorts: { min: number; max: number };
  sourceWav: string;
  /** Directory for sndfile's per-call dumps; null = don't record. */
  recordDir: string | null;
  /** The codecs it offers and answers, in order; default G.711 only (a desk phone or gateway). */
  codecs?: BaresipCodecs;
};

/** G.711 (a desk phone), Opus then G.711 (a softphone), or Opus alone. */
export type BaresipCodecs = 'g711' | 'opus-g711' | 'opus';
const CODEC_LISTS: Record<BaresipCodecs, string> = {
  g711: 'pcmu,pcma',
  'opus-g711': 'opus/48000/2,pcmu,pcma',
  opus: 'opus/48000/2',
};

/**
 * No sound card: audio comes from aufile (a 48 kHz mono WAV) and what the phone hears is captured by
 * the sndfile filter (per-call dump-*-dec.wav). menu.so is needed because it registers the
 * dial/accept/hangup commands that the control channel dispatches.
 */
export function renderBaresipConfig(p: BaresipConfigParams): string {
  const lines = [
    'poll_method epoll',
    // Only loopback exists in the test namespace; without this baresip finds no local address for media.
    'net_interface 127.0.0.1',
    `sip_listen 127.0.0.1:${p.sipPort}`,
    'call_local_timeout 120',
    'call_max_calls 4',
    `audio_source aufile,${p.sourceWav}`,
    'audio_player aubridge,sink',
    'audio_alert aubridge,sink',
    'ausrc_srate 48000',
    'ausrc_channels 1',
    'auplay_srate 48000',
    'auplay_channels 1',
    'audio_level no',
    `rtp_ports ${p.rtpPorts.min}-${p.rtpPorts.max}`,
    'rtcp_mux no',
    'jitter_buffer_delay 1-10',
    'module_path /usr/lib/baresip/modules',
    // G.711 only by default, as most desk phones and gateways. With Opus, baresip 1.0 answers
    // telephone-event/8000 only beside opus/48000: the app then sends digits by SIP INFO (src/engine/dtmf-sdp.ts).
    ...(p.codecs?.startsWith('opus') ? ['module opus.so'] : []),
    'module g711.so',
    'module aufile.so',
    'module aubridge.so',
    ...(p.recordDir !== null ? ['module sndfile.so', `snd_path ${p.recordDir}`] : []),
    'module_tmp account.so',
    'module_app menu.so',
    ...p.controlLines,
    'menu_bell no',
    'ringback_disabled yes',
    '',
  ];
  return lines.join('\n');
}

export type BaresipAccountParams = {
  user: string;
  password: string;
  displayName: string;
  domain: string;
  proxyPort: number;
  autoAnswer: boolean;
  codecs?: BaresipCodecs;
};

/** AoR is sip:USER@DOMAIN (same as the WebRTC app); the outbound proxy carries the non-standard port. */
export function renderBaresipAccount(p: BaresipAccountParams): string {
  // baresip splits account parameters on ';' and has no escaping.
  if (/[;"<>\s]/.test(p.password))
    throw new Error(`baresip cannot use a password containing ; " < > or spaces (user ${p.user})`);
  const name = p.displayName.replace(/["\\]/g, '');
  const params = [
    `auth_pass=${p.password}`,
    `outbound="sip:127.0.0.1:${p.proxyPort};transport=udp"`,
    `answermode=${p.autoAnswer ? 'auto' : 'manual'}`,
    'regint=600',
    // A bare "opus" would mean opus/8000, which baresip does not have.
    `audio_codecs=${CODEC_LISTS[p.codecs ?? 'g711']}`,
  ];
  return `"${name}" <sip:${p.user}@${p.domain}>;${params.join(';')}\n`;
}
