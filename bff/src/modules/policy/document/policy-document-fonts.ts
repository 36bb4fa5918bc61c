import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { create, type Font } from 'fontkit';

/** The two faces the e-policy is set in, parsed once per process. */
export interface PolicyDocumentFonts {
  regular: Font;
  bold: Font;
}

const parse = async (path: string): Promise<Font> => {
  const font = create(await readFile(path));
  if (!('layout' in font)) throw new Error(`${path} is a font collection, not one font`);
  return font;
};

/**
 * Noto Sans (Simplified Chinese, GB2312 coverage) from the `@embedpdf/fonts-sc` package: the PDF
 * must carry its own CJK font (a phone's viewer has no 宋体 to fall back on), and an npm package
 * keeps `npm ci` the only install step. Only the glyphs used are embedded (a document is ~140 KB).
 * Parsing an 8 MB font is most of a document's cost, so it is done once and the parsed fonts are
 * handed to every document (pdfkit subsets them afresh each time).
 */
export const loadPolicyDocumentFonts = async (): Promise<PolicyDocumentFonts> => {
  // The package exports only its index; the font files sit in `fonts/` beside its `dist/`.
  const fontsDir = join(dirname(createRequire(import.meta.url).resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  const [regular, bold] = await Promise.all([
    parse(join(fontsDir, 'NotoSansHans-Regular.otf')),
    parse(join(fontsDir, 'NotoSansHans-Bold.otf')),
  ]);
  return { regular, bold };
};
