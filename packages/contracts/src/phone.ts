import { z } from 'zod';

/** Mainland mobile numbers: 11 digits starting 13–19. */
/** A mainland mobile number: 11 digits from 13x to 19x. */
export const CHINA_MOBILE = /^1[3-9]\d{9}$/;
export const chinaMobileSchema = z.string().trim().regex(CHINA_MOBILE, { message: 'phone.invalid' });

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
