/**
 * Kamailio script for routing by the provisioning service (docs/status-and-presence.md): for every new
 * INVITE to a local user, one loopback HTTP request (`http_client`) answers a one-line decision, which
 * the script follows. Group hunting is serial: one member per branch, the next one asked for from the
 * HUNT failure route when a branch ends without an answer.
 *
 * The decision line is split on spaces with `s.select`; the service's words never contain spaces
 * except the reason of `reject`, which is everything after the code.
 */
export type ServiceRouting = {
  /** Base URL of the provisioning service, e.g. http://127.0.0.1:43210 (no trailing slash). */
  url: string;
  /** Sent as X-Switchboard-Secret; the service refuses /internal requests without it. */
  secret: string;
};

/** Ring time of a branch whose decision named none (the announcement line, the callback line's calls). */
const DEFAULT_RING_SEC = 60;

export function renderServiceRouting(domain: string, routing: ServiceRouting): string {
  if (!/^http:\/\/[A-Za-z0-9.:[\]-]+$/.test(routing.url)) throw new Error(`Bad provisioning URL: ${routing.url}`);
  if (!/^[A-Za-z0-9_-]{16,}$/.test(routing.secret))
    throw new Error('The routing secret must be 16+ URL-safe characters');
  const ask = (path: string) =>
    `http_client_get("${routing.url}${path}", "", "X-Switchboard-Secret: ${routing.secret}", "$var(answer)")`;
  return String.raw`
# Asks the provisioning service where this new INVITE goes and follows the answer.
# A service that does not answer must not take calls down with it: the call is routed as before (direct).
route[SERVICE_ROUTE] {
	t_newtran();
	$var(in_tran) = 1;
	$var(in_failure) = 0;
	$avp(hunt_answered) = $null;
	$avp(ring_timeout) = $null;
	$avp(hunt_member) = $null;
	$avp(hunt_group) = $null;
	$var(status) = ${ask('/internal/route?call=$(ci{s.urlencode.param})&from=$(fU{s.urlencode.param})&to=$(rU{s.urlencode.param})')};
	if ($var(status) != 200) {
		xlog("L_ERR", "provisioning service: route query for $rU answered $var(status) '$var(answer)'; routing directly\n");
		return;
	}
	$var(answer) = $(var(answer){s.trim});
	xlog("L_INFO", "provisioning service: $fU -> $rU: $var(answer)\n");
	route(FOLLOW_DECISION);
}

# Tells the service how the current hunt branch ended ($var(outcome)); its next decision lands in $var(answer).
route[HUNT_NEXT] {
	$var(answer) = "done";
	$var(status) = ${ask('/internal/route/next?call=$(ci{s.urlencode.param})&member=$(avp(hunt_member){s.urlencode.param})&outcome=$var(outcome)')};
	if ($var(status) != 200) {
		xlog("L_ERR", "provisioning service: next after $avp(hunt_member) ($var(outcome)) answered $var(status) '$var(answer)'\n");
		$var(answer) = "done";
	}
	$var(answer) = $(var(answer){s.trim});
	xlog("L_INFO", "provisioning service: $avp(hunt_member) $var(outcome) -> $var(answer)\n");
}

# Follows $var(answer) from the request route (new INVITE) or the HUNT failure route. Returns only for
# "direct" in the request route (the usual lookup follows); every other decision relays or replies.
route[FOLLOW_DECISION] {
	$var(kind) = $(var(answer){s.select,0, });
	$var(steps) = 0;
	# Hunt members whose phone is not registered are skipped at once (outcome "unavailable").
	while ($var(kind) == "ring" && $var(steps) < 100) {
		$var(steps) = $var(steps) + 1;
		$avp(hunt_member) = $(var(answer){s.select,1, });
		$avp(ring_timeout) = $(var(answer){s.select,3, }{s.int});
		$avp(hunt_group) = $(var(answer){s.select,4, });
		$ru = "sip:" + $(var(answer){s.select,2, }) + "@${domain}";
		if (lookup("location")) {
			route(RING_BRANCH);
		}
		$var(outcome) = "unavailable";
		route(HUNT_NEXT);
		$var(kind) = $(var(answer){s.select,0, });
	}
	switch ($var(kind)) {
		case "direct":
			if ($var(in_failure) == 1) {
				route(RTPDELETE);
				exit;
			}
			$avp(ring_timeout) = $(var(answer){s.select,1, }{s.int});
			return;
		case "forward":
			$avp(hunt_member) = $null;
			$avp(hunt_group) = $null;
			$avp(ring_timeout) = $(var(answer){s.select,2, }{s.int});
			$ru = "sip:" + $(var(answer){s.select,1, }) + "@${domain}";
			if (lookup("location")) route(RING_BRANCH);
			if ($var(in_failure) == 1) route(RTPDELETE);
			t_reply("480", "Mobile Not Reachable");
			exit;
		case "announce":
			$avp(hunt_member) = $null;
			$avp(hunt_group) = $null;
			$avp(ring_timeout) = $null;
			$ru = "sip:" + $(var(answer){s.select,1, }) + "@${domain}";
			if (lookup("location")) route(RING_BRANCH);
			if ($var(in_failure) == 1) route(RTPDELETE);
			t_reply("480", "Nobody Available");
			exit;
		case "reject":
			$var(code) = $(var(answer){s.select,1, }{s.int});
			$var(reason) = $(var(answer){s.substr,11,0});
			if ($var(code) < 400 || $var(code) > 699) $var(code) = 500;
			if ($var(in_failure) == 1) route(RTPDELETE);
			t_reply("$var(code)", "$var(reason)");
			exit;
		case "done":
			if ($var(in_failure) == 1) {
				route(RTPDELETE);
				exit;
			}
			t_reply("480", "Nobody Available");
			exit;
	}
	xlog("L_ERR", "provisioning service: unknown decision '$var(answer)'\n");
	if ($var(in_failure) == 1) route(RTPDELETE);
	t_reply("500", "Routing Decision Not Understood");
	exit;
}

# Relays the INVITE to the contact(s) lookup put into the R-URI, for the decision's ring time.
route[RING_BRANCH] {
	$var(ring_ms) = ${DEFAULT_RING_SEC * 1000};
	if ($avp(ring_timeout) != $null && $avp(ring_timeout) > 0) $var(ring_ms) = $avp(ring_timeout) * 1000;
	t_set_fr("$var(ring_ms)", "$var(ring_ms)");
	t_on_branch("MANAGE_BRANCH");
	t_on_reply("MANAGE_REPLY");
	if ($avp(hunt_member) != $null) {
		t_on_failure("HUNT");
	} else {
		t_on_failure("MANAGE_FAILURE");
	}
	if (!t_relay()) {
		t_reply("500", "Could Not Relay");
	}
	exit;
}

# One hunt branch ended without an answer: tell the service why and ring whoever it names next.
# rtpengine keeps the caller's session meanwhile (the next branch re-offers the same SDP); it is
# deleted only when the call ends here.
failure_route[HUNT] {
	$var(in_failure) = 1;
	if (t_is_canceled()) {
		route(RTPDELETE);
		$var(outcome) = "canceled";
		route(HUNT_NEXT);
		exit;
	}
	if (t_branch_timeout()) {
		$var(outcome) = "timeout";
	} else if (t_check_status("486|600|603")) {
		$var(outcome) = "declined";
	} else {
		$var(outcome) = "unavailable";
	}
	route(HUNT_NEXT);
	route(FOLLOW_DECISION);
}

# A hunt branch was answered: the service stops hunting (and knows who took the call).
route[HUNT_ANSWERED] {
	if ($avp(hunt_member) == $null || $avp(hunt_answered) != $null) return;
	$avp(hunt_answered) = 1;
	$var(outcome) = "answered";
	route(HUNT_NEXT);
}
`;
}

