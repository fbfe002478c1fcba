import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { latestOtp, launchBrowser, logIn, newPage, sendCodeWhenAllowed, shot } from '../support/browser.ts';

/**
 * The workers' congress: a representative (the demo member, on a phone) seconds a proposal with one click and
 * votes on the wage agreement, keeping the receipt; the union's chair (on the proposal committee) files the
 * proposal and answers another in the console, then finishes and publishes the vote with its hash chain; the
 * representative sees the published result and finds their ballot by the receipt.
 */

const DEMO_MEMBER_PHONE = '13800138000';
const SECONDED = '关于设立妈咪小屋的提案';
const TO_ANSWER = '关于增开顾村公园站通勤班车的提案';
const WAGE_VOTE = '2026 年度工资专项集体合同（草案）';

let browser: Browser;
let phone: Page;
let console_: Page;
let receipt = '';

beforeAll(async () => {
  browser = await launchBrowser();
  phone = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  console_ = await newPage(browser, { viewport: { width: 1440, height: 900 } });
});
afterAll(() => browser.close());

const input = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();

describe('the workers\' congress on the phone and in the console', () => {
  it('the representative signs in, seconds a proposal with one click and votes, keeping the receipt', { timeout: 150_000 }, async () => {
    await phone.goto('/m/congress');
    await input(phone, 'login-phone').waitFor();
    await input(phone, 'login-phone').fill(DEMO_MEMBER_PHONE);
    await sendCodeWhenAllowed(phone);
    await input(phone, 'login-code').fill(await latestOtp(DEMO_MEMBER_PHONE));
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('m-congress-page').waitFor();

    const proposal = phone.locator('[data-testid^="m-proposal-"]').filter({ hasText: SECONDED });
    await proposal.locator('[data-testid^="m-second-"]').click();
    await proposal.getByText('已附议').waitFor();
    await expect.poll(() => proposal.textContent()).toContain('附议 2/2');

    const vote = phone.locator('[data-testid^="m-vote-"]').filter({ hasText: WAGE_VOTE });
    await vote.getByText('赞成', { exact: true }).click();
    await vote.locator('[data-testid^="m-cast-"]').click();
    const shown = phone.getByTestId('m-receipt');
    await shown.waitFor();
    receipt = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec((await shown.textContent()) ?? '')?.[0] ?? '';
    expect(receipt).not.toBe('');
    await shot(phone, '30-congress-receipt');
    await phone.locator('.adm-dialog-button').click();
    await vote.getByText('已投票').waitFor();
  });

  it('the chair, on the proposal committee, files the seconded proposal and answers a filed one', async () => {
    await logIn(console_, 'demo-chair');
    await console_.getByRole('menuitem', { name: '民主管理' }).click();
    await console_.getByTestId('congress-quorum').waitFor();
    const row = console_.locator('[data-testid="proposals-table"] tr').filter({ hasText: SECONDED });
    await row.getByText('2 / 2').waitFor();
    await row.locator('[data-testid^="file-"]').click();
    const fileForm = console_.getByTestId('proposal-file-form');
    await fileForm.locator('#department').fill('行政部');
    await fileForm.locator('#dueOn').click();
    await fileForm.locator('#dueOn').fill('2030-12-31');
    await fileForm.locator('#dueOn').press('Enter');
    await console_.locator('.ant-modal-footer .ant-btn-primary').click();
    await row.getByText('已立案').waitFor();

    const filed = console_.locator('[data-testid="proposals-table"] tr').filter({ hasText: TO_ANSWER });
    await filed.locator('[data-testid^="answer-"]').click();
    const answerForm = console_.getByTestId('proposal-answer-form');
    await answerForm.locator('#text').fill('已与公交公司商定，早晚高峰各增开两班接驳车。');
    await answerForm.locator('#leader').fill('王建国');
    await console_.locator('.ant-modal-footer .ant-btn-primary').click();
    await filed.getByText('已答复').waitFor();
    await shot(console_, '31-congress-proposals');

    // after the answer, in the proposal's drawer: the department's last progress note (落实完成), then 优秀提案
    await filed.locator('td').first().click();
    const followUp = console_.getByTestId('proposal-follow-up');
    await followUp.waitFor();
    const progressForm = console_.getByTestId('proposal-progress-form');
    await progressForm.locator('#note').fill('接驳车已于本周一开通。');
    await progressForm.getByText('落实完成（此后不再填报）').click();
    await console_.getByTestId('proposal-progress-post').click();
    await followUp.getByTestId('proposal-progress').getByText(/接驳车已于本周一开通/).waitFor();
    await progressForm.waitFor({ state: 'detached' });
    await console_.getByTestId('proposal-best').click();
    await followUp.getByTestId('proposal-best-tag').waitFor();
    await shot(console_, '31b-congress-proposal-progress');
    await console_.keyboard.press('Escape');
    await followUp.waitFor({ state: 'hidden' });
    await filed.getByText('优秀提案').waitFor();
  });

  it('the chair finishes and publishes the vote; the result shows its hash chain head', async () => {
    await console_.getByRole('tab', { name: '投票表决' }).click();
    const row = console_.locator('[data-testid="votes-table"] tr').filter({ hasText: WAGE_VOTE });
    await row.locator('[data-testid^="vote-finish-"]').click();
    await console_.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.locator('[data-testid^="vote-publish-"]').click();
    await row.getByText('已公布').waitFor();
    await row.locator('[data-testid^="vote-result-"]').click();
    const head = console_.getByTestId('vote-chain-head');
    await head.waitFor();
    expect((await head.textContent())?.trim()).toMatch(/^[0-9a-f]{64}$/);
    await shot(console_, '32-congress-vote-result');
  });

  it('the representative sees the published result and finds their ballot by the receipt', async () => {
    await phone.reload();
    const vote = phone.locator('[data-testid^="m-vote-"]').filter({ hasText: WAGE_VOTE });
    await vote.locator('[data-testid^="m-result-"]').first().click();
    const body = vote.locator('[data-testid^="m-result-body-"]');
    await body.waitFor();
    await body.locator('input').fill(receipt);
    await body.getByText('核对').click();
    await body.getByText(/您的选票在计票中第 \d+ 张：赞成/).waitFor();
    // the proposal the committee chose shows its badge and its progress on the phone
    const best = phone.locator('[data-testid^="m-proposal-"]').filter({ hasText: TO_ANSWER });
    await best.getByText('优秀提案').waitFor();
    await best.getByText(/接驳车已于本周一开通/).waitFor();
    await shot(phone, '33-congress-result');
  });
});
