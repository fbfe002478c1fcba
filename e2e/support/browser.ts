import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));
mkdirSync(screenshotDir, { recursive: true });

/** Debian's Chromium; the test tool never downloads a browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * What the pages' Content-Security-Policy refused, as Chromium reports it on the console; `support/csp.ts` fails
 * the test during which anything was refused (the policy must let the built bundle do all it does).
 */
export const cspViolations: string[] = [];

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
  });
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

export async function logIn(page: Page, username: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(inject('demoPassword'));
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor();
}

/** The latest one-time code the server sent to a phone (read from the SMS file the e2e server writes). */
export async function latestOtp(phone: string, template: 'otp' | 'application_code' | 'request_code' = 'otp'): Promise<string> {
  const file = inject('smsFile');
  for (let i = 0; i < 50; i++) {
    if (existsSync(file)) {
      const codes = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean)
        .map((line) => JSON.parse(line) as { phone: string; template: string; params: { code?: string } })
        .filter((m) => m.phone === phone && m.template === template);
      const code = codes.at(-1)?.params.code;
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no one-time code for ${phone}`);
}

/** The SMS texts sent to a phone so far (the SMS file of the test server). */
export function smsTexts(phone: string): { template: string; text: string }[] {
  const file = inject('smsFile');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean)
    .map((line) => JSON.parse(line) as { phone: string; template: string; text: string })
    .filter((m) => m.phone === phone)
    .map(({ template, text }) => ({ template, text }));
}

/**
 * Clicks an H5 form's "send code" button until the code is sent (the button counts down). Another journey may have
 * signed the same demo member in less than a minute ago, and the API sends one code a minute per number: ask again
 * every 20 s (under the 5-a-minute cap per address and number), for up to 100 s.
 */
export async function sendCodeWhenAllowed(page: Page, testId = 'login-send-code'): Promise<void> {
  const button = page.getByTestId(testId);
  await expect.poll(async () => {
    if (await button.getByText(/秒后重发|Resend in/).count()) return true;
    await button.click();
    return button.getByText(/秒后重发|Resend in/).waitFor({ timeout: 3_000 }).then(() => true, () => false);
  }, { timeout: 100_000, interval: 20_000 }).toBe(true);
}

/**
 * Clicks a console modal's OK button and waits until the modal has closed; if the page shows an error instead (a
 * field's message or an error toast), fails with that text, so a refused action says why rather than timing out.
 */
export async function confirmModal(page: Page, okSelector: string): Promise<void> {
  await page.locator(okSelector).click();
  const modal = page.locator('.ant-modal-wrap').filter({ has: page.locator(okSelector) });
  const refused = page.locator('.ant-message-error, .ant-modal-wrap .ant-form-item-explain-error');
  await expect.poll(async () => {
    if (await refused.count()) throw new Error(`the modal's action was refused: ${(await refused.allTextContents()).join(' · ')}`);
    return modal.isVisible();
  }, { timeout: 20_000 }).toBe(false);
}
