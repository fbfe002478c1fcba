import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idNumberCheckChar } from '@lianxin/contracts';
import { latestOtp, launchBrowser, logIn, newPage, shot, smsTexts } from '../support/browser.ts';

/**
 * A food-delivery rider without a fixed employer joins online on a phone (the mobile number proven by an SMS code),
 * the union the application was routed to approves it in the console, the rider is told by SMS that signing in is
 * now possible, and signs in with an SMS code to show the e-member card.
 */

let browser: Browser;
let phone: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
});
afterAll(() => browser.close());

const pick = (chars: string) => chars.charAt(Math.floor(Math.random() * chars.length));
const riderName = `骑手${pick('甲乙丙丁戊己庚辛壬癸')}${pick('子丑寅卯辰巳午未申酉戌亥')}${pick('东南西北中')}`;
const idBody = `31011319960718${String(100 + Math.floor(Math.random() * 900))}`;
const idNumber = idBody + idNumberCheckChar(idBody);
const wrongCheck = idBody + (idNumberCheckChar(idBody) === '0' ? '1' : '0');
const mobile = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** antd-mobile puts a testid on the input's wrapper. */
const input = (page: Page, testId: string) => page.getByTestId(testId).locator('input');

let routedTo = '';

describe('joining online as a rider (390×844)', () => {
  it('refuses a wrong ID check digit and a bad mobile number on their fields', async () => {
    await phone.goto('/m/');
    await phone.getByTestId('m-tile-join').click();
    await input(phone, 'join-name').fill(riderName);
    await input(phone, 'join-id-number').fill(wrongCheck);
    await input(phone, 'join-phone').fill('12345678901');
    await phone.getByTestId('join-submit').click();
    await phone.locator('[data-field="idNumber"]').getByText('身份证号校验位不符，请核对').waitFor();
    await phone.locator('[data-field="phone"]').getByText('手机号码格式不正确').waitFor();
    await shot(phone, '10-join-refused');
  });

  it('applies without a fixed employer from 宝山区顾村镇 and sees where the application went and why', async () => {
    await input(phone, 'join-id-number').fill(idNumber);
    await input(phone, 'join-phone').fill(mobile);
    await input(phone, 'join-phone').blur();
    // the fields re-check on blur; wait for the old messages to go so the layout stops moving
    await phone.getByText('身份证号校验位不符，请核对').waitFor({ state: 'detached' });
    await phone.getByText('手机号码格式不正确').waitFor({ state: 'detached' });
    await phone.getByTestId('join-occupation').getByText('网约送餐员', { exact: true }).click();
    await phone.getByTestId('join-occupation').locator('.adm-selector-item-active').getByText('网约送餐员').waitFor();
    await phone.getByTestId('join-no-employer').click();
    await phone.getByTestId('join-region').click();
    const cascader = phone.locator('.adm-cascader-view');
    await cascader.getByText('宝山区', { exact: true }).click();
    await cascader.getByText('顾村镇', { exact: true }).click();
    await phone.locator('.adm-cascader-header-button').filter({ hasText: '确定' }).click();
    await phone.getByTestId('join-region').getByText('宝山区 / 顾村镇').waitFor();
    // without the SMS code the form stays on the page, the field says what is missing
    await phone.getByTestId('join-submit').click();
    await phone.locator('[data-field="phoneCode"]').getByText('必填项').waitFor();
    await phone.getByTestId('join-send-code').click();
    await phone.getByTestId('join-send-code').getByText(/秒后重发/).waitFor();
    await input(phone, 'join-phone-code').fill(await latestOtp(mobile, 'application_code'));
    await phone.getByTestId('join-submit').click();

    const result = phone.getByTestId('join-result');
    await result.waitFor();
    const reason = (await phone.getByTestId('join-reason').textContent()) ?? '';
    expect(reason).toMatch(/提交至/);
    routedTo = (await result.locator('.adm-list-item').filter({ hasText: '受理工会' }).locator('.adm-list-item-content-extra').textContent()) ?? '';
    expect(reason).toContain(routedTo);
    expect(routedTo).toMatch(/宝山区/);
    expect(await phone.getByTestId('join-reference').textContent()).toMatch(/^[A-Z0-9]{10}$/);
    await shot(phone, '11-join-result');
  });

  it('checks the status with the reference and the mobile number', async () => {
    await phone.getByTestId('join-check-status').click();
    await phone.getByTestId('status-submit').click();
    await phone.getByTestId('status-card').getByText('待审批').waitFor();
  });
});

