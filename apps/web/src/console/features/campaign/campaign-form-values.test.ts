import { describe, expect, it } from 'vitest';
import { campaignUpdateSchema, type WorklistItem } from '@lianxin/contracts';
import { campaignFieldOf, campaignUpdateBody, defaultUnionName, initialCampaignValues } from './campaign-form-values.ts';

const item: WorklistItem = {
  enterpriseId: 10600,
  name: '上海晨光运输股份有限公司',
  creditCode: '91310113CKP2YMWQT7',
  regionCode: '310113109',
  employeeCount: 462,
  stage: 'not_contacted',
  assignee: null,
  nextFollowUpOn: null,
  notes: '',
  workersJoinedOutside: 3,
  responsibleOrg: { id: 118, name: '宝山区顾村镇总工会' },
};

describe('campaign form values', () => {
  it('prefills the new union: the enterprise name + 工会, under the responsible union', () => {
    expect(defaultUnionName(item.name)).toBe('上海晨光运输股份有限公司工会');
    expect(initialCampaignValues(item)).toMatchObject({
      stage: 'not_contacted', assigneeId: undefined, nextFollowUpOn: '', notes: '', unionMode: 'new', unionName: '上海晨光运输股份有限公司工会', unionParentId: 118,
    });
  });

  it('sends only what changed', () => {
    const values = initialCampaignValues(item);
    expect(campaignUpdateBody(item, values)).toEqual({});
    expect(campaignUpdateBody(item, { ...values, stage: 'publicised', notes: ' 已上门宣传 ', nextFollowUpOn: '2026-12-01', assigneeId: 7 })).toEqual({
      stage: 'publicised', notes: '已上门宣传', nextFollowUpOn: '2026-12-01', assigneeId: 7,
    });
    // clearing the assignee and the date sends nulls
    const assigned = { ...item, assignee: { id: 7, name: '张' }, nextFollowUpOn: '2026-12-01' };
    expect(campaignUpdateBody(assigned, { ...initialCampaignValues(assigned), assigneeId: undefined, nextFollowUpOn: '' })).toEqual({
      assigneeId: null, nextFollowUpOn: null,
    });
  });

  it('adds the union when the stage becomes 已建会: a new enterprise union with the defaults', () => {
    const body = campaignUpdateBody(item, { ...initialCampaignValues(item), stage: 'built' });
    expect(body).toEqual({ stage: 'built', union: { mode: 'new', parentId: 118, name: '上海晨光运输股份有限公司工会' } });
    expect(campaignUpdateSchema.safeParse(body).success).toBe(true);
    const withChair = campaignUpdateBody(item, { ...initialCampaignValues(item), stage: 'built', chairName: ' 王芳 ' });
    expect(withChair.union).toMatchObject({ chairName: '王芳' });
  });

  it('or an existing union, which the schema insists on', () => {
    const values = { ...initialCampaignValues(item), stage: 'built' as const, unionMode: 'existing' as const };
    expect(campaignUpdateBody(item, { ...values, existingOrgId: 2071 })).toEqual({ stage: 'built', union: { mode: 'existing', orgId: 2071 } });
    const missing = campaignUpdateSchema.safeParse(campaignUpdateBody(item, values));
    expect(missing.success).toBe(false);
    expect(campaignFieldOf(missing.error?.issues[0]?.path.join('.') ?? '', 'existing')).toBe('existingOrgId');
  });

  it('maps API field paths to the form', () => {
    expect(campaignFieldOf('stage', 'new')).toBe('stage');
    expect(campaignFieldOf('union', 'new')).toBe('unionMode');
    expect(campaignFieldOf('union.name', 'new')).toBe('unionName');
    expect(campaignFieldOf('union.parentId', 'new')).toBe('unionParentId');
    expect(campaignFieldOf('union.orgId', 'existing')).toBe('existingOrgId');
    expect(campaignFieldOf('something', 'new')).toBeUndefined();
  });
});
