import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kamailioScript, renderKamailioConfig, renderTlsConfig, type KamailioConfigParams } from './kamailio-config.ts';

const run = promisify(execFile);

const routing = { url: 'http://127.0.0.1:43210', secret: 'sEcReT-0123456789abcdef' };

describe("the run's kamailio.cfg", () => {
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

  /** `kamailio -c` parses the script with its includes and fixes up every function call without starting anything. */
  const kamailioAccepts = async (config: string) => {
    const path = join(dir, 'kamailio.cfg');
    await writeFile(path, config);
    const { stdout, stderr } = await run('kamailio', ['-c', '-f', path]);
    return `${stdout}${stderr}`;
  };

  it('without the provisioning service, groups ring all members and nothing asks a service', async () => {
    const config = renderKamailioConfig(base);
    expect(config).toContain(`include_file "${kamailioScript}"`);
    expect(config).not.toContain('WITH_SERVICE_ROUTING');
    expect(config).not.toContain('SB_ROUTING_SECRET');
    expect(config).toContain('append_branch("sip:1003@127.0.0.1");');
    expect(await kamailioAccepts(config)).toMatch(/config file ok/i);
  });

  it("with the provisioning service, asks its internal listener about every new INVITE with the run's secret", async () => {
    const config = renderKamailioConfig({ ...base, ctlSocket: join(dir, 'ctl.sock'), serviceRouting: routing });
    expect(config).toContain('#!define WITH_SERVICE_ROUTING');
    expect(config).toContain('#!substdef "!SB_ROUTING_URL!http://127.0.0.1:43210!g"');
    expect(config).toContain('#!substdef "!SB_ROUTING_SECRET!sEcReT-0123456789abcdef!g"');
    expect(config).toContain('#!define WITH_CTL');
    const routes = await readFile(join(kamailioScript, '..', 'service-routing.cfg'), 'utf8');
    expect(routes).toContain(
      'SB_ROUTING_URL/internal/route?call=$(ci{s.urlencode.param})&from=$(fU{s.urlencode.param})&to=$(rU{s.urlencode.param})',
    );
    expect(routes).toContain('"X-Switchboard-Secret: SB_ROUTING_SECRET"');
    expect(await kamailioAccepts(config)).toMatch(/config file ok/i);
  });

  it('callers cannot set the headers the app trusts; Kamailio adds them to each branch', async () => {
    const script = await readFile(kamailioScript, 'utf8');
    expect(script).toContain('remove_hf_re("^X-Switchboard-")');
    expect(script).toContain('append_hf("X-Switchboard-Ring-Timeout: $avp(ring_timeout)\\r\\n")');
    expect(script).toContain('append_hf("X-Switchboard-Group: $avp(hunt_group)\\r\\n")');
  });

  it('trusts a gateway only by its transport, address and port', async () => {
    const config = renderKamailioConfig({
      ...base,
      trustedPeers: [
        { transport: 'udp', address: '192.0.2.10', port: 5060 },
        { transport: 'tls', address: '2001:db8::1', port: 5061 },
      ],
    });
    expect(config).toContain('if ($proto == "udp" && $si == "192.0.2.10" && $sp == 5060) $var(trusted) = 1;');
    expect(config).toContain('if ($proto == "tls" && $si == "2001:db8::1" && $sp == 5061) $var(trusted) = 1;');
    expect(await kamailioAccepts(config)).toMatch(/config file ok/i);
  });

  it('refuses any setting that would break the script', () => {
    const refused = [
      { ...base, serviceRouting: { ...routing, url: 'http://x/"; exit' } },
      { ...base, serviceRouting: { ...routing, secret: 'short' } },
      { ...base, serviceRouting: { ...routing, secret: 'has!bang-0123456789abcdef' } },
      { ...base, domain: 'evil!g"\ninclude_file "/etc/passwd' },
      { ...base, dbPath: '/tmp/with space/switchboard.sqlite' },
      { ...base, tlsConfigPath: 'relative/tls.cfg' },
      { ...base, udpPort: 1e6 },
      { ...base, groups: { '8100': ['1002"); exit; ("'] } },
      { ...base, trustedPeers: [{ transport: 'ws' as 'udp', address: '127.0.0.1', port: 1 }] },
      { ...base, trustedPeers: [{ transport: 'udp' as const, address: '127.0.0.1" || 1 == "1', port: 1 }] },
    ];
    for (const params of refused) expect(() => renderKamailioConfig(params), JSON.stringify(params)).toThrow(/Bad/);
  });
});