describe('approval in the console', () => {
  it('the union the application was routed to approves it', async () => {
    const staff = await newPage(browser, { viewport: { width: 1440, height: 900 } });
    // the street union sees its own queue and the federations below it; a district federation is the district's
    await logIn(staff, routedTo.includes('顾村') ? 'demo-gucun' : 'demo-baoshan');
    await staff.getByRole('menuitem', { name: '入会审批' }).click();
    const row = staff.getByTestId('application-table').locator('.ant-table-row').filter({ hasText: riderName });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('310***********');
    await staff.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    await shot(staff, '12-application-queue');
    await row.getByTestId('application-approve').click();
    await staff.getByTestId('application-approve-confirm').click();
    await staff.getByText(`已通过：${riderName} 成为会员`).waitFor();
    await row.waitFor({ state: 'detached' });
    await staff.context().close();
    // the rider is told by SMS that signing in is now possible
    await expect.poll(() => smsTexts(mobile).find((m) => m.template === 'application_approved')?.text ?? '').toContain('现在可以用本手机号登录连心');
  });
});

describe('the e-member card', () => {
  it('asks a visitor to sign in, then shows the card after the SMS code', async () => {
    // a fake clock (flowing like the real one until a test moves it), so the QR renewal can be watched below
    await phone.clock.install();
    await phone.goto('/m/card');
    await input(phone, 'login-phone').waitFor();
    await input(phone, 'login-phone').fill(mobile);
    await phone.getByTestId('login-send-code').click();
    await phone.getByTestId('login-send-code').getByText(/秒后重发/).waitFor();
    // the page answers the same for every number
    await phone.getByText('如果该号码可以登录，验证码已发出，请查收短信').waitFor();
    await input(phone, 'login-code').fill(await latestOtp(mobile));
    await phone.getByTestId('login-submit').click();

    const card = phone.getByTestId('m-card');
    await card.waitFor();
    expect(await card.textContent()).toContain(riderName);
    expect(await card.textContent()).toContain(routedTo);
    expect(await phone.getByTestId('m-card-number').getAttribute('data-card-number')).toMatch(/^3100\d{12}$/);
    await phone.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="m-card-qr"]');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    await shot(phone, '13-member-card');
  });

  it('renews the QR token before it expires, counting down, and shows an expired code as such', async () => {
    const status = phone.getByTestId('m-card-qr-status');
    await status.getByText(/二维码 \d+ 秒后自动更新/).waitFor();
    const before = await phone.getByTestId('m-card-qr').getAttribute('data-token');
    // 76 s later the page has asked for the next token (it lasts 90 s; renewal is due 15 s before)
    const renewed = phone.waitForResponse((r) => r.url().endsWith('/api/me/card/token') && r.status() === 200);
    await phone.clock.fastForward('01:16');
    const next = (await (await renewed).json()) as { token: string; expiresIn: number };
    expect(next.expiresIn).toBe(90);
    await phone.waitForFunction((token) => document.querySelector('[data-testid="m-card-qr"]')?.getAttribute('data-token') === token, next.token);
    expect(before).toBeTruthy();
    await expect.poll(async () => Number((/(\d+) 秒/.exec((await status.textContent()) ?? '') ?? [])[1])).toBeGreaterThan(60);

    // offline past the expiry: the code is shown as expired, and the refresh button brings a valid one back
    await phone.route('**/api/me/card/token', (route) => route.abort());
    await phone.clock.fastForward('01:31');
    await status.getByText('二维码已失效，请点击刷新').waitFor();
    await shot(phone, '14-member-card-expired');
    await phone.unroute('**/api/me/card/token');
    const refreshed = phone.waitForResponse((r) => r.url().endsWith('/api/me/card/token') && r.status() === 200);
    await phone.getByTestId('m-card-refresh').click();
    await refreshed;
    await status.getByText(/二维码 \d+ 秒后自动更新/).waitFor();
  });
});
