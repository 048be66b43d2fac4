/**
 * PREVIEW ONLY. Sample pictures for the chat previews (a visitor's photo of a parcel, the agent's
 * screenshot), drawn on a canvas and handed out as data: URLs, as main's getChatImage does.
 */
const drawn = new Map<string, string>();

function draw(imageId: string): string {
  const canvas = document.createElement('canvas');
  const wide = imageId.endsWith('W');
  canvas.width = wide ? 640 : 480;
  canvas.height = wide ? 360 : 600;
  const g = canvas.getContext('2d')!;
  const sky = g.createLinearGradient(0, 0, 0, canvas.height);
  sky.addColorStop(0, wide ? '#dfe9ff' : '#f4e7d6');
  sky.addColorStop(1, wide ? '#a9c1f5' : '#c9a27a');
  g.fillStyle = sky;
  g.fillRect(0, 0, canvas.width, canvas.height);
  if (wide) {
    // A screenshot: a window with rows.
    g.fillStyle = '#ffffff';
    g.fillRect(40, 40, 560, 280);
    g.fillStyle = '#1664ff';
    g.fillRect(40, 40, 560, 36);
    for (let row = 0; row < 5; row += 1) {
      g.fillStyle = row % 2 ? '#e8eefc' : '#f6f8fd';
      g.fillRect(60, 96 + row * 42, 520, 32);
    }
  } else {
    // A parcel on a table.
    g.fillStyle = '#8a5a32';
    g.fillRect(0, 430, 480, 170);
    g.fillStyle = '#d8a86b';
    g.fillRect(110, 200, 260, 240);
    g.fillStyle = '#b9874d';
    g.fillRect(225, 200, 30, 240);
    g.strokeStyle = '#7a4f27';
    g.lineWidth = 6;
    g.strokeRect(110, 200, 260, 240);
  }
  return canvas.toDataURL('image/png');
}

export function previewImage(imageId: string): string {
  let url = drawn.get(imageId);
  if (!url) drawn.set(imageId, (url = draw(imageId)));
  return url;
}
