// Renders build/icon.svg into the icons electron-builder packs: build/icons/<n>x<n>.png (Linux), icon.ico, icon.icns.
// Usage: node build/render-icons.mjs   (Chromium draws the SVG: CHROMIUM_PATH, default /usr/bin/chromium; commit the output)
import { chromium } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const buildFolder = fileURLToPath(new URL('.', import.meta.url));
const linuxSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
/** ICNS element types that hold PNG data, by pixel size (Apple's icns format; 16 and 32 need macOS 10.7+). */
/** @type {[string, number][]} */
const icnsTypes = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];

const svg = await readFile(new URL('icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
/** @type {Map<number, Buffer>} */
const pngs = new Map();
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  for (const size of linuxSizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${source}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((image) => image.decode());
    pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

await mkdir(new URL('icons/', import.meta.url), { recursive: true });
for (const [size, png] of pngs) await writeFile(new URL(`icons/${size}x${size}.png`, import.meta.url), png);
/** @param {number} size */
const png = (size) => /** @type {Buffer} */ (pngs.get(size));
await writeFile(new URL('icon.ico', import.meta.url), ico(icoSizes.map((size) => [size, png(size)])));
await writeFile(new URL('icon.icns', import.meta.url), icns(icnsTypes.map(([type, size]) => [type, png(size)])));
console.log(`wrote ${buildFolder}icons/ (${linuxSizes.join(', ')} px), icon.ico, icon.icns`);

/**
 * A Windows icon whose images are PNG-compressed (Vista and later): ICONDIR, one ICONDIRENTRY each, then the data.
 * @param {[number, Buffer][]} images
 */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(([size, png], index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(([, png]) => png)]);
}

/**
 * An Apple icon family: 'icns' and the total length, then per image a 4-byte type, its length (with header) and PNG data.
 * @param {[string, Buffer][]} images
 */
function icns(images) {
  const elements = images.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}
