import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, newPage, shot } from '../support/browser.ts';

/**
 * The coverage cockpit and the union-building campaign, as 宝山 district staff: drill from the district to 顾村,
 * build a union in its largest uncovered target enterprise from the worklist, and see 顾村's figures move.
 */

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  // reduced motion: the charts draw at once, so screenshots show them whole
  page = await newPage(browser, { viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  await logIn(page, 'demo-baoshan');
});
afterAll(() => browser.close());

const BAOSHAN = '宝山区总工会';
const GUCUN = '宝山区顾村镇总工会';

/** Waits until the cockpit shows `unit` with its own figures loaded. */
async function cockpitShows(unit: string) {
  await expect.poll(() => page.getByTestId('unit-name').textContent(), { timeout: 20_000 }).toBe(unit);
  await page.locator('[data-testid="cockpit"][data-loading="false"]').waitFor();
  await page.getByTestId('kpi-covered-value').waitFor();
}

async function count(testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(text.replace(/[^\d]/g, ''));
}

async function rate(): Promise<number> {
  return Number.parseFloat((await page.getByTestId('kpi-rate-value').textContent()) ?? '');
}

/**
 * Picks an option of an antd Select identified by its form field id. The dropdown is found by the field's own
 * listbox (`#<id>_list`), not by "any visible dropdown": the page's stage filter offers the same labels, and a
 * closing filter dropdown once took the clicks. Opens the field again if a click landed while it was animating,
 * until the field shows the choice.
 */
async function chooseOption(id: string, label: string) {
  const field = page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`#${id}_list`) });
  const option = dropdown.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }).first();
  await expect.poll(async () => {
    if (await field.getByText(label, { exact: true }).count()) return true;
    if (!(await option.isVisible())) {
      await field.locator('.ant-select').click({ force: true });
      await option.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
      return false;
    }
    await page.waitForTimeout(200);
    await option.click({ timeout: 3_000 }).catch(() => undefined);
    return (await field.getByText(label, { exact: true }).count()) > 0;
  }, { timeout: 45_000, interval: 300 }).toBe(true);
}

