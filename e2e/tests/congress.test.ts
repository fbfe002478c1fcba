import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { shanghaiDate } from '@lianxin/contracts';
import { latestOtp, launchBrowser, logIn, newPage, sendCodeWhenAllowed, shot } from '../support/browser.ts';

/**
 * The workers' congress: a representative (the demo member, on a phone) seconds a proposal with one click and
 * votes on the wage agreement, keeping the receipt; the union's chair (on the proposal committee) files the
 * proposal and answers another in the console, then finishes and publishes the vote with its hash chain; the
 * representative sees the published result and finds their ballot by the receipt. In the evaluation tab the chair
 * uploads a self-check evidence PDF and sees it listed, and sets the union's 会员评家 questions for next year (this
 * year's are frozen: the demo members have rated); the phone's rating form asks this year's set the console lists.
 */

const DEMO_MEMBER_PHONE = '13800138000';
const SECONDED = '关于设立妈咪小屋的提案';
const TO_ANSWER = '关于增开顾村公园站通勤班车的提案';
const WAGE_VOTE = '2026 年度工资专项集体合同（草案）';
const OWN_QUESTION = '职工之家的活动是否丰富？';
const EVIDENCE = '换届选举决议.pdf';

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

  it('the chair uploads an evidence PDF and sets next year\'s 会员评家 questions; the phone asks this year\'s set', async () => {
    // the vote's result drawer is still open
    await console_.keyboard.press('Escape');
    await console_.getByTestId('vote-chain-head').waitFor({ state: 'hidden' });
    await console_.getByRole('tab', { name: '年度评估' }).click();
    await console_.getByTestId('evaluation-summary').waitFor();

    // this year's set is frozen (the demo members have rated): listed, not editable
    await console_.getByTestId('evaluation-questions').click();
    const questions = console_.getByTestId('rating-questions');
    await questions.getByText('本年度已有会员评价，问题已冻结，不能修改').waitFor();
    const inUse = (await questions.locator('li').allTextContents()).map((q) => q.trim());
    expect(inUse.length).toBeGreaterThan(0);
    await console_.keyboard.press('Escape');
    await questions.waitFor({ state: 'detached' });

    // the union's evidence for its first indicator item: a PDF, then listed with its download link
    await console_.locator('[data-testid="evaluation-units"] .ant-table-row').first().click();
    const evidence = console_.getByTestId('evaluation-evidence');
    await evidence.waitFor();
    await evidence.locator('input[type="file"]').setInputFiles({ name: EVIDENCE, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n换届选举决议\n%%EOF\n') });
    const link = evidence.getByRole('link', { name: EVIDENCE });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^\/api\/evaluation\/evidence\/\d+$/);
    await shot(console_, '34-congress-evaluation-evidence');
    await console_.keyboard.press('Escape');
    await evidence.waitFor({ state: 'hidden' });

    // next year's questions: the union's own set, with one more question
    const next = String(Number(shanghaiDate().slice(0, 4)) + 1);
    const year = console_.getByTestId('evaluation-year');
    const option = console_.locator('.ant-select-dropdown .ant-select-item-option').filter({ hasText: new RegExp(`^${next}$`) }).first();
    await expect.poll(async () => {
      if (await year.getByText(next, { exact: true }).count()) return true;
      if (!(await option.isVisible())) {
        await year.click({ force: true });
        await option.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
        return false;
      }
      await option.click({ timeout: 3_000 }).catch(() => undefined);
      return (await year.getByText(next, { exact: true }).count()) > 0;
    }, { timeout: 45_000, interval: 300 }).toBe(true);
    await console_.getByTestId('evaluation-questions').click();
    const form = console_.getByTestId('rating-questions-form');
    await form.waitFor();
    const before = await form.locator('input').count();
    await console_.getByTestId('rating-question-add').click();
    await expect.poll(() => form.locator('input').count()).toBe(before + 1);
    await form.locator('input').last().fill(OWN_QUESTION);
    await console_.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached' });
    await console_.getByTestId('evaluation-questions').click();
    await questions.getByText(/现用：.+设置的问题/).waitFor();
    await expect.poll(async () => form.locator('input').last().inputValue()).toBe(OWN_QUESTION);
    await shot(console_, '35-congress-rating-questions');
    await console_.keyboard.press('Escape');
    await questions.waitFor({ state: 'detached' });

    // the phone asks this year's set of the union — the one the console listed — not next year's
    await phone.reload();
    const rating = phone.getByTestId('m-union-rating');
    for (const q of inUse) await rating.getByText(q, { exact: true }).waitFor();
    expect(await rating.getByText(OWN_QUESTION).count()).toBe(0);
    await shot(phone, '36-congress-union-rating');
  });
});
