import { z } from 'zod';
import { normalizePhone } from './people.ts';

/** A mainland mobile number: 11 digits from 13x to 19x (after `normalizePhone`). */
export const CHINA_MOBILE = /^1[3-9]\d{9}$/;
/** A mobile number as people write it (+86, spaces, hyphens, full-width digits), normalised, then checked. */
export const chinaMobileSchema = z.string().max(40, { message: 'phone.invalid' }).overwrite(normalizePhone).regex(CHINA_MOBILE, { message: 'phone.invalid' });

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
