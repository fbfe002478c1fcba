import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, newPage, shot } from '../support/browser.ts';

/**
 * The console a chair lives in: the workbench leads into filtered lists, an export holds exactly the rows the
 * filtered list shows, sorting reorders and stays in the URL, and the English console has no Chinese left in its
 * own words (names of unions and enterprises are data and stay as they are).
 */

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await logIn(page, 'demo-gucun');
});
afterAll(() => browser.close());

/** The number in the list's "共 N 条" / "N in total" line. */
async function listTotal(p: Page): Promise<number> {
  const text = await p.locator('.ant-pagination-total-text').first().innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** Han, kana, hangul and CJK / full-width punctuation. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

describe('the workbench', () => {
  it('opens at / with the day\'s work, and an item leads to its filtered list', async () => {
    await page.goto('/');
    const workbench = page.getByTestId('workbench');
    await workbench.getByTestId('workbench-item-applications.pending').waitFor();
    await workbench.getByTestId('workbench-item-campaign.followUps').waitFor();
    await workbench.getByTestId('workbench-item-imports.finished').waitFor();
    await shot(page, '20-workbench');

    await workbench.getByTestId('workbench-item-applications.pending').click();
    await page.waitForURL(/\/applications\?status=pending/);
    await page.getByTestId('application-table').waitFor();
    await expect.poll(() => page.getByTestId('application-status').locator('.ant-segmented-item-selected').innerText()).toBe('待审批');

    await page.goto('/');
    await page.getByTestId('workbench-item-campaign.followUps').click();
    await page.waitForURL(/\/campaign/);
  });
});

describe('export follows the screen', () => {
  it('a filtered member export holds exactly the rows the list counts, under one header row', async () => {
    await page.goto(`/members?q=${encodeURIComponent('王')}&joinChannel=online`);
    await page.getByTestId('member-table').locator('.ant-table-row').first().waitFor();
    const total = await listTotal(page);
    expect(total).toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('member-export').click();
    await page.getByTestId('export-progress').waitFor();
    await shot(page, '21-member-export-progress');
    const file = await (await download).path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const names: string[] = [];
    sheet.eachRow((row) => names.push(String(row.getCell(1).value)));
    expect(names[0]).toBe('姓名');
    expect(names.slice(1)).toHaveLength(total);
    expect(names.slice(1).every((n) => n.startsWith('王'))).toBe(true);
  });
});

describe('sorted lists', () => {
  const employeeCounts = async () =>
    (await page.getByTestId('enterprise-table').locator('.ant-table-row td:nth-child(5)').allInnerTexts()).map((s) => Number(s.replace(/[^\d]/g, '')));

  it('clicking a column header sorts the list, keeps the order in the URL and after a reload', async () => {
    await page.goto('/enterprises');
    const table = page.getByTestId('enterprise-table');
    await table.locator('.ant-table-row').first().waitFor();
    const header = table.locator('th').filter({ hasText: '职工人数' });
    await header.click();
    await page.waitForURL(/sort=employeeCount/);
    await expect.poll(async () => {
      const counts = await employeeCounts();
      return counts.length > 1 && counts.every((n, i) => i === 0 || counts[i - 1]! <= n);
    }).toBe(true);
    await header.click();
    await page.waitForURL(/sort=employeeCount&order=desc|order=desc&sort=employeeCount/);
    await expect.poll(async () => {
      const counts = await employeeCounts();
      return counts.length > 1 && counts[0]! > counts.at(-1)! && counts.every((n, i) => i === 0 || counts[i - 1]! >= n);
    }).toBe(true);
    const descending = await employeeCounts();
    await page.reload();
    await table.locator('.ant-table-row').first().waitFor();
    await expect.poll(employeeCounts).toEqual(descending);
    await shot(page, '22-enterprises-sorted');
  });

  it('sorts members by name', async () => {
    await page.goto('/members');
    const table = page.getByTestId('member-table');
    await table.locator('.ant-table-row').first().waitFor();
    await table.locator('th').filter({ hasText: '姓名' }).click();
    await page.waitForURL(/sort=name/);
    await expect.poll(async () => {
      const names = await table.getByTestId('member-open').allInnerTexts();
      return names.length > 1 && names.every((n, i) => i === 0 || names[i - 1]!.localeCompare(n, 'zh-CN-u-co-pinyin') <= 0 || names[i - 1]! <= n);
    }).toBe(true);
    await shot(page, '23-members-sorted');
  });
});

describe('the audit log and the union tree', () => {
  it('the audit log reads as words: object names, no JSON', async () => {
    await page.goto('/audit?action=read_personal');
    const table = page.getByTestId('audit-table');
    await table.locator('.ant-table-row').first().waitFor();
    const details = await table.locator('.audit-detail').allInnerTexts();
    expect(details.join(' ')).not.toMatch(/[{}"]/);
    await shot(page, '24-audit');
  });

  it('finds a union by name and opens the tree down to it', async () => {
    await page.goto('/orgs');
    const search = page.getByTestId('org-tree-search');
    await search.click();
    await page.keyboard.type('物流');
    const option = page.locator('.ant-select-item-option').first();
    await option.waitFor();
    const name = (await option.innerText()).split('\n')[0]!.trim();
    await option.click();
    await page.waitForURL(/org=\d+/);
    await page.getByTestId('org-tree').locator('.ant-tree-node-selected').getByText(name).first().waitFor();
    await shot(page, '25-org-tree-search');
  });
});

describe('the English console', () => {
  it('has no Chinese in its own words on the key pages', async () => {
    await page.goto('/');
    await page.getByTestId('workbench').waitFor();
    await page.getByTestId('lang-switch').locator('[data-lang="en"]').click();
    await page.getByText('Workbench').first().waitFor();
    const pages: [string, string][] = [
      ['/', 'workbench'], ['/enterprises', 'enterprise-table'], ['/members', 'member-table'], ['/applications', 'application-table'],
      ['/audit', 'audit-table'], ['/coverage', 'cockpit'], ['/campaign', 'worklist'], ['/orgs', 'org-tree'],
    ];
    const leftovers: string[] = [];
    for (const [path, testId] of pages) {
      await page.goto(path);
      await page.locator(`[data-testid="${testId}"], [data-testid^="${testId}"]`).first().waitFor();
      await page.waitForLoadState('networkidle');
      // the interface's own words: navigation, titles, column heads, buttons, tabs, field hints, pagination
      const texts = await page.evaluate(() => {
        const chrome = document.querySelectorAll(
          '.ant-menu-title-content, h4, th, button, .ant-tabs-tab-btn, .ant-pagination-total-text, .ant-statistic-title, .ant-select-selection-placeholder, .ant-segmented-item-label, .ant-empty-description',
        );
        const placeholders = Array.from(document.querySelectorAll('input[placeholder]')).map((i) => i.getAttribute('placeholder') ?? '');
        // the language switch names 中文 in Chinese on purpose
        const own = Array.from(chrome).filter((e) => !e.closest('[data-testid="lang-switch"]'));
        return [...own.map((e) => (e as HTMLElement).innerText), ...placeholders];
      });
      for (const text of texts) if (CJK.test(text)) leftovers.push(`${path}: ${text}`);
      await shot(page, `26-english${path.replaceAll('/', '-') || '-home'}`);
    }
    expect(leftovers).toEqual([]);
    await page.getByTestId('lang-switch').locator('[data-lang="zh-CN"]').click();
  }, 240_000);
});
