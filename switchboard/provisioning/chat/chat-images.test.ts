import { describe, expect, it } from 'vitest';
import { useChatServer } from '../test-support/chat-server.ts';
import { gifImage, htmlAsPng, jpegImage, pngImage, svgImage, webpImage } from '../test-support/test-images.ts';
import { sniffImage } from './chat-images.ts';
import { MAX_IMAGE_BYTES } from './image-rules.ts';

describe('sniffImage', () => {
  it.each([
    ['a PNG', pngImage(), 'image/png'],
    ['a JPEG', jpegImage(), 'image/jpeg'],
    ['a GIF', gifImage(), 'image/gif'],
    ['a WebP', webpImage(), 'image/webp'],
  ])('accepts %s by its content', async (_what, bytes, mime) => {
    await expect(sniffImage(bytes)).resolves.toBe(mime);
  });

  it.each([
    ['an SVG', svgImage(), /SVG images cannot be sent/],
    ['an HTML file renamed .png', htmlAsPng(), /not an image. Only PNG, JPEG, GIF and WebP/],
    ['an empty file', Buffer.alloc(0), /empty/],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), /This file is PDF/],
  ])('refuses %s with a clear message', async (_what, bytes, message) => {
    await expect(sniffImage(bytes)).rejects.toMatchObject({
      code: 'image-refused',
      message: expect.stringMatching(message),
    });
  });

  it('refuses a real PNG over 10 MB, saying how big it is', async () => {
    const big = pngImage(4, 4, [0, 0, 0], MAX_IMAGE_BYTES + 1);
    expect(big.length).toBe(MAX_IMAGE_BYTES + 1);
    await expect(sniffImage(big)).rejects.toMatchObject({
      code: 'image-too-large',
      message: /at most 10 MB; this one is 10.0 MB/,
    });
  });
});

describe('chat images over HTTP', () => {
  const served = useChatServer();

  const start = served.visit;

  const upload = (path: string, token: string, bytes: Buffer, contentType = 'image/png') =>
    fetch(`${served.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: new Uint8Array(bytes),
    });
  const get = (path: string, token: string) =>
    fetch(`${served.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('a visitor’s image reaches the agent with the same bytes, safe headers, once for a retried client id', async () => {
    const agent = await served.f.signIn('8001');
    const v = await start();
    const png = pngImage(8, 8);
    const path = `/v1/chat/visits/${v.conversationId}/images?clientId=img-1`;
    const sent = (await (await upload(path, v.visitorToken, png)).json()) as {
      kind: string;
      image: { id: string; mime: string; size: number };
      seq: number;
    };
    expect(sent).toMatchObject({ kind: 'image', image: { mime: 'image/png', size: png.length } });
    expect(sent.image.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const again = await (await upload(path, v.visitorToken, png)).json();
    expect(again).toEqual(sent);

    const res = await get(`/v1/chat/desk/${v.conversationId}/images/${sent.image.id}`, agent);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="image-${sent.image.id}.png"`);
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const messages = (await (await get(`/v1/chat/desk/${v.conversationId}/messages`, agent)).json()) as {
      messages: { kind: string }[];
    };
    expect(messages.messages.filter((m) => m.kind === 'image')).toHaveLength(1);
  });

  it('the agent’s image reaches the visitor; nobody else can fetch either', async () => {
    const agent = await served.f.signIn('8001');
    const stranger = await served.f.signIn('8002');
    const v = await start();
    const other = await start();
    const gif = gifImage();
    const res = await upload(`/v1/chat/desk/${v.conversationId}/images?clientId=a-1`, agent, gif, 'image/png');
    const sent = (await res.json()) as { image: { id: string; mime: string } };
    // The type is what the bytes are, not what the client claimed.
    expect(sent.image.mime).toBe('image/gif');
    const mine = await get(`/v1/chat/visits/${v.conversationId}/images/${sent.image.id}`, v.visitorToken);
    expect(Buffer.from(await mine.arrayBuffer()).equals(gif)).toBe(true);

    // Another visitor: with their own token on this conversation, or this image id under their own.
    expect((await get(`/v1/chat/visits/${v.conversationId}/images/${sent.image.id}`, other.visitorToken)).status).toBe(
      404,
    );
    expect(
      (await get(`/v1/chat/visits/${other.conversationId}/images/${sent.image.id}`, other.visitorToken)).status,
    ).toBe(404);
    expect((await get(`/v1/chat/desk/${v.conversationId}/images/${sent.image.id}`, stranger)).status).toBe(404);
  });

  it('refuses an SVG, a disguised file and an oversized upload with problem+json, storing nothing', async () => {
    const v = await start();
    const base = `/v1/chat/visits/${v.conversationId}/images`;
    const svg = await upload(`${base}?clientId=s`, v.visitorToken, svgImage(), 'image/svg+xml');
    expect(svg.status).toBe(415);
    expect(await svg.json()).toMatchObject({ code: 'image-refused', title: expect.stringContaining('SVG') });
    const html = await upload(`${base}?clientId=h`, v.visitorToken, htmlAsPng());
    expect(await html.json()).toMatchObject({ code: 'image-refused' });
    const big = await upload(`${base}?clientId=b`, v.visitorToken, Buffer.alloc(MAX_IMAGE_BYTES + 1, 1));
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'image-too-large' });
    const noId = await upload(base, v.visitorToken, pngImage());
    expect(noId.status).toBe(400);
    const messages = (await (await get(`/v1/chat/visits/${v.conversationId}/messages`, v.visitorToken)).json()) as {
      messages: { kind: string }[];
    };
    expect(messages.messages.filter((m) => m.kind === 'image')).toEqual([]);
  });
});
