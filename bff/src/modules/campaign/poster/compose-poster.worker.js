// The invite poster's pixels, composed in a worker thread: decoding the mini-program code, filling a
// 750×1100 canvas and deflating it takes a few hundred milliseconds of CPU, which on the API's event
// loop stalled every request behind it (issue 12). Plain JavaScript so that the same file runs from
// the sources (tests) and from dist (tsc copies it); poster-composer.ts starts it and talks to it.
import { parentPort } from 'node:worker_threads';
import pngjs from 'pngjs';

const { PNG } = pngjs;
export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1100;
const BRAND = [0x16, 0x77, 0xff];
const PANEL = [0xff, 0xff, 0xff];
const ACCENT = [0xff, 0xc5, 0x3d];

/** Fills a rectangle row by row with a native pattern fill (one RGBA pixel repeated). */
const fill = (png, x0, y0, w, h, [r, g, b]) => {
  const pixel = Buffer.from([r, g, b, 255]);
  const left = Math.max(0, x0);
  const right = Math.min(png.width, x0 + w);
  if (right <= left) return;
  for (let y = Math.max(0, y0); y < Math.min(png.height, y0 + h); y += 1) {
    const row = png.width * y;
    png.data.fill(pixel, (row + left) << 2, (row + right) << 2);
  }
};

/**
 * The poster: the brand background, a white card and the mini-program code centred on it (bytes in,
 * bytes out). A code image that is not a PNG (WeChat may answer JPEG) is returned as it is: the code
 * alone is still a working poster.
 * @param {Buffer} codeImage
 * @returns {Buffer}
 */
export const composePoster = (codeImage) => {
  let code;
  try {
    code = PNG.sync.read(codeImage);
  } catch {
    return codeImage;
  }
  const poster = new PNG({ width: POSTER_WIDTH, height: POSTER_HEIGHT });
  fill(poster, 0, 0, POSTER_WIDTH, POSTER_HEIGHT, BRAND);
  fill(poster, 0, 0, POSTER_WIDTH, 24, ACCENT);
  const panelW = Math.min(POSTER_WIDTH - 80, code.width + 120);
  const panelH = code.height + 160;
  const panelX = Math.floor((POSTER_WIDTH - panelW) / 2);
  const panelY = Math.floor((POSTER_HEIGHT - panelH) / 2);
  fill(poster, panelX, panelY, panelW, panelH, PANEL);
  fill(poster, panelX, panelY + panelH - 24, panelW, 24, ACCENT);
  const codeX = Math.floor((POSTER_WIDTH - code.width) / 2);
  const codeY = panelY + 60;
  PNG.bitblt(
    code,
    poster,
    0,
    0,
    Math.min(code.width, POSTER_WIDTH - codeX),
    Math.min(code.height, POSTER_HEIGHT - codeY),
    codeX,
    codeY,
  );
  // Sub filtering turns the flat colour into zeros, which deflate packs into a few kilobytes.
  return PNG.sync.write(poster, { filterType: 1 });
};

// As a worker: one request at a time, `{ id, code }` in, `{ id, poster }` or `{ id, error }` out.
parentPort?.on('message', ({ id, code }) => {
  try {
    const poster = composePoster(Buffer.from(code));
    parentPort.postMessage({ id, poster });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
