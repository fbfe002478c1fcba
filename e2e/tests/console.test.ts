import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from '@lianxin/contracts';
import { launchBrowser, logIn, newPage, shot } from '../support/browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
});
afterAll(() => browser.close());

function newCreditCode(): string {
  let body = '91310113';
  while (body.length < 17) body += CREDIT_CODE_ALPHABET.charAt(Math.floor(Math.random() * CREDIT_CODE_ALPHABET.length));
  return body + creditCodeCheckChar(body);
}

describe('staff console journey (顾村 street union)', () => {
  it('logs in and sees its union tree with counts', async () => {
    await logIn(page, 'demo-gucun');
    await page.getByTestId('workbench').waitFor(); // the console opens on the workbench
    await page.goto('/orgs');
    const tree = page.getByTestId('org-tree');
    await tree.getByText('宝山区顾村镇总工会').first().waitFor();
    await shot(page, '01-org-tree');
  });

  it('collapses and expands its union to the federations and enterprise unions below', async () => {
    const tree = page.getByTestId('org-tree');
    const nodes = tree.locator('.ant-tree-treenode[role=treeitem]');
    await nodes.nth(1).waitFor();
    await tree.locator('.ant-tree-switcher_open').first().click();
    await expect.poll(() => nodes.count()).toBe(1);
    await tree.locator('.ant-tree-switcher_close').first().click();
    await expect.poll(() => nodes.count()).toBeGreaterThan(2);
    await tree.getByText('联合会').first().waitFor();
    await shot(page, '02-org-tree-expanded');
  });

  it('adds an enterprise: a wrong credit code is refused on the field, the fixed one is saved', async () => {
    await page.goto('/enterprises');
    await page.getByTestId('enterprise-new').click();
    const code = newCreditCode();
    const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
    await page.locator('#creditCode').fill(wrong);
    await page.locator('#name').fill('上海连心浏览器测试物流有限公司');
    await page.locator('#employeeCount').fill('88');
    await page.locator('#address').fill('宝山区顾村镇测试路8号');
    await chooseOption(page, 'ownership', '私营');
    await chooseOption(page, 'industry', '交通运输、仓储和邮政业', '交通');
    await chooseStreet(page);
    await page.getByTestId('enterprise-submit').click();
    const creditCodeItem = page.locator('.ant-form-item').filter({ has: page.locator('#creditCode') });
    await creditCodeItem.getByText('统一社会信用代码校验位不符，请核对').waitFor();
    await shot(page, '03-credit-code-refused');

    await page.locator('#creditCode').fill(code);
    await page.getByTestId('enterprise-submit').click();
    await page.getByText('上海连心浏览器测试物流有限公司').first().waitFor();
    await shot(page, '04-enterprise-saved');
  });

  it('finds the new enterprise by its pinyin initials', async () => {
    await page.goto('/enterprises');
    const search = page.getByTestId('enterprise-search');
    await search.fill('lxllqcs');
    await search.press('Enter');
    const table = page.getByTestId('enterprise-table');
    await table.getByText('上海连心浏览器测试物流有限公司').waitFor();
    await shot(page, '05-found-by-pinyin');
  });

  it('switches the interface to English and back', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByText('Enterprises', { exact: false }).first().waitFor();
    await shot(page, '06-english');
    // click 中文 itself: in English the bold "English" reaches the middle of the control, and clicking the current
    // language keeps it
    await page.getByTestId('lang-switch').locator('[data-lang="zh-CN"]').click();
    await page.getByText('企业名录').first().waitFor();
  });
});

describe('district view', () => {
  it('a district user expands a street to see its federations', async () => {
    const district = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    await logIn(district, 'demo-baoshan');
    await district.goto('/orgs');
    const tree = district.getByTestId('org-tree');
    const street = tree.locator('.ant-tree-treenode[role=treeitem]').filter({ hasText: '宝山区顾村镇总工会' });
    await street.locator('.ant-tree-switcher_close').click();
    await tree.getByText('区域工会联合会').first().waitFor();
    await shot(district, '08-district-tree');
  });
});

describe('member site', () => {
  it('shows the mobile landing page on a phone', async () => {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/m/');
    await phone.getByTestId('m-home').waitFor();
    expect(await phone.getByText('入会').count()).toBeGreaterThan(0);
    await shot(phone, '07-member-home');
  });
});

/**
 * Picks an option of an antd Select identified by its Form.Item name, typing to filter where it searches. The
 * dropdown is found by the field's own listbox (`#<name>_list`), not as "any visible dropdown" (a closing one
 * elsewhere once took the clicks); opens the field again if a click landed while it was animating, until the
 * field shows the choice.
 */
async function chooseOption(page: Page, name: string, label: string, typed?: string) {
  const field = page.locator('.ant-form-item').filter({ has: page.locator(`#${name}`) });
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`#${name}_list`) });
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first();
  await expect.poll(async () => {
    if (await field.getByText(label).count()) return true;
    if (!(await option.isVisible())) {
      if (!(await dropdown.isVisible())) await page.locator(`#${name}`).click({ force: true });
      // fill, not type: a retry replaces the search text instead of appending to it
      if (typed) await page.locator(`#${name}`).fill(typed);
      await option.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
      return false;
    }
    await page.waitForTimeout(200);
    await option.click({ timeout: 3_000 }).catch(() => undefined);
    return (await field.getByText(label).count()) > 0;
  }, { timeout: 45_000, interval: 300 }).toBe(true);
}

/**
 * Picks 顾村镇 in the street cascader; opens it again if a click landed while it was animating (once the menu stayed
 * open with nothing chosen), until the field shows the street.
 */
async function chooseStreet(page: Page) {
  const field = page.locator('.ant-form-item').filter({ has: page.locator('#regionCode') });
  const option = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item').filter({ hasText: '顾村镇' }).first();
  await expect.poll(async () => {
    if (((await field.textContent()) ?? '').includes('顾村镇')) return true;
    if (!(await option.isVisible())) {
      await page.locator('#regionCode').click({ force: true });
      await option.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
      return false;
    }
    await page.waitForTimeout(200);
    await option.click({ timeout: 3_000 }).catch(() => undefined);
    return ((await field.textContent()) ?? '').includes('顾村镇');
  }, { timeout: 45_000, interval: 300 }).toBe(true);
}
