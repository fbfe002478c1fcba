import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays, shanghaiDate } from '@lianxin/contracts';
import { latestOtp, launchBrowser, logIn, newPage, sendCodeWhenAllowed, shot } from '../support/browser.ts';

/**
 * Rights, as 顾村's street staff: open a dispute case for a member picked by phone and two workers typed in, move it
 * through investigation and mediation, close it as settled with the amount recovered, and see the street's success rate and the amount
 * recovered move. On a phone, the demo member opens 我的维权 (/m/rights), sees their case in mediation with the art. 14
 * clock and raises an issue for their enterprise's 恳谈会, which the street's console shows in the meeting's record.
 */

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await logIn(page, 'demo-gucun');
});
afterAll(() => browser.close());

const figure = async (testId: string) => {
  const el = page.getByTestId(testId);
  await expect.poll(async () => (await el.getAttribute('data-value')) ?? '', { timeout: 20_000 }).not.toBe('');
  return Number(await el.getAttribute('data-value'));
};

/** Picks the option `label` (or the first option when `label` is a RegExp) of the open modal's select `field`. */
async function choose(modal: ReturnType<Page['locator']>, field: string, label: string) {
  await modal.getByTestId(field).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) }).first();
  await option.waitFor({ state: 'visible', timeout: 10_000 });
  await option.click();
}

describe('a dispute case to a settlement (顾村 street staff)', () => {
  it('opens a case, mediates it to success with an amount, and the street\'s success rate moves', async () => {
    await page.getByRole('menuitem', { name: '维权服务' }).click();
    await page.getByTestId('rights-summary').waitFor();
    const rateBefore = await figure('rights-success-rate');
    const recoveredBefore = await figure('rights-recovered');
    await shot(page, '40-rights');

    await page.getByTestId('rights-new-case').click();
    // the modal's root wrapper has no box of its own: wait on its fields
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('rights-workers') });
    await modal.getByTestId('rights-workers').waitFor();
    await modal.getByTestId('rights-enterprise').click();
    await page.keyboard.type('上海');
    const enterprise = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await enterprise.waitFor({ state: 'visible', timeout: 20_000 });
    await enterprise.click();
    // a member picked by their whole mobile (the demo member): the party takes the member's name and phone
    await modal.getByTestId('rights-members').click();
    await page.keyboard.type('13800138000');
    // the enterprise picker's list may still be closing: take the option that shows the member's masked phone
    const member = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /138\*+8000/ }).first();
    await member.waitFor({ state: 'visible', timeout: 20_000 });
    const memberName = ((await member.textContent()) ?? '').split(' ')[0]!;
    await member.click();
    // another worker typed with the same number under another name stays unlinked (a mistyped phone links nobody)
    await modal.getByTestId('rights-workers').fill('张维权 13800138000\n李互助');
    await modal.getByTestId('rights-claim').fill('12,345.67');
    await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
    await page.getByTestId('rights-workers').waitFor({ state: 'hidden', timeout: 20_000 });

    const row = page.getByTestId('rights-cases').locator('tbody tr').first();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('¥12,345.67');
    for (const [to, label] of [['investigating', '调查'], ['mediating', '调解']] as const) {
      await row.locator('[data-testid^="rights-stage-"]').click();
      const stage = page.locator('.ant-modal').filter({ has: page.getByTestId('rights-stage-to') });
      await stage.getByTestId('rights-stage-to').waitFor();
      await expect.poll(() => stage.getByTestId('rights-stage-to').textContent()).toContain(label);
      await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
      await page.getByTestId('rights-stage-to').waitFor({ state: 'hidden', timeout: 20_000 });
      await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(label);
      expect(to).toBeTruthy();
    }
    // in mediation the art. 14 clock shows
    await expect.poll(() => row.textContent()).toMatch(/剩 15 天/);

    await row.locator('[data-testid^="rights-stage-"]').click();
    const closing = page.locator('.ant-modal').filter({ has: page.getByTestId('rights-stage-to') });
    await closing.getByTestId('rights-stage-to').waitFor();
    await choose(closing, 'rights-stage-to', '结案');
    await choose(closing, 'rights-stage-outcome', '调解成功');
    await closing.getByTestId('rights-stage-recovered').fill('10000');
    await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
    await page.getByTestId('rights-stage-to').waitFor({ state: 'hidden', timeout: 20_000 });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('调解成功');
    await row.getByRole('link', { name: '调解协议书' }).waitFor();

    await expect.poll(() => figure('rights-recovered'), { timeout: 20_000 }).toBe(recoveredBefore + 1_000_000);
    const rateAfter = await figure('rights-success-rate');
    expect(rateAfter).not.toBe(rateBefore);
    expect(rateAfter).toBeGreaterThan(rateBefore);
    await shot(page, '41-rights-settled');

    // the case's detail: parties masked, the stages with their days, claim and amount recovered, the agreement
    await row.locator('[data-testid^="rights-case-link-"]').click();
    const detail = page.getByTestId('rights-case-detail');
    await detail.waitFor({ timeout: 20_000 });
    await expect.poll(() => detail.textContent()).toContain('调解成功');
    expect(await page.getByTestId('rights-case-claim').textContent()).toBe('¥12,345.67');
    expect(await page.getByTestId('rights-case-recovered').textContent()).toBe('¥10,000.00');
    const workers = await page.getByTestId('rights-case-workers').textContent();
    expect(workers).toContain(memberName);
    expect(workers).toContain('张维权');
    expect(workers).toContain('李互助');
    expect(workers).not.toContain('13800138000');
    expect(workers).toMatch(/138\*+8000/);
    // 显示号码: the one party's number in clear on request (the API audit-logs the reveal)
    await page.getByTestId('rights-party-reveal').first().click();
    await expect.poll(() => page.getByTestId('rights-case-workers').textContent()).toContain('13800138000');
    const timeline = await page.getByTestId('rights-case-timeline').textContent();
    for (const stage of ['受理', '调查', '调解', '结案（调解成功）']) expect(timeline).toContain(stage);
    expect(await page.getByTestId('rights-case-agreement').getAttribute('href')).toMatch(/^\/api\/rights\/cases\/\d+\/agreement\.pdf$/);
    await shot(page, '42-rights-case-detail');

    // the cockpit's rights panel reads the same figures for the street
    await page.goto('/coverage?tab=rights');
    await page.getByTestId('cockpit-rights').waitFor({ timeout: 20_000 });
    expect(Number(await page.getByTestId('cockpit-rights-rate').getAttribute('data-value'))).toBe(rateAfter);
    await expect.poll(() => page.getByTestId('cockpit-rights').textContent()).toContain('调解成功');
    await shot(page, '43-cockpit-rights');
  });
});

