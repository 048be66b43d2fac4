import { serviceRoutingHooks, type ServiceRouting } from './kamailio-routing.ts';

/** Everything the generated kamailio.cfg depends on; all paths absolute. */
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
   * group hunting, mobile forwarding: kamailio-routing.ts). Without it, groups ring all members at once.
   */
  serviceRouting?: ServiceRouting;
};

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
  return blocks.join('\n');
}

/**
 * rtpengine flags for the SDP that goes TO a WebRTC endpoint (browser via WS/WSS).
 * No DTLS=passive: rtpengine starts ICE (and so DTLS) on the offerer's leg as soon as
 * it sees the offer; forcing "passive" into the answer afterwards left Chromium and
 * rtpengine each waiting for the other's ClientHello. Letting rtpengine pick works both ways.
 */
export const webrtcLegFlags =
  'replace-origin replace-session-connection ICE=force SDES-off UDP/TLS/RTP/SAVPF rtcp-mux-require generate-mid';
/** rtpengine flags for the SDP that goes TO a plain SIP phone (UDP). */
export const plainLegFlags =
  'replace-origin replace-session-connection ICE=remove DTLS=off SDES-off RTP/AVP rtcp-mux-demux';

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

/**
 * The standard Kamailio WebRTC recipe, trimmed to one domain: registrar + digest auth,
 * WS/WSS via xhttp+websocket, nathelper aliases for WS clients, and ALL media anchored in
 * rtpengine. Which flags rtpengine gets depends on who RECEIVES the SDP:
 *  - requests (offer, or late-offer answer in ACK): the destination leg (branch flag FLB_DST_WEBRTC)
 *  - replies (answer): the leg the request came from (transaction flag FLT_SRC_WEBRTC).
 */
