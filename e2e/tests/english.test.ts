import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, newPage, shot } from '../support/browser.ts';

/**
 * Issue 10 "Layout" in English: region names have an English form (pinyin plus the kind of division: 宝山区 →
 * "Baoshan District") in the H5's district → street picker and in the console; the H5 at an iPhone 12–14 width
 * (390 px) neither cuts its page titles nor lets text run past the screen.
 */

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** Han characters and the full-width punctuation that comes with them. */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

describe('the English H5 at 390 px', () => {
  let phone: Page;
  beforeAll(async () => {
    // no geolocation permission: the page asks for a street instead
    phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en' });
    await phone.addInitScript(() => localStorage.setItem('lianxin.locale', 'en'));
  });

  it('shows the whole stations title and English district and street names in the picker', async () => {
    await phone.goto('/m/stations');
    const title = phone.locator('.m-navbar .adm-nav-bar-title');
    await title.getByText('Service positions nearby').waitFor();
    const box = await title.evaluate((el) => {
      const own = el.getBoundingClientRect();
      const bar = el.closest('.adm-nav-bar')!.getBoundingClientRect();
      return { sw: el.scrollWidth, cw: el.clientWidth, top: own.top, bottom: own.bottom, right: own.right, barTop: bar.top, barBottom: bar.bottom };
    });
    // not cut (no "…"), inside the red bar, inside the screen
    expect(box.sw).toBeLessThanOrEqual(box.cw);
    expect(box.top).toBeGreaterThanOrEqual(box.barTop);
    expect(box.bottom).toBeLessThanOrEqual(box.barBottom);
    expect(box.right).toBeLessThanOrEqual(390);

    await phone.getByTestId('m-street-picker').click();
    const cascader = phone.locator('.adm-cascader-view');
    await cascader.getByText('Baoshan District', { exact: true }).click();
    await cascader.getByText('Gucun Town', { exact: true }).waitFor();
    await cascader.getByText('Youyilu Subdistrict', { exact: true }).waitFor();
    await cascader.getByText('Baoshan Industrial Park', { exact: true }).waitFor();
    const options = await cascader.locator('.adm-check-list-item').allInnerTexts();
    expect(options.filter((o) => CJK.test(o))).toEqual([]);
    await cascader.getByText('Gucun Town', { exact: true }).click();
    // the tabs (district, street) show their whole names
    const tabs = await cascader.locator('.adm-cascader-view-header-title').evaluateAll((els) => els.map((el) => ({ text: el.textContent, cut: el.scrollWidth > el.clientWidth })));
    expect(tabs).toEqual([{ text: 'Baoshan District', cut: false }, { text: 'Gucun Town', cut: false }]);
    await phone.locator('.adm-cascader-header-button').filter({ hasText: /^(OK|Confirm)$/ }).click();
    await phone.getByTestId('m-street-picker').getByText('Baoshan District / Gucun Town').waitFor();
    await phone.getByTestId('m-station').first().waitFor({ timeout: 20_000 });
    await shot(phone, 'english-m-stations');
  });

  it('cuts no text and runs nothing past the screen on the other pages', async () => {
    const problems: string[] = [];
    for (const path of ['/m/', '/m/join', '/m/status', '/m/stations', '/m/requests', '/m/login']) {
      await phone.goto(path);
      await phone.locator('.m-page, .m-home, main').first().waitFor();
      await phone.waitForLoadState('networkidle');
      const found = await phone.evaluate(() => {
        const out: string[] = [];
        for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
          if (el.children.length > 0 || !el.textContent?.trim()) continue;
          const style = getComputedStyle(el);
          const clips = style.overflowX === 'hidden' || style.textOverflow === 'ellipsis';
          if (clips && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.textContent.trim()}`);
          if (el.getBoundingClientRect().right > window.innerWidth + 1) out.push(`past the screen: ${el.textContent.trim()}`);
        }
        return out;
      });
      problems.push(...found.map((p) => `${path} ${p}`));
    }
    expect(problems).toEqual([]);
  });
});

describe('the English console', () => {
  it('shows whole menu labels and names regions in English in the enterprise list and the region filter', async () => {
    const page = await newPage(browser, { viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    await page.addInitScript(() => localStorage.setItem('lianxin.locale', 'en'));
    await logIn(page, 'demo-baoshan');
    // the menu shows its whole labels ('Democratic management' was cut at the Chinese menu's width)
    const cut = await page.locator('.shell-sider .ant-menu-title-content')
      .evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    expect(cut).toEqual([]);
    await page.goto('/enterprises');
    await page.getByTestId('enterprise-table').waitFor();
    const regionCells = page.getByTestId('enterprise-table').locator('tbody tr.ant-table-row td:nth-child(3)');
    await regionCells.first().waitFor();
    const regions = await regionCells.allInnerTexts();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions.every((r) => /^[A-Za-zü' ()-]+ (Town|Subdistrict|Park|Zone)$/.test(r))).toBe(true);
    await page.context().close();
  });

  it('shows whole column titles on the member and enterprise lists at 1,440 px', async () => {
    const page = await newPage(browser, { viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    await page.addInitScript(() => localStorage.setItem('lianxin.locale', 'en'));
    await logIn(page, 'demo-baoshan');
    const cutTitles: string[] = [];
    for (const path of ['/members', '/enterprises']) {
      await page.goto(path);
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
      // a title is cut when the element holding it (a sortable column's title, else the cell) holds more than it
      // shows (a fixed column's cell itself always reports more: its shadow reaches past it)
      const cut = await page.locator('.ant-table-thead th').evaluateAll((cells) => cells.filter((th) => {
        const holder = th.querySelector<HTMLElement>('.ant-table-column-title') ?? th;
        return Boolean(th.textContent?.trim()) && holder.clientWidth > 0 && holder.scrollWidth > holder.clientWidth + 1;
      }).map((th) => th.textContent?.trim() ?? ''));
      cutTitles.push(...cut.map((title) => `${path}: ${title}`));
      // and the table fits the screen: no sideways scrolling at 1,440 px
      const table = await page.locator('.ant-table-content, .ant-table-body').first().evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      if (table.sw > table.cw + 1) cutTitles.push(`${path}: the table scrolls sideways (${table.sw} px in ${table.cw})`);
    }
    expect(cutTitles).toEqual([]);
    await page.context().close();
  });
});