describe('an emergency meeting over a major warning (顾村 street staff)', () => {
  it('records a 紧急约见 from the warnings list', async () => {
    await page.goto('/rights/warnings?level=major&status=open');
    const row = page.getByTestId('rights-warnings').locator('tbody tr').filter({ has: page.locator('[data-testid^="rights-meeting-"]') }).first();
    await row.waitFor({ timeout: 20_000 });
    const before = (await row.textContent()) ?? '';
    const held = Number(/紧急约见 (\d+) 次/.exec(before)?.[1] ?? 0);
    await row.locator('[data-testid^="rights-meeting-"]').click();
    const form = page.getByTestId('rights-meeting-form');
    await form.waitFor();
    await page.getByTestId('rights-meeting-participants').fill('企业法定代表人、街道总工会、职工代表');
    await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
    await form.waitFor({ state: 'hidden', timeout: 20_000 });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain(`紧急约见 ${held + 1} 次`);
    await shot(page, '44-rights-meeting');
  });
});

describe('collective bargaining with its preparation data (顾村 street staff)', () => {
  it('saves the year\'s preparation data, shows it on the round form and records a round', async () => {
    await page.goto('/rights/bargaining');
    await page.getByTestId('rights-enterprise').click();
    await page.keyboard.type('上海');
    const enterprise = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await enterprise.waitFor({ state: 'visible', timeout: 20_000 });
    await enterprise.click();
    await page.getByTestId('bargaining-prep-form').waitFor({ timeout: 20_000 });
    await page.getByTestId('bargaining-profit').fill('-1,000.50');
    await page.getByTestId('bargaining-cpi').fill('0.2');
    await page.getByTestId('bargaining-lower').fill('3');
    await page.getByTestId('bargaining-base').fill('5');
    await page.getByTestId('bargaining-upper').fill('8.5');
    await page.getByTestId('bargaining-prep-save').click();
    const summary = page.getByTestId('bargaining-prep-summary');
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain('3.00% / 5.00% / 8.50%');
    expect(await summary.textContent()).toContain('-¥1,000.50');
    const rounds = page.getByTestId('bargaining-rounds').locator('tbody tr.ant-table-row');
    const before = await rounds.count();
    await page.getByTestId('bargaining-demand').fill('6');
    await page.getByTestId('bargaining-offer').fill('3.5');
    await page.getByTestId('bargaining-round-save').click();
    await expect.poll(() => rounds.count(), { timeout: 20_000 }).toBe(before + 1);
    expect(await rounds.last().textContent()).toContain('6.00%');
    expect(await rounds.last().textContent()).toContain('3.50%');
    await shot(page, '45-rights-bargaining');
  });
});

