/**
 * @jest-environment node
 *
 * Checks the real build output, not the sources: `npm run build` must have run first (turbo runs
 * it before this package's tests).
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const distRoot = join(__dirname, '..', 'dist');
const weappDir = join(distRoot, 'weapp');
const h5Dir = join(distRoot, 'h5');

/** WeChat refuses to upload a package (main or sub) above 2 MB. */
const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;
/** Files the DevTools read but do not upload. */
const NOT_UPLOADED = new Set(['project.config.json', 'project.private.config.json']);

interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; iconPath?: string; selectedIconPath?: string }[] };
}

const requireBuild = (path: string, what: string): void => {
  if (!existsSync(path)) {
    throw new Error(
      `${what} is missing (${path}). Build first: \`npm run build -w @xiaoan/miniprogram\` ` +
        '(turbo runs it before this test).',
    );
  }
};

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });

const readAppJson = (): AppJson => {
  const path = join(weappDir, 'app.json');
  requireBuild(path, 'The weapp build (dist/weapp/app.json)');
  return JSON.parse(readFileSync(path, 'utf8')) as AppJson;
};

describe('weapp build', () => {
  it('has the three tab pages in the main package', () => {
    const app = readAppJson();
    expect(app.pages).toEqual(expect.arrayContaining(['pages/home/index', 'pages/policies/index', 'pages/me/index']));
    expect(app.tabBar?.list.map((tab) => tab.pagePath)).toEqual([
      'pages/home/index',
      'pages/policies/index',
      'pages/me/index',
    ]);
  });

  it('puts the purchase flow in the buy sub-package', () => {
    const buy = readAppJson().subPackages?.find((sub) => sub.root === 'packages/buy');
    expect(buy?.pages).toEqual(
      expect.arrayContaining([
        'product/index',
        'flight/index',
        'heat/index',
        'rain/index',
        'quote/index',
        'insured/index',
        'pay/index',
        'result/index',
      ]),
    );
  });

  it('puts policy detail and verification in the policy sub-package', () => {
    const policy = readAppJson().subPackages?.find((sub) => sub.root === 'packages/policy');
    expect(policy?.pages).toEqual(expect.arrayContaining(['detail/index', 'verify/index']));
  });

  it('puts my claims and the claim detail (red packet) in the claims sub-package', () => {
    const claims = readAppJson().subPackages?.find((sub) => sub.root === 'packages/claims');
    expect(claims?.pages).toEqual(expect.arrayContaining(['list/index', 'detail/index']));
  });

  it('keeps the red packet and the evidence timeline out of the main package', () => {
    // Sub-package code must not leak into the main package (it is downloaded on every cold start).
    const mainFiles = filesUnder(weappDir)
      .map((file) => relative(weappDir, file).split(sep).join('/'))
      .filter((path) => !path.startsWith('packages/'));
    const leaking = mainFiles.filter(
      (path) => /\.(js|wxss)$/.test(path) && readFileSync(join(weappDir, path), 'utf8').includes('red-packet__open'),
    );
    expect(leaking).toEqual([]);
  });

  it('keeps only the three tab pages in the main package', () => {
    expect(readAppJson().pages).toHaveLength(3);
  });

  it('emits the script, template and config of every listed page', () => {
    const app = readAppJson();
    const pages = [
      ...app.pages,
      ...(app.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
    ];
    const missing = pages.flatMap((page) =>
      ['.js', '.wxml', '.json'].map((ext) => `${page}${ext}`).filter((file) => !existsSync(join(weappDir, file))),
    );
    expect(missing).toEqual([]);
  });

  it('ships the tab bar icons it refers to', () => {
    const icons = (readAppJson().tabBar?.list ?? []).flatMap((tab) => [tab.iconPath, tab.selectedIconPath]);
    expect(icons.length).toBeGreaterThan(0);
    expect(icons.filter((icon) => !icon || !existsSync(join(weappDir, icon)))).toEqual([]);
  });

  it('keeps the main package and every sub-package under 2 MB', () => {
    expect(readAppJson().subPackages?.map((sub) => sub.root)).toEqual(
      expect.arrayContaining(['packages/buy', 'packages/policy', 'packages/claims']),
    );
    const app = readAppJson();
    const roots = (app.subPackages ?? []).map((sub) => sub.root.replace(/\/$/, ''));
    const sizes = new Map<string, number>([['(main)', 0], ...roots.map((root) => [root, 0] as const)]);

    for (const file of filesUnder(weappDir)) {
      const path = relative(weappDir, file).split(sep).join('/');
      if (NOT_UPLOADED.has(path)) continue;
      const owner = roots.find((root) => path.startsWith(`${root}/`)) ?? '(main)';
      sizes.set(owner, sizes.get(owner)! + statSync(file).size);
    }

    const tooBig = [...sizes].filter(([, bytes]) => bytes >= PACKAGE_LIMIT_BYTES);
    expect(tooBig).toEqual([]);
    expect(sizes.get('(main)')).toBeGreaterThan(0);
  });
});

describe('h5 build', () => {
  it('has an index.html in Chinese titled 小安保险', () => {
    const path = join(h5Dir, 'index.html');
    requireBuild(path, 'The H5 build (dist/h5/index.html)');
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('<title>小安保险</title>');
  });
});