/** The lines the main script includes at each place; all empty without the service (kamailio.cfg as before). */
export type ServiceRoutingHooks = {
  modules: string;
  modparams: string;
  /** In route[LOCATION], before the usual lookup of a local user. */
  beforeLookup: string;
  /** In route[RELAY], before t_relay: the decision's ring time for a direct call. */
  beforeRelay: string;
  /** In branch_route[MANAGE_BRANCH]. */
  inBranch: string;
  /** In onreply_route[MANAGE_REPLY]. */
  onReply: string;
  /** The routes themselves (renderServiceRouting). */
  routes: string;
};

export function serviceRoutingHooks(domain: string, routing: ServiceRouting | undefined): ServiceRoutingHooks {
  if (!routing)
    return { modules: '', modparams: '', beforeLookup: '', beforeRelay: '', inBranch: '', onReply: '', routes: '' };
  return {
    modules: '\nloadmodule "http_client.so"',
    modparams:
      '\n# The service is on loopback: a slow answer means it is stuck, and the call is routed without it.' +
      '\nmodparam("http_client", "connection_timeout", 2)',
    beforeLookup: String.raw`
		# Headers only Kamailio may set (the app trusts them for its ring countdown and group name).
		remove_hf_re("^X-Switchboard-");
		if (is_method("INVITE")) route(SERVICE_ROUTE);`,
    beforeRelay: String.raw`
	if (is_method("INVITE") && $avp(ring_timeout) != $null) {
		$var(ring_ms) = $avp(ring_timeout) * 1000;
		t_set_fr("$var(ring_ms)", "$var(ring_ms)");
	}`,
    // Every INVITE branch says how long it rings and, for a group call, for which group.
    inBranch: String.raw`
	if (is_method("INVITE") && $avp(ring_timeout) != $null) {
		append_hf("X-Switchboard-Ring-Timeout: $avp(ring_timeout)\r\n");
		if ($avp(hunt_group) != $null) append_hf("X-Switchboard-Group: $avp(hunt_group)\r\n");
	}`,
    onReply: String.raw`
	if (is_method("INVITE") && $rs == 200) route(HUNT_ANSWERED);`,
    routes: renderServiceRouting(domain, routing),
  };
}
