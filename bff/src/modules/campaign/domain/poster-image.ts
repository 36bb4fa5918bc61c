import { PNG } from 'pngjs';

export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1100;
const BRAND: [number, number, number] = [0x16, 0x77, 0xff];
const PANEL: [number, number, number] = [0xff, 0xff, 0xff];
const ACCENT: [number, number, number] = [0xff, 0xc5, 0x3d];

/** The `scene` a poster's mini-program code carries: `ic=CODE` (11 characters, within WeChat's 32). */
export const posterSceneOf = (inviteCode: string): string => `ic=${inviteCode}`;
/** The page the code opens (getwxacodeunlimit wants it without a leading slash and without a query). */
export const POSTER_PAGE = 'pages/home/index';

const fill = (png: PNG, x0: number, y0: number, w: number, h: number, [r, g, b]: [number, number, number]): void => {
  for (let y = Math.max(0, y0); y < Math.min(png.height, y0 + h); y += 1) {
    for (let x = Math.max(0, x0); x < Math.min(png.width, x0 + w); x += 1) {
      const i = (png.width * y + x) << 2;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
};

/**
 * The invite poster: the brand background, a white card and the mini-program code centred on it.
 * Pure (bytes in, bytes out). A code image that is not a PNG (WeChat may answer JPEG) is returned
 * as it is: the code alone is still a working poster.
 */
export const composePoster = (codeImage: Buffer): Buffer => {
  let code: PNG;
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
  return PNG.sync.write(poster);
};
