import { describe, expect, it } from 'vitest';
import { applicationCreateSchema, chinaMobileSchema, idNumberCheckChar, idNumberSchema } from '@lianxin/contracts';
import { checkValue, fieldsNamed, splitFieldErrors, validateWith } from './schema-errors.ts';

const validId = (() => {
  const body = '31011319900307123';
  return body + idNumberCheckChar(body);
})();

describe('schema errors', () => {
  it('translates the shared message keys of a field schema', () => {
    const wrongCheck = validId.slice(0, 17) + (validId.endsWith('0') ? '1' : '0');
    expect(checkValue(idNumberSchema, wrongCheck, 'zh-CN')).toBe('身份证号校验位不符，请核对');
    expect(checkValue(idNumberSchema, '31011319900230123X', 'en')).toBe('The birth date in the ID number is impossible');
    expect(checkValue(chinaMobileSchema, '12345678901', 'zh-CN')).toBe('手机号码格式不正确');
    expect(checkValue(chinaMobileSchema, '13912345678', 'zh-CN')).toBeNull();
  });

  it('collects one message per field, "required" for blanks, and the cross-field rule', () => {
    const result = validateWith(applicationCreateSchema, { name: '张三', idNumber: validId, phone: '13912345678' }, 'zh-CN');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fields.occupation).toBe('必填项');
    const noRegion = validateWith(applicationCreateSchema, { name: '张三', idNumber: validId, phone: '13912345678', occupation: 'rider', phoneCode: '123456' }, 'zh-CN');
    expect(noRegion).toEqual({ ok: false, fields: { regionCode: '没有固定单位时，请选择工作或居住的街镇' } });
  });

  it('returns the parsed data when valid', () => {
    const result = validateWith(
      applicationCreateSchema,
      { name: ' 张三 ', idNumber: validId.toLowerCase(), phone: '13912345678', occupation: 'rider', regionCode: '310113109', phoneCode: '123456' },
      'zh-CN',
    );
    expect(result).toMatchObject({ ok: true, data: { name: '张三', idNumber: validId } });
  });
});

describe('splitFieldErrors', () => {
  it('places messages under the form fields it knows and returns the rest', () => {
    const { placed, unplaced } = splitFieldErrors(
      { name: '必填项', 'union.orgId': '不能覆盖', other: '别处' },
      fieldsNamed(['name', 'union'] as const),
    );
    expect(placed).toEqual([{ name: 'name', errors: ['必填项'] }, { name: 'union', errors: ['不能覆盖'] }]);
    expect(unplaced).toEqual(['别处']);
  });
});
