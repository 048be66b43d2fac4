/**
 * A browser's WebSocket says only "closed" whether the server is down or its TLS
 * certificate is not trusted. Node can tell them apart, so main asks it.
 */
import { connect as tlsConnect } from 'node:tls';
import { connect as tcpConnect } from 'node:net';
import type { RegistrationState } from '../../../src/shared/domain.ts';

const PROBE_TIMEOUT_MS = 4000;

export async function diagnoseConnection(serverUrl: string): Promise<RegistrationState | null> {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return null;
  }
  const secure = url.protocol === 'wss:';
  const port = Number(url.port || (secure ? 443 : 80));
  return new Promise((resolve) => {
    const done = (state: RegistrationState | null) => {
      socket.destroy();
      resolve(state);
    };
    const socket = secure
      ? tlsConnect({ host: url.hostname, port, servername: isIp(url.hostname) ? undefined : url.hostname }, () =>
          done(null),
        )
      : tcpConnect({ host: url.hostname, port }, () => done(null));
    socket.setTimeout(PROBE_TIMEOUT_MS, () =>
      done({ status: 'error', error: 'server-unreachable', detail: `${url.host}: no answer` }),
    );
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code && /CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_VERIFY|HOSTNAME|ALTNAME/i.test(error.code)) {
        done({ status: 'error', error: 'tls-failed', detail: `${url.host}: ${error.code}` });
      } else {
        done({ status: 'error', error: 'server-unreachable', detail: `${url.host}: ${error.code ?? error.message}` });
      }
    });
  });
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.includes(':');
