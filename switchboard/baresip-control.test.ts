import { createConnection } from 'node:net';
import { MqttClient, type IClientOptions } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../test/support/http-fuzz.ts';
import { BaresipControl } from './baresip-control.ts';
import { recordingLog } from './log.ts';

/** Our end of a line's channel, and what its config tells baresip (socket path, credentials). */
async function openControl() {
  const events: unknown[] = [];
  const broken: string[] = [];
  const log = recordingLog();
  const control = await BaresipControl.open({
    name: 'baresip test',
    log,
    onEvent: (event) => void events.push(event),
    onBroken: (reason) => void broken.push(reason),
  });
  const setting = (name: string) =>
    control
      .configLines()
      .find((line) => line.startsWith(`${name} `))!
      .slice(name.length + 1);
  const line = {
    socket: setting('mqtt_broker_host'),
    clientId: setting('mqtt_broker_clientid'),
    username: setting('mqtt_broker_user'),
    password: setting('mqtt_broker_password'),
    base: setting('mqtt_basetopic'),
  };
  return { control, events, broken, log, line };
}

/** An MQTT client over the line's Unix socket: baresip's mqtt module, or a stranger. */
async function mqttClient(socket: string, options: IClientOptions): Promise<MqttClient> {
  const client = new MqttClient(() => createConnection(socket), {
    reconnectPeriod: 0,
    connectTimeout: 5_000,
    ...options,
  });
  client.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
    client.once('close', () => reject(new Error('closed')));
  });
  return client;
}

/** Plays baresip: subscribes to the commands and answers or publishes whatever the test says. */
async function fakeLine(setup: Awaited<ReturnType<typeof openControl>>) {
  const { line } = setup;
  const client = await mqttClient(line.socket, {
    clientId: line.clientId,
    username: line.username,
    password: line.password,
  });
  const commands: Array<{ topic: string; payload: string }> = [];
  client.on('message', (topic, payload) => void commands.push({ topic, payload: payload.toString() }));
  await client.subscribeAsync(`/${line.base}/command/+`);
  await setup.control.connected;
  return { client, commands };
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

describe("a line's control channel", () => {
  it('sends commands to the line and resolves them with its answers', async () => {
    const setup = await openControl();
    cleanup.push(() => setup.control.close());
    const { client, commands } = await fakeLine(setup);
    cleanup.push(() => void client.end(true));

    const answer = setup.control.command('dial', '1001');
    await expect.poll(() => commands.length).toBe(1);
    expect(commands[0]!.topic).toBe(`/${setup.line.base}/command/1`);
    expect(JSON.parse(commands[0]!.payload)).toEqual({ command: 'dial', params: '1001', token: '1' });
    await client.publishAsync(
      `/${setup.line.base}/command_resp/1`,
      '{"response":true,"ok":true,"data":"dialing","token":"1"}',
    );
    expect(await answer).toBe('dialing');
  });

  it('refuses a stranger without the line password; commands and events never reach or come from it', async () => {
    const setup = await openControl();
    cleanup.push(() => setup.control.close());
    const { line } = setup;
    for (const credentials of [
      {},
      { username: line.username },
      { username: line.username, password: 'guess' },
      { username: line.username, password: `${line.password}x` },
      { clientId: 'other', username: line.username, password: line.password },
    ]) {
      await expect(mqttClient(line.socket, { clientId: line.clientId, ...credentials })).rejects.toThrow();
    }
    expect(setup.events).toEqual([]);
    expect(setup.log.lines.filter((l) => l.message.includes('refused on the control channel'))).toHaveLength(5);
  });

  it.each([
    ['subscribes to every topic', (client: MqttClient) => client.subscribeAsync('#')],
    ['publishes a command', (client: MqttClient) => client.publishAsync('/line/command/99', '{"command":"dial"}')],
  ])(
    'cuts the line off when it %s: nothing goes beyond its own topics, and the phone is restarted',
    async (_misdeed, misdeed) => {
      const setup = await openControl();
      cleanup.push(() => setup.control.close());
      const { client, commands } = await fakeLine(setup);
      cleanup.push(() => void client.end(true));
      expect(setup.line.base).toBe('line');

      await misdeed(client).catch(() => {});
      await expect.poll(() => client.connected).toBe(false);
      expect(commands).toEqual([]);
      await expect.poll(() => setup.broken).toEqual(['the control connection closed']);
    },
  );

  it('skips payloads that are not JSON objects and goes on delivering events and answers', async () => {
    const setup = await openControl();
    cleanup.push(() => setup.control.close());
    const { client } = await fakeLine(setup);
    cleanup.push(() => void client.end(true));
    const base = `/${setup.line.base}`;

    const answer = setup.control.command('hangup');
    for (const junk of ['{nope', '[1,2]', 'null', '"x"', '\u0000\u00ff', '{"event":true,"type":7}', '{}']) {
      await client.publishAsync(`${base}/event`, junk);
      await client.publishAsync(`${base}/command_resp/1`, junk);
    }
    await client.publishAsync(`${base}/event`, '{"event":true,"type":"CALL_ESTABLISHED","id":"a"}');
    await client.publishAsync(`${base}/command_resp/1`, '{"response":true,"ok":true,"data":"done","token":"1"}');
    // The first junk answer already settled token 1 (an answer that is not ok); what matters is nothing threw.
    await expect(answer).rejects.toThrow(/baresip command failed/);
    await expect.poll(() => setup.events).toEqual([{ event: true, type: 'CALL_ESTABLISHED', id: 'a' }]);
    expect(setup.broken).toEqual([]);
  });

  it('a line that goes away rejects what was waiting and reports the phone broken once', async () => {
    const setup = await openControl();
    cleanup.push(() => setup.control.close());
    const { client } = await fakeLine(setup);
    const pending = setup.control.command('accept').catch((error: unknown) => error);
    client.stream.destroy();
    expect(String(await pending)).toMatch(/closed/);
    await expect.poll(() => setup.broken).toEqual(['the control connection closed']);
  });

  it('survives 300 seeded random and mutated payloads from the line, and still delivers the next event', async () => {
    const setup = await openControl();
    cleanup.push(() => setup.control.close());
    const { client } = await fakeLine(setup);
    cleanup.push(() => void client.end(true));
    const random = seededRandom(31);
    const good = Buffer.from('{"event":true,"type":"CALL_CLOSED","param":"486 Busy"}');
    for (let run = 0; run < 300; run++) {
      const bytes = Buffer.from(good);
      for (let edit = 0; edit < 1 + Math.floor(random() * 4); edit++) {
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      }
      const topic = random() < 0.5 ? 'event' : `command_resp/${Math.floor(random() * 5)}`;
      client.publish(`/${setup.line.base}/${topic}`, bytes);
    }
    await client.publishAsync(`/${setup.line.base}/event`, '{"event":true,"type":"REGISTER_OK"}');
    await expect.poll(() => setup.events.some((e) => (e as { type: string }).type === 'REGISTER_OK')).toBe(true);
    expect(setup.broken).toEqual([]);
  });
});
