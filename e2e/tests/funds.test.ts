import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { latestOtp, launchBrowser, logIn, newPage, sendCodeWhenAllowed, shot } from '../support/browser.ts';

/**
 * Union funds as 顾村's staff: enter an enterprise's payroll → its assessment; import a bank statement → the
 * payment is matched; 顾村's collection rate moves; a dunning step for an enterprise in arrears gives its letter;
 * a payment against the member-projects budget (too much is refused with what remains); the 两非一无 subsidies paid;
 * and on the phone the demo member reads their union's 经费公开.
 */

const DEMO_MEMBER_PHONE = '13800138000';
const field = (p: Page, testId: string) => p.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { viewport: { width: 1440, height: 900 } });
  await logIn(page, 'demo-gucun');
});
afterAll(() => browser.close());

async function collectionRate(): Promise<string> {
  const figure = page.getByTestId('funds-collection-rate');
  await figure.waitFor();
  return (await figure.locator('.ant-statistic-content').innerText()).trim();
}

describe('union funds (顾村 street staff)', () => {
  let enterprise = { id: 0, name: '', creditCode: '' };
  let rateBefore = '';

  it('shows 顾村\'s figures', async () => {
    await page.getByRole('menuitem', { name: '工会经费' }).click();
    await page.waitForURL(/\/funds/);
    rateBefore = await collectionRate();
    expect(rateBefore).toMatch(/%$/);
    await shot(page, '60-funds-overview');
  });

  it('enters a payroll and gets the assessment', async () => {
    const list = await page.request.get('/api/enterprises?pageSize=50');
    const items = (await list.json() as { items: { id: number; name: string; creditCode: string; unionStatus: string }[] }).items;
    const chosen = items.find((e) => e.unionStatus !== 'none') ?? items[0]!;
    enterprise = { id: chosen.id, name: chosen.name, creditCode: chosen.creditCode };
    await page.getByRole('tab', { name: '应缴核定' }).click();
    const picker = page.getByTestId('payroll-enterprise');
    await picker.click();
    await page.keyboard.type(enterprise.name.slice(0, 8));
    const option = page.locator('.ant-select-item-option').filter({ hasText: enterprise.creditCode }).first();
    await option.waitFor({ timeout: 20_000 });
    await option.click();
    await page.getByTestId('payroll-period').fill('2026-01');
    await page.getByTestId('payroll-amount').fill('50000000');
    await page.getByTestId('payroll-submit').click();
    await page.locator('.ant-message').getByText('应缴 ¥1,000,000.00').waitFor({ timeout: 20_000 });
    // the assessment lowers the collection rate until it is paid
    await page.getByRole('tab', { name: '经费概况' }).click();
    await expect.poll(async () => {
      await page.reload();
      return collectionRate();
    }, { timeout: 20_000 }).not.toBe(rateBefore);
    rateBefore = await collectionRate();
  });

  it('imports a payroll file: a row with a wrong figure posts nothing and is named; the corrected file posts', async () => {
    await page.getByRole('tab', { name: '应缴核定' }).click();
    await page.getByTestId('payroll-import-period').fill('2026-01');
    const upload = async (csv: string) => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('payroll-import-upload').click();
      await (await chooser).setFiles({ name: 'payroll.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    };
    await upload(`顾村镇工资总额表\n统一社会信用代码,工资总额（元）\n${enterprise.creditCode},五千万\n`);
    const errors = page.getByTestId('payroll-import-errors');
    await errors.getByText('工资总额应为大于 0 的数字').waitFor({ timeout: 20_000 });
    expect(await errors.locator('.ant-table-row').first().innerText()).toContain('3');
    // the same payroll as entered by hand above: nothing changes
    await upload(`顾村镇工资总额表\n统一社会信用代码,工资总额（元）\n${enterprise.creditCode},"50,000,000.00"\n`);
    await page.locator('.ant-message').getByText(/未变 1/).waitFor({ timeout: 20_000 });
    await page.getByTestId('payroll-import-rows').getByText(enterprise.name).waitFor();
    await shot(page, '60b-funds-payroll-import');
  });

  it('imports a bank statement: the line is matched by credit code and the collection rate moves', async () => {
    await page.getByRole('tab', { name: '收款' }).click();
    const csv = `交易日期,付款人名称,统一社会信用代码,金额,流水号\n2026-02-10,${enterprise.name},${enterprise.creditCode},1000000.00,E2E-${Date.now()}\n`;
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('bank-import').click();
    await (await chooser).setFiles({ name: 'bank.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('.ant-message').getByText(/匹配 1/).waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: '经费概况' }).click();
    await expect.poll(async () => {
      await page.reload();
      return collectionRate();
    }, { timeout: 20_000 }).not.toBe(rateBefore);
  });

  it('takes the next dunning step for an enterprise in arrears and offers its letter', async () => {
    await page.getByRole('tab', { name: '欠缴催缴' }).click();
    const table = page.getByTestId('arrears-table');
    await table.locator('.ant-table-row').first().waitFor();
    const button = table.getByTestId('dunning-step').first();
    await button.click();
    await page.locator('.ant-message').getByText(/已完成/).waitFor({ timeout: 20_000 });
    const link = page.getByTestId('dunning-pdf').first();
    await link.waitFor({ timeout: 20_000 });
    const href = await link.getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    await shot(page, '61-funds-arrears');
  });

  it('shows 顾村\'s union chairs with this month\'s allowances and the dated settings', async () => {
    await page.getByRole('tab', { name: '主席津贴' }).click();
    const register = page.getByTestId('chair-register');
    await register.locator('.ant-table-row').first().waitFor({ timeout: 20_000 });
    expect(await register.locator('.ant-table-row').count()).toBeGreaterThan(0);
    // every chair gets 300–800 yuan a month under the demo setting
    expect(await register.innerText()).toMatch(/¥[3-8]\d\d\.00/);
    const settings = page.getByTestId('chair-settings');
    await settings.locator('.ant-table-row').first().waitFor();
    // street staff read the settings; only city staff add one
    expect(await page.getByTestId('chair-settings-form').count()).toBe(0);
    await shot(page, '62-funds-chairs');
  });

  it('pays from 顾村\'s member-projects budget; more than remains is refused with the amount left', async () => {
    await page.getByRole('tab', { name: '预算' }).click();
    const row = page.getByTestId('budget-table').locator('.ant-table-row').filter({ hasText: '会员普惠服务项目' });
    await row.waitFor({ timeout: 20_000 });
    const before = await row.getByTestId('budget-remaining').innerText();
    await row.getByTestId('budget-pay').click();
    await field(page, 'spending-payee').fill('上海顾村职工服务社');
    await field(page, 'spending-purpose').fill('会员观影活动');
    await field(page, 'spending-amount').fill('9999999');
    await page.getByTestId('spending-submit').click();
    await page.locator('.ant-message').getByText(/超出预算.*剩余/).waitFor({ timeout: 20_000 });
    await field(page, 'spending-amount').fill('1234.50');
    await page.getByTestId('spending-submit').click();
    await page.locator('.ant-message').getByText(/已支出 ¥1,234\.50/).waitFor({ timeout: 20_000 });
    await expect.poll(() => row.getByTestId('budget-remaining').innerText()).not.toBe(before);
    await shot(page, '63-funds-budget');
  });

  it('lists the 两非一无 subsidies 顾村 has paid', async () => {
    await page.getByRole('tab', { name: '补贴' }).click();
    await page.getByTestId('subsidy-figures').waitFor({ timeout: 20_000 });
    await page.locator('.ant-segmented-item').filter({ hasText: '已拨付' }).click();
    const rows = page.getByTestId('subsidy-table').locator('.ant-table-row');
    await rows.first().waitFor({ timeout: 20_000 });
    // the pending ones (this autumn's joins) are listed until the filtered page arrives
    await expect.poll(() => rows.first().innerText(), { timeout: 20_000 }).toContain('已拨付');
    await shot(page, '64-funds-subsidies');
  });
});

describe('经费公开 on the phone', () => {
  it('the demo member signs in and sees their union\'s income, spending and budget execution', { timeout: 150_000 }, async () => {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto('/m/');
    await phone.getByTestId('m-tile-funds').click();
    await field(phone, 'login-phone').waitFor();
    await field(phone, 'login-phone').fill(DEMO_MEMBER_PHONE);
    await sendCodeWhenAllowed(phone);
    await field(phone, 'login-code').fill(await latestOtp(DEMO_MEMBER_PHONE));
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('m-funds-page').waitFor();
    await phone.getByTestId('m-funds-budget-line').first().waitFor({ timeout: 20_000 });
    expect(await phone.getByTestId('m-funds-intro').innerText()).toContain('工会');
    expect(await phone.getByTestId('m-funds-spending-total').innerText()).toMatch(/¥[1-9]/);
    expect(await phone.getByTestId('m-funds-budget').innerText()).toContain('职工文体活动');
    await shot(phone, '65-m-funds');
  });
});
