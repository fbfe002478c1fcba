import { describe, expect, it } from 'vitest';
import type { Enterprise } from '@lianxin/contracts';
import { createBody, toFormValues, updateBody, validateCreate, validateUpdate } from './enterprise-form-values.ts';

const valid = {
  creditCode: ' 91310113ma1gl00009 ',
  name: '上海测试科技有限公司',
  regionCode: '310113109',
  industry: 'C' as const,
  ownership: 'private' as const,
  employeeCount: 120,
  dualReal: true,
  address: '',
  registeredOn: '',
  openedOn: '',
  latitude: null,
  longitude: null,
};

describe('enterprise form values', () => {
  it('normalises the create body and leaves blank optionals out', () => {
    const body = createBody(valid);
    expect(body).toEqual({
      creditCode: '91310113MA1GL00009',
      name: '上海测试科技有限公司',
      regionCode: '310113109',
      industry: 'C',
      ownership: 'private',
      employeeCount: 120,
      dualReal: true,
      address: '',
    });
    expect(validateCreate(body, 'zh-CN').ok).toBe(true);
  });

  it('reports a wrong check character on the creditCode field in the UI language', () => {
    const zh = validateCreate(createBody({ ...valid, creditCode: '91310113MA1GL0000X' }), 'zh-CN');
    expect(zh).toEqual({ ok: false, fields: { creditCode: '统一社会信用代码校验位不符，请核对' } });
    const en = validateCreate(createBody({ ...valid, creditCode: '91310113MA1GL0000X' }), 'en');
    expect(en.ok ? null : en.fields.creditCode).toMatch(/check character/);
  });

  it('asks for a street, not a district, and for missing required fields', () => {
    const result = validateCreate(createBody({ ...valid, regionCode: '310113', industry: undefined }), 'zh-CN');
    expect(result.ok ? null : result.fields).toEqual({ regionCode: '请选择街道/镇', industry: '必填项' });
  });

  it('checks the opening date against the registration date', () => {
    const result = validateCreate(createBody({ ...valid, registeredOn: '2020-05-01', openedOn: '2020-01-01' }), 'zh-CN');
    expect(result.ok ? null : result.fields.openedOn).toBe('开业日期不能早于登记日期');
  });

  it('patches only what changed, with null to clear an optional field', () => {
    const enterprise = {
      id: 1, creditCode: '91310113MA1GL00009', name: '甲公司', regionCode: '310113109', regionName: '顾村镇', industry: 'C',
      ownership: 'private', dualReal: true, employeeCount: 10, unionStatus: 'none', coveringOrg: null, address: '路 1 号',
      latitude: 31.3, longitude: 121.4, registeredOn: '2020-01-01', openedOn: null, nonPublic: true, workersJoinedOutside: 0,
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    } satisfies Enterprise;
    const initial = toFormValues(enterprise);
    expect(updateBody(initial, { ...initial })).toEqual({});
    const body = updateBody(initial, { ...initial, name: ' 乙公司 ', latitude: null, registeredOn: '' });
    expect(body).toEqual({ name: '乙公司', latitude: null, registeredOn: null });
    expect(validateUpdate(body, 'zh-CN').ok).toBe(true);
  });
});
