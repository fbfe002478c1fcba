import { describe, expect, it } from 'vitest';
import { requestStatusLabels } from '@lianxin/contracts';
import { servicesMobileTexts } from './services.i18n.ts';

describe('the follow page\'s texts', () => {
  it('date a new request by its submission, not as 受理 beside its status 待受理 (awaiting acceptance)', () => {
    const zh = servicesMobileTexts['zh-CN']['mrequests.receivedOn'];
    expect(requestStatusLabels.received['zh-CN']).toBe('待受理');
    expect(zh).not.toContain('受理');
    expect(zh).toBe('{date} 提交');
  });
});
