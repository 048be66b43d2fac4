import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderKamailioConfig, renderTlsConfig, type KamailioConfigParams } from './kamailio-config.ts';

const run = promisify(execFile);

const routing = { url: 'http://127.0.0.1:43210', secret: 'sEcReT-0123456789abcdef' };

describe('rendered kamailio.cfg', () => {
  let dir: string;
  let base: KamailioConfigParams;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kamailio-config-test-'));
    const tlsConfigPath = join(dir, 'tls.cfg');
    await writeFile(tlsConfigPath, renderTlsConfig(join(dir, 'key.pem'), join(dir, 'cert.pem')));
    base = {
      domain: '127.0.0.1',
      udpPort: 15060,
      wsPort: 15061,
      wssPort: 15062,
      rtpengineNgPort: 15063,
      dbPath: join(dir, 'switchboard.sqlite'),
      tlsConfigPath,
      logLevel: 2,
      groups: { '8100': ['1002', '1003'] },
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** `kamailio -c` parses the script and fixes up every function call without starting anything. */
  const kamailioAccepts = async (config: string) => {
    const path = join(dir, 'kamailio.cfg');
    await writeFile(path, config);
    const { stdout, stderr } = await run('kamailio', ['-c', '-f', path]);
    return `${stdout}${stderr}`;
  };

  it('without the provisioning service, groups ring all members and nothing asks a service', async () => {
    const config = renderKamailioConfig(base);
    expect(config).not.toContain('http_client');
    expect(config).not.toContain('SERVICE_ROUTE');
    expect(config).toContain('append_branch("sip:1003@127.0.0.1");');
    expect(await kamailioAccepts(config)).toMatch(/config file ok/i);
  });

  it('with the provisioning service, asks it about every new INVITE and hunts through failure_route', async () => {
    const config = renderKamailioConfig({ ...base, serviceRouting: routing });
    expect(config).toContain('loadmodule "http_client.so"');
    expect(config).toContain(
      'http://127.0.0.1:43210/internal/route?call=$(ci{s.urlencode.param})&from=$(fU{s.urlencode.param})&to=$(rU{s.urlencode.param})',
    );
    expect(config).toContain('"X-Switchboard-Secret: sEcReT-0123456789abcdef"');
    expect(config).toContain('/internal/route/next?call=');
    expect(config).toContain('failure_route[HUNT]');
    // Callers cannot set the headers the app trusts; Kamailio adds them to each branch.
    expect(config).toContain('remove_hf_re("^X-Switchboard-")');
    expect(config).toContain('append_hf("X-Switchboard-Ring-Timeout: $avp(ring_timeout)\\r\\n")');
    expect(config).toContain('append_hf("X-Switchboard-Group: $avp(hunt_group)\\r\\n")');
    expect(await kamailioAccepts(config)).toMatch(/config file ok/i);
  });

  it('refuses a routing URL or secret that would break the script', () => {
    expect(() => renderKamailioConfig({ ...base, serviceRouting: { ...routing, url: 'http://x/"; exit' } })).toThrow(
      /Bad provisioning URL/,
    );
    expect(() => renderKamailioConfig({ ...base, serviceRouting: { ...routing, secret: 'short' } })).toThrow(/secret/);
  });
});
