import { z } from 'zod';

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const chinaMobileSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, { message: 'phone.invalid' });

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
