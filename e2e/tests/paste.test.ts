import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { idNumberCheckChar } from '@lianxin/contracts';
import { latestOtp, launchBrowser, newPage, sendCodeWhenAllowed, shot } from '../support/browser.ts';

/**
 * Numbers pasted as people hold them: `+86 138 0013 8000` from a contact card, an ID number in groups. The H5's
 * inputs used to stop at 11 and 18 characters, so a pasted `+86 …` lost its last digits; now the whole text goes
 * in and the shared normalisation (contracts `normalizePhone`, `normalizeIdNumber`) reads it on the phone and
 * in the API alike.
 */

let browser: Browser;
let phone: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
});
afterAll(() => browser.close());

const input = (page: Page, testId: string) => page.getByTestId(testId).locator('input');
/** A paste: the whole text arrives in one input event, as from the clipboard. */
async function paste(page: Page, testId: string, text: string) {
  const box = input(page, testId);
  await box.click();
  await page.keyboard.insertText(text);
}

describe('pasting numbers on the H5 (390×844)', () => {
  it('the join form keeps a pasted +86 phone and a grouped ID number whole, and accepts them', async () => {
    const body = `31011319900307${String(100 + Math.floor(Math.random() * 900))}`;
    const id = body + idNumberCheckChar(body);
    await phone.goto('/m/join');
    await paste(phone, 'join-id-number', `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`);
    await paste(phone, 'join-phone', '+86 139 1234 5678');
    await input(phone, 'join-name').click(); // blur: the fields check themselves
    expect(await input(phone, 'join-phone').inputValue()).toBe('+86 139 1234 5678');
    expect(await input(phone, 'join-id-number').inputValue()).toBe(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`);
    await phone.locator('[data-field="phone"] .adm-form-item-feedback-error').waitFor({ state: 'detached' });
    await phone.locator('[data-field="idNumber"] .adm-form-item-feedback-error').waitFor({ state: 'detached' });
    expect(await phone.locator('[data-field="phone"]').textContent()).not.toContain('手机号码格式不正确');
    expect(await phone.locator('[data-field="idNumber"]').textContent()).not.toMatch(/身份证号(应为|校验位|中的出生日期|的地区码)/);
    await shot(phone, '40-paste-join');
  });

  it('the demo member signs in with a pasted "+86 138 0013 8000": the code goes to 13800138000', { timeout: 150_000 }, async () => {
    await phone.goto('/m/card');
    await input(phone, 'login-phone').waitFor();
    await paste(phone, 'login-phone', '+86 138 0013 8000');
    expect(await input(phone, 'login-phone').inputValue()).toBe('+86 138 0013 8000');
    await sendCodeWhenAllowed(phone);
    await input(phone, 'login-code').fill(await latestOtp('13800138000'));
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('m-card').waitFor();
    await shot(phone, '41-paste-login');
  });
});
