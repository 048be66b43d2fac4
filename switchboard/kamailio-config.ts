import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * The switchboard's Kamailio script is switchboard/kamailio/kamailio.cfg (with who-may-call.cfg and
 * service-routing.cfg beside it). What differs per run is rendered here into the small file Kamailio is
 * started with: `#!substdef`/`#!define` lines, an include of the script, and the two generated routes.
 */
export const kamailioScript = fileURLToPath(new URL('./kamailio/kamailio.cfg', import.meta.url));

/** A gateway trusted by where it sends from (a PSTN trunk): its requests are not challenged. */
export type TrustedPeer = { transport: 'udp' | 'tcp' | 'tls'; address: string; port: number };

/** Everything the run's kamailio.cfg depends on; all paths absolute. */
export type KamailioConfigParams = {
  domain: string;
  udpPort: number;
  wsPort: number;
  wssPort: number;
  rtpengineNgPort: number;
  dbPath: string;
  tlsConfigPath: string;
  logLevel: number;
  /** When set, the ctl module listens on this unix socket for `kamcmd` (e.g. `ul.rm` to drop a revoked device). */
  ctlSocket?: string;
  /** Group numbers that ring all their members at once (e.g. the operator group), number → member users. */
  groups?: Record<string, string[]>;
  /**
   * When set, every new INVITE to a local user is routed as the provisioning service decides (status,
   * group hunting, mobile forwarding: kamailio/service-routing.cfg). Without it, groups ring all members at once.
   */
  serviceRouting?: ServiceRouting;
  /** Default none: every request that is not part of a call we routed must come from an authenticated user. */
  trustedPeers?: TrustedPeer[];
};

export type ServiceRouting = {
  /** Base URL of the provisioning service's internal (loopback-only) listener, e.g. http://127.0.0.1:43210. */
  url: string;
  /** Sent as X-Switchboard-Secret; the service refuses /internal requests without it. */
  secret: string;
};

/** Where Kamailio listens; the domain users register under is separate (KamailioConfigParams.domain). */
const LISTEN_IP = '127.0.0.1';

/** One `#!substdef`: the value is pasted into the script as is, so only characters that cannot break it. */
function substdef(id: string, value: string | number, allowed: RegExp): string {
  const text = String(value);
  if (!allowed.test(text)) throw new Error(`Bad Kamailio setting ${id}: ${JSON.stringify(text)}`);
  return `#!substdef "!${id}!${text}!g"`;
}

const port = /^([1-9]\d{0,3}|[1-5]\d{4}|6[0-4]\d{3}|65[0-4]\d\d|655[0-2]\d|6553[0-5])$/;
const path = /^\/[A-Za-z0-9_./+-]+$/;

/**
 * A call to a group number becomes one branch per member; lookup_branches keeps the members that
 * are registered (each branch gets its own rtpengine flags in MANAGE_BRANCH). Nobody there: 480.
 */
export function renderGroupRoutes(domain: string, groups: Record<string, string[]>): string {
  const blocks = Object.entries(groups).map(([number, members]) => {
    if (!/^\d+$/.test(number) || members.length === 0 || members.some((m) => !/^[A-Za-z0-9_.-]+$/.test(m)))
      throw new Error(`Bad group ${number}: ${members.join(', ')}`);
    const [first, ...rest] = members;
    return [
      `\tif ($rU == "${number}") {`,
      `\t\t$ru = "sip:${first}@${domain}";`,
      ...rest.map((member) => `\t\tappend_branch("sip:${member}@${domain}");`),
      '\t\tif (!lookup_branches("location")) {',
      '\t\t\tif ($var(in_tran) != 1) t_newtran();',
      '\t\t\tsend_reply("480", "Nobody in the group is available");',
      '\t\t\texit;',
      '\t\t}',
      '\t\troute(RELAY);',
      '\t}',
    ].join('\n');
  });
  return ['route[GROUPS] {', ...blocks, '\treturn;', '}'].join('\n');
}

/** Sets $var(trusted) for a request from one of the peers (never over a WebSocket: apps always authenticate). */
export function renderTrustedPeers(peers: TrustedPeer[]): string {
  const lines = peers.map((peer) => {
    if (!['udp', 'tcp', 'tls'].includes(peer.transport) || !isIP(peer.address) || !Number.isInteger(peer.port))
      throw new Error(`Bad trusted peer: ${JSON.stringify(peer)}`);
    return `\tif ($proto == "${peer.transport}" && $si == "${peer.address}" && $sp == ${peer.port}) $var(trusted) = 1;`;
  });
  return ['route[TRUSTED_PEER] {', ...lines, '\treturn;', '}'].join('\n');
}

/** The run's kamailio.cfg. It holds the routing secret: write it owner-only. */
export function renderKamailioConfig(p: KamailioConfigParams): string {
  const domain = p.domain.toLowerCase();
  const lines = [
    '#!KAMAILIO',
    '# This run of the reference switchboard (written by switchboard/kamailio-config.ts): what differs per',
    '# run, then the switchboard script. Owner-only: it holds the routing secret.',
    substdef('SB_DOMAIN', domain, /^[a-z0-9.-]+$/),
    substdef('SB_LISTEN_IP', LISTEN_IP, /^[0-9.]+$/),
    substdef('SB_UDP_PORT', p.udpPort, port),
    substdef('SB_WS_PORT', p.wsPort, port),
    substdef('SB_WSS_PORT', p.wssPort, port),
    substdef('SB_RTPENGINE_NG_PORT', p.rtpengineNgPort, port),
    substdef('SB_DB_PATH', p.dbPath, path),
    substdef('SB_TLS_CONFIG', p.tlsConfigPath, path),
    substdef('SB_LOG_LEVEL', p.logLevel, /^-?\d$/),
  ];
  if (p.ctlSocket) lines.push('#!define WITH_CTL', substdef('SB_CTL_SOCKET', p.ctlSocket, path));
  if (p.serviceRouting) {
    lines.push(
      '#!define WITH_SERVICE_ROUTING',
      substdef('SB_ROUTING_URL', p.serviceRouting.url, /^http:\/\/[A-Za-z0-9.:[\]-]+$/),
      substdef('SB_ROUTING_SECRET', p.serviceRouting.secret, /^[A-Za-z0-9_-]{16,}$/),
    );
  }
  if (!path.test(kamailioScript)) throw new Error(`Kamailio cannot include ${kamailioScript}: move the checkout`);
  lines.push(
    `include_file "${kamailioScript}"`,
    '',
    renderGroupRoutes(domain, p.groups ?? {}),
    '',
    renderTrustedPeers(p.trustedPeers ?? []),
    '',
  );
  return lines.join('\n');
}

export function renderTlsConfig(key: string, cert: string): string {
  return [
    '[server:default]',
    'method = TLSv1.2+',
    'verify_certificate = no',
    'require_certificate = no',
    `private_key = ${key}`,
    `certificate = ${cert}`,
    '',
    '[client:default]',
    'method = TLSv1.2+',
    'verify_certificate = no',
    'require_certificate = no',
    '',
  ].join('\n');
}
