import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, logIn, newPage, shot } from '../support/browser.ts';

/**
 * The links between the mechanisms in the browser: from a service request's drawer, 转为维权案件 opens the rights
 * page's new-case form prefilled from the request (机制二 → 机制三).
 */

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, { viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  await logIn(page, 'demo-gucun');
});
afterAll(() => browser.close());

describe('a rights case from a service request', () => {
  it('转为维权案件 opens the new-case form with the requester and the description', async () => {
    await page.goto('/requests');
    await page.getByTestId('request-link').first().click();
    await page.getByTestId('request-to-case').click();
    const modal = page.locator('.ant-modal').filter({ has: page.getByTestId('rights-workers') });
    await modal.getByTestId('rights-workers').waitFor({ timeout: 20_000 });
    expect(page.url()).toMatch(/\/rights\?fromRequest=\d+/);
    await expect.poll(() => page.getByTestId('rights-workers').inputValue(), { timeout: 20_000 }).not.toBe('');
    await expect.poll(() => modal.textContent(), { timeout: 20_000 }).toContain('由诉求');
    await shot(page, 'links-case-from-request');
  });
});