describe('coverage cockpit and campaign (宝山 district staff)', () => {
  let coveredBefore = 0;
  let rateBefore = 0;
  let built = '';

  it('opens the cockpit on its own district with figures, target status and charts', async () => {
    await page.getByRole('menuitem', { name: '覆盖驾驶舱' }).click();
    await cockpitShows(BAOSHAN);
    expect(await count('kpi-target-value')).toBeGreaterThan(0);
    expect(await count('kpi-covered-value')).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-rate-status').textContent()).toMatch(/达标|接近|落后/);
    await page.getByTestId('kpi-coverage-target').getByText('目标 88%').waitFor();
    // the count links to the list it counts
    expect(await page.getByTestId('kpi-target-value').locator('a').getAttribute('href')).toMatch(/^\/enterprises\?orgId=\d+&target=true$/);

    const canvas = page.getByTestId('chart-by-child').locator('canvas').first();
    await canvas.waitFor();
    await expect.poll(async () => {
      const box = await canvas.boundingBox();
      return box !== null && box.width > 100 && box.height > 100;
    }).toBe(true);
    await page.getByTestId('chart-trend').locator('canvas').first().waitFor();
    await shot(page, 'coverage-01-cockpit-baoshan');
  });

  it('drills down to 顾村 by its name in the children table', async () => {
    await page.getByTestId('children-table').getByRole('link', { name: GUCUN, exact: true }).click();
    await cockpitShows(GUCUN);
    await page.getByTestId('drill-trail').getByRole('link', { name: BAOSHAN }).waitFor();
    expect(page.url()).toMatch(/\/coverage\?orgId=\d+/);
    coveredBefore = await count('kpi-covered-value');
    rateBefore = await rate();
    expect(coveredBefore).toBeGreaterThan(0);
    expect(rateBefore).toBeGreaterThan(0);
    expect(rateBefore).toBeLessThan(100);
    await page.getByTestId('kpi-coverage-target').getByText('目标 90%').waitFor();
    await shot(page, 'coverage-02-cockpit-gucun');
  });

  it('opens 顾村’s worklist and builds a union in its largest enterprise', async () => {
    await page.getByTestId('campaign-link').click();
    await page.waitForURL(/\/campaign\?orgId=\d+/);
    const first = page.getByTestId('worklist').locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    built = ((await first.getByTestId('worklist-name').textContent()) ?? '').trim();
    expect(built).not.toBe('');
    await first.click();

    const drawer = page.getByTestId('campaign-drawer');
    await expect.poll(() => drawer.getByTestId('campaign-enterprise').textContent()).toBe(built);
    await drawer.getByTestId('campaign-steps').waitFor();
    await chooseOption('stage', '已建会');
    // a new enterprise union by default: the enterprise's name + 工会, under the responsible union
    await drawer.getByTestId('union-choice').waitFor();
    expect(await drawer.getByTestId('union-name').inputValue()).toBe(`${built}工会`);
    await drawer.getByTestId('union-choice').getByText(GUCUN).waitFor();
    await shot(page, 'coverage-03-campaign-drawer');

    await drawer.getByTestId('campaign-save').click();
    await page.getByText(`${built} 已建会，已移出攻坚清单`).waitFor();
    // the drawer closes and the list reloads after the save; on a loaded 2-core machine that can take seconds
    await expect.poll(() => page.locator('.ant-drawer-content-wrapper:visible').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('worklist').getByText(built, { exact: true }).count(), { timeout: 20_000 }).toBe(0);
    await shot(page, 'coverage-04-worklist-after');
  });

  it('back in the cockpit, 顾村 has one more covered target enterprise and a higher rate', async () => {
    await page.getByTestId('cockpit-link').click();
    await cockpitShows(GUCUN);
    await page.getByTestId('drill-trail').getByRole('link', { name: BAOSHAN }).waitFor();
    expect(await count('kpi-covered-value')).toBe(coveredBefore + 1);
    expect(await rate()).toBeGreaterThan(rateBefore);
    await shot(page, 'coverage-05-cockpit-gucun-after');
  });

  it('shows the 服务, 经费 and 星级 tabs with each child unit, and a drill-down keeps the tab', async () => {
    await page.goto('/coverage?tab=funds');
    await expect.poll(() => page.getByTestId('unit-name').textContent(), { timeout: 20_000 }).toBe(BAOSHAN);
    await page.getByTestId('cockpit-funds-assessed').waitFor({ timeout: 20_000 });
    const child = page.getByTestId('cockpit-funds-children').getByRole('link', { name: GUCUN, exact: true });
    expect(await child.getAttribute('href')).toMatch(/^\/coverage\?orgId=\d+&tab=funds$/);
    // sortable columns: the header toggles the order
    await page.getByTestId('cockpit-funds-children').locator('th').filter({ hasText: /^收缴率$/ }).first().click();
    await page.getByTestId('cockpit-funds-children').locator('th[aria-sort]').first().waitFor();
    await shot(page, 'coverage-06-cockpit-funds-baoshan');
    await child.click();
    await expect.poll(() => page.getByTestId('unit-name').textContent(), { timeout: 20_000 }).toBe(GUCUN);
    await page.getByTestId('cockpit-funds-assessed').waitFor({ timeout: 20_000 });

    await page.getByRole('tab', { name: '服务' }).click();
    await page.getByTestId('cockpit-services-received').waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/tab=services/);
    await page.getByTestId('cockpit-services-children').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'coverage-07-cockpit-services-gucun');

    await page.getByRole('tab', { name: '星级' }).click();
    await page.getByTestId('cockpit-stars-evaluated').waitFor({ timeout: 20_000 });
    await page.getByTestId('cockpit-stars-children').locator('tbody tr.ant-table-row').first().waitFor();
    await shot(page, 'coverage-08-cockpit-stars-gucun');
    // back to 顾村's first tab, where the next step starts
    await page.goto(`/coverage?orgId=${new URL(page.url()).searchParams.get('orgId')}`);
    await cockpitShows(GUCUN);
  });

  it('issues a rectification opinion to an enterprise that refuses, and its PDF opens', async () => {
    await page.goto(`/campaign?${new URL(page.url()).searchParams.toString()}&stage=not_contacted`);
    const first = page.getByTestId('worklist').locator('tbody tr.ant-table-row').first();
    await first.waitFor();
    const name = ((await first.getByTestId('worklist-name').textContent()) ?? '').trim();
    await first.click();
    const drawer = page.getByTestId('campaign-drawer');
    await expect.poll(() => drawer.getByTestId('campaign-enterprise').textContent()).toBe(name);
    await chooseOption('stage', '拒绝建会');
    await drawer.getByTestId('campaign-notes').fill('负责人拒绝建会，拟出具两书');
    await drawer.getByTestId('campaign-save').click();
    await drawer.getByTestId('campaign-timeline').getByText('攻坚阶段：未接触 → 拒绝建会').waitFor();

    await drawer.getByTestId('letter-issue-rectification_opinion').click();
    // antd spaces out a two-character button label: "出 具"
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /^出\s?具$/ }).click();
    const letter = drawer.getByTestId('letter-item').first();
    await letter.getByText('工会组建法律监督整改意见书').waitFor();
    await drawer.getByTestId('campaign-timeline').getByText(/出具《工会组建法律监督整改意见书》/).waitFor();
    const href = await letter.getByTestId('letter-pdf').getAttribute('href');
    expect(href).toMatch(/^\/api\/campaign\/letters\/\d+\/pdf$/);
    const response = await page.request.get(href ?? '');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await shot(page, 'coverage-09-letter-issued');
  });
});