describe('a regional collective contract (顾村 street staff)', () => {
  it('picks a regional union and the enterprises it covers, and the list shows the contract over them', async () => {
    await page.goto('/rights/contracts');
    await page.getByTestId('rights-regional-new').click();
    const form = page.getByTestId('rights-regional-form');
    await form.waitFor();
    await page.getByTestId('rights-regional-union').click();
    await page.keyboard.type('联合会');
    const union = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await union.waitFor({ state: 'visible', timeout: 20_000 });
    await union.click();
    const first = page.getByTestId('rights-regional-enterprises').locator('input[type="checkbox"]').first();
    await first.waitFor({ timeout: 20_000 });
    await first.check();
    // a term after every demo contract's, so no enterprise is already under one
    const day = (n: number) => addDays(shanghaiDate(), n);
    await page.getByTestId('rights-regional-from').click();
    await page.getByTestId('rights-regional-from').fill(day(1100));
    await page.getByTestId('rights-regional-from').press('Enter');
    await page.getByTestId('rights-regional-to').click();
    await page.getByTestId('rights-regional-to').fill(day(1400));
    await page.getByTestId('rights-regional-to').press('Enter');
    await page.getByTestId('rights-regional-wage').fill('2,690');
    await page.getByRole('button', { name: /确\s*定|OK/ }).last().click();
    await form.waitFor({ state: 'hidden', timeout: 20_000 });
    await expect.poll(() => page.getByTestId('rights-contracts').textContent(), { timeout: 20_000 }).toMatch(/区域性 · .+联合会 · 1 家/);
    await shot(page, '46-rights-regional-contract');
  });
});

describe('我的维权 on the phone, and the 恳谈会 record in the console', () => {
  it('the demo member sees their case and raises an issue; the street\'s staff find it on the meeting', { timeout: 150_000 }, async () => {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const input = (testId: string) => phone.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
    await phone.goto('/m/');
    await phone.getByTestId('m-tile-rights').click();
    await input('login-phone').waitFor();
    await input('login-phone').fill('13800138000');
    await sendCodeWhenAllowed(phone);
    await input('login-code').fill(await latestOtp('13800138000'));
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('m-rights-page').waitFor();
    const cases = phone.getByTestId('m-my-cases');
    await expect.poll(() => cases.textContent(), { timeout: 20_000 }).toContain('加班');
    // the art. 14 clock of the case in mediation (days left, or arbitration open once 15 days have passed)
    expect(await cases.getByTestId('m-case-clock').first().textContent()).toMatch(/调解申请日|15 日内/);
    expect(await phone.getByTestId('m-my-contracts').textContent()).toContain('工资专项集体合同');
    const issue = `班车增开夜班一班（${Date.now() % 100_000}）`;
    await phone.getByTestId('m-issue-text').locator('textarea').fill(issue);
    await phone.getByTestId('m-issue-submit').click();
    await expect.poll(() => phone.getByTestId('m-my-consultations').textContent(), { timeout: 20_000 }).toContain(issue);
    await shot(phone, '47-m-rights');
    // 申请法律援助 opens the services' request form with the category chosen
    await phone.getByTestId('m-legal-aid').click();
    await phone.getByTestId('m-requests-page').waitFor();
    await expect.poll(() => phone.locator('.adm-selector-item-active').first().textContent(), { timeout: 20_000 }).toBe('法律援助');

    await page.goto('/rights/consultations');
    const first = page.getByTestId('rights-consultations').locator('tbody tr.ant-table-row').first();
    await first.waitFor({ timeout: 20_000 });
    expect(await first.textContent()).toContain('上海宝顾精密机械有限公司');
    await first.locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.locator('[data-testid^="consultation-member-issues-"]').first().textContent(), { timeout: 20_000 }).toContain(issue);
    await phone.close();
  });
});