export function renderKamailioConfig(p: KamailioConfigParams): string {
  const service = serviceRoutingHooks(p.domain, p.serviceRouting);
  return String.raw`#!KAMAILIO
#!define FLT_SRC_WEBRTC 1
#!define FLT_NATS 5
#!define FLB_NATB 6
#!define FLB_DST_WEBRTC 7
#!define FLB_MOBILE 8

debug=${p.logLevel}
log_stderror=yes
log_prefix="{$mt $hdr(CSeq) $ci} "
memdbg=5
memlog=5
children=2
tcp_children=2
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=off
dns_try_ipv6=no
dns_try_naptr=no
disable_sctp=yes
enable_tls=yes
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605
server_header="Server: Switchboard reference (Kamailio)"
user_agent_header="User-Agent: Switchboard reference (Kamailio)"

listen=udp:127.0.0.1:${p.udpPort}
listen=tcp:127.0.0.1:${p.wsPort}
listen=tls:127.0.0.1:${p.wssPort}
# No alias for the domain: an alias without port matches ANY port, and the phones' contacts are
# 127.0.0.1:<port> too, which would then look like "myself". route(CLASSIFY) matches the port-less domain instead.

mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "db_sqlite.so"
loadmodule "auth.so"
loadmodule "auth_db.so"
loadmodule "nathelper.so"
loadmodule "rtpengine.so"
loadmodule "tls.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"${service.modules}${p.ctlSocket ? `\nloadmodule "ctl.so"\nmodparam("ctl", "binrpc", "unix:${p.ctlSocket}")` : ''}

modparam("tls", "config", "${p.tlsConfigPath}")
modparam("tm", "failure_reply_mode", 3)
modparam("tm", "fr_timer", 30000)
modparam("tm", "fr_inv_timer", 120000)
modparam("rr", "enable_full_lr", 0)
modparam("rr", "append_fromtag", 1)
modparam("rr", "enable_double_rr", 1)
modparam("registrar", "method_filtering", 1)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "received_avp", "$avp(RECEIVED)")
modparam("usrloc", "db_mode", 0)
modparam("usrloc", "use_domain", 0)
modparam("usrloc", "nat_bflag", FLB_NATB)
# db_sqlite drops one leading slash of the path, hence four in total.
modparam("auth_db", "db_url", "sqlite:///${p.dbPath}")
modparam("auth_db", "calculate_ha1", yes)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "load_credentials", "")
modparam("auth_db", "use_domain", 0)
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("rtpengine", "rtpengine_sock", "udp:127.0.0.1:${p.rtpengineNgPort}")
modparam("rtpengine", "rtpengine_tout_ms", 2000)${service.modparams}

request_route {
	route(REQINIT);
	route(NATDETECT);

	if (is_method("CANCEL")) {
		if (t_check_trans()) {
			route(RTPDELETE);
			route(RELAY);
		}
		exit;
	}

	route(WITHINDLG);

	if (!is_method("ACK")) {
		if (t_precheck_trans()) {
			t_check_trans();
			exit;
		}
		t_check_trans();
	}

	route(CLASSIFY);
	route(AUTH);

	remove_hf("Route");
	if (is_method("INVITE|SUBSCRIBE")) {
		record_route();
	}

	route(REGISTRAR);

	if ($rU == $null) {
		sl_send_reply("484", "Address Incomplete");
		exit;
	}

	route(LOCATION);
}

route[REQINIT] {
	if (!mf_process_maxfwd_header("10")) {
		sl_send_reply("483", "Too Many Hops");
		exit;
	}
	if (is_method("OPTIONS") && uri == myself && $rU == $null) {
		sl_send_reply("200", "Keepalive");
		exit;
	}
	if (!sanity_check("17895", "7")) {
		xlog("L_WARN", "malformed SIP message from $si:$sp\n");
		exit;
	}
}

# WebRTC clients are always "behind NAT": their Contact is a *.invalid host only reachable over their WebSocket.
route[NATDETECT] {
	if ($proto == "ws" || $proto == "wss") {
		setflag(FLT_SRC_WEBRTC);
		force_rport();
		if (is_method("REGISTER")) {
			fix_nated_register();
		} else if (!is_method("ACK|CANCEL")) {
			add_contact_alias();
		}
		setflag(FLT_NATS);
	}
}

route[WITHINDLG] {
	if (!has_totag()) return;

	if (loose_route()) {
		if (!isdsturiset() && $ru =~ ";alias=") {
			handle_ruri_alias();
			route(CURRENT_CONNECTION);
		}
		if (is_method("BYE")) {
			route(RTPDELETE);
		} else if (is_method("ACK") && has_body("application/sdp")) {
			# Late offer: the answer arrives in the ACK.
			route(DSTKIND);
			route(RTPMANAGE_DST);
		}
		route(RELAY);
		exit;
	}

	if (is_method("ACK")) {
		if (t_check_trans()) {
			route(RELAY);
		}
		exit;
	}
	sl_send_reply("404", "Not here");
	exit;
}

# The alias names the connection the phone had when the dialog began. A WebRTC phone that has
# reconnected since (a dead Wi-Fi, a sleeping laptop) registered again from its new connection
# (same instance, same contact): send the request there, or the far end's BYE or re-INVITE is lost. The To-URI of
# an in-dialog request is its target's address of record.
route[CURRENT_CONNECTION] {
	if (!reg_fetch_contacts("location", "sip:$tU@${p.domain}", "target")) return;
	# JsSIP's dialogs name the phone by its GRUU (gr= its +sip.instance); other phones by contact.
	$var(gr) = $(ru{uri.param,gr});
	$var(i) = 0;
	while ($var(i) < $ulc(target=>count)) {
		$var(match) = 0;
		if ($var(gr) != "" && $(ulc(target=>instance)[$var(i)]) == "<" + $var(gr) + ">") $var(match) = 1;
		if ($var(gr) == "" && $(ulc(target=>addr)[$var(i)]{uri.user}) == $rU) $var(match) = 1;
		if ($var(match) == 1 && $(ulc(target=>received)[$var(i)]) != $null) {
			if ($du != $(ulc(target=>received)[$var(i)])) {
				xlog("L_INFO", "in-dialog $rm for $rU: its phone reconnected, via $(ulc(target=>received)[$var(i)]) not $du\n");
				$du = $(ulc(target=>received)[$var(i)]);
			}
			$var(i) = $ulc(target=>count);
		} else {
			$var(i) = $var(i) + 1;
		}
	}
	reg_free_contacts("target");
}

# Our domain is "${p.domain}" written WITHOUT a port (or one of our own sockets).
route[CLASSIFY] {
	$var(ruri_local) = 0;
	$var(from_local) = 0;
	if (uri == myself || ($rd == "${p.domain}" && $(ru{uri.port}) == "")) {
		$var(ruri_local) = 1;
	}
	if (from_uri == myself || ($fd == "${p.domain}" && $(fu{uri.port}) == "")) {
		$var(from_local) = 1;
	}
}

route[AUTH] {
	# A request on the very WebSocket connection that this user registered over (same source
	# address, port and transport: match_received) was authenticated with the REGISTER; no
	# second digest round trip for each call. Any other source is challenged as usual.
	if (!is_method("REGISTER") && $var(from_local) == 1 && ($proto == "ws" || $proto == "wss")) {
		$var(source) = "sip:" + $si + ":" + $sp + ";transport=" + $proto;
		if (reg_fetch_contacts("location", "sip:$fU@${p.domain}", "caller")) {
			$var(i) = 0;
			while ($var(i) < $ulc(caller=>count)) {
				if ($(ulc(caller=>received)[$var(i)]) == $var(source)) {
					reg_free_contacts("caller");
					return;
				}
				$var(i) = $var(i) + 1;
			}
			reg_free_contacts("caller");
		}
	}
	if (is_method("REGISTER") || $var(from_local) == 1) {
		if (!auth_check("${p.domain}", "subscriber", "1")) {
			# A person's mobile client has its own password for the same extension (mobile_subscriber).
			if (!auth_check("${p.domain}", "mobile_subscriber", "1")) {
				xlog("L_NOTICE", "auth failed ($rc) for $fU from $si:$sp\n");
				# A wrong password is answered with a fresh 401: clients that already sent credentials
				# (JsSIP, baresip) give up and report an authentication error.
				auth_challenge("${p.domain}", "0");
				exit;
			}
			# Saved with the contact (its CFlags): the provisioning service drops one app's
			# registrations (kamcmd ul.rm_contact) without the other's.
			if (is_method("REGISTER")) setbflag(FLB_MOBILE);
		}
		if (!is_method("REGISTER|PUBLISH")) {
			consume_credentials();
		}
	}
	if ($var(from_local) == 0 && $var(ruri_local) == 0) {
		sl_send_reply("403", "Not relaying");
		exit;
	}
}

route[REGISTRAR] {
	if (!is_method("REGISTER")) return;
	if (isflagset(FLT_NATS)) {
		setbflag(FLB_NATB);
	}
	if (!save("location")) {
		sl_reply_error();
	}
	exit;
}

route[LOCATION] {
	# 1 once this request has its transaction (the routing service's route makes it before asking).
	$var(in_tran) = 0;
	if ($var(ruri_local) == 1) {${service.beforeLookup}
		route(GROUPS);
		if (!lookup("location")) {
			$var(rc) = $rc;
			if ($var(in_tran) != 1) t_newtran();
			switch ($var(rc)) {
				case -1:
				case -3:
					send_reply("404", "Not Found");
					exit;
				case -2:
					send_reply("405", "Method Not Allowed");
					exit;
			}
		}
	}
	route(RELAY);
}

route[GROUPS] {
${renderGroupRoutes(p.domain, p.groups ?? {})}
	return;
}
${service.routes}
route[RELAY] {
	if (is_method("INVITE|BYE|UPDATE|INFO|REFER|NOTIFY|SUBSCRIBE|MESSAGE|OPTIONS|PRACK")) {
		t_on_branch("MANAGE_BRANCH");
		t_on_reply("MANAGE_REPLY");
	}
	if (is_method("INVITE")) {
		t_on_failure("MANAGE_FAILURE");
	}${service.beforeRelay}
	if (!t_relay()) {
		sl_reply_error();
	}
	exit;
}

# Sets FLB_DST_WEBRTC when the next hop is a WebSocket client (lookup put its received= URI into $du,
# handle_ruri_alias put the alias into $du, or the R-URI itself says transport=ws).
route[DSTKIND] {
	resetbflag(FLB_DST_WEBRTC);
	if (isdsturiset()) {
		if ($du =~ "transport=wss?") setbflag(FLB_DST_WEBRTC);
	} else if ($ru =~ "transport=wss?") {
		setbflag(FLB_DST_WEBRTC);
	}
}

route[RTPMANAGE_DST] {
	if (isbflagset(FLB_DST_WEBRTC)) {
		rtpengine_manage("${webrtcLegFlags}");
	} else {
		rtpengine_manage("${plainLegFlags}");
	}
}

route[RTPDELETE] {
	rtpengine_delete();
}

branch_route[MANAGE_BRANCH] {
	route(DSTKIND);
	xlog("L_INFO", "branch to $ru via $du (bflags $bf, src proto $proto)\n");
	if (is_method("INVITE|UPDATE") && has_body("application/sdp")) {
		route(RTPMANAGE_DST);
	}${service.inBranch}
}

onreply_route[MANAGE_REPLY] {
	if ($proto == "ws" || $proto == "wss") {
		add_contact_alias();
	}${service.onReply}
	if (has_body("application/sdp")) {
		# The answer goes back to where the request came from.
		if (isflagset(FLT_SRC_WEBRTC)) {
			rtpengine_manage("${webrtcLegFlags}");
		} else {
			rtpengine_manage("${plainLegFlags}");
		}
	}
}

failure_route[MANAGE_FAILURE] {
	route(RTPDELETE);
	if (t_is_canceled()) exit;
}

event_route[xhttp:request] {
	set_reply_close();
	set_reply_no_connect();
	if ($hdr(Upgrade) =~ "[Ww]eb[Ss]ocket" && $hdr(Connection) =~ "[Uu]pgrade" && $rm == "GET") {
		if (ws_handle_handshake()) {
			exit;
		}
	}
	xhttp_reply("404", "Not Found", "", "");
}

event_route[websocket:closed] {
	xlog("L_INFO", "WebSocket connection from $si:$sp has closed\n");
}
`;
}
