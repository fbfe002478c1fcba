import { describe, expect, it } from 'vitest';
import { formFieldFor, toApplicationBody } from './join-form-values.ts';

describe('join form values', () => {
  const base = { name: ' 王小明 ', idNumber: '31011319900307123x', phone: ' 13912345678 ', phoneCode: ' 123456 ', occupation: ['rider' as const] };

  it('sends the employer or the area, never both', () => {
    const employer = { creditCode: '91310113MA1GKXXX00', name: '甲', regionCode: '310113109', regionName: '顾村镇' };
    expect(toApplicationBody({ ...base, employer, regionCode: '310113109' }, false)).toEqual({
      name: '王小明', idNumber: '31011319900307123X', phone: '13912345678', phoneCode: '123456', occupation: 'rider', employerCreditCode: employer.creditCode,
    });
    expect(toApplicationBody({ ...base, employer, regionCode: '310113109' }, true)).toMatchObject({ regionCode: '310113109' });
    expect(toApplicationBody({ ...base, employer, regionCode: '310113109' }, true)).not.toHaveProperty('employerCreditCode');
  });

  it('puts the "choose an area" error where the user can act on it', () => {
    expect(formFieldFor('regionCode', true)).toBe('regionCode');
    expect(formFieldFor('regionCode', false)).toBe('employer');
    expect(formFieldFor('employerCreditCode', false)).toBe('employer');
    expect(formFieldFor('phoneCode', false)).toBe('phoneCode');
    expect(formFieldFor('somethingElse', false)).toBeNull();
  });
});
