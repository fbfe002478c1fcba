import { useState } from 'react';
import { Toast } from 'antd-mobile';
import { chinaMobileSchema, normalizePhone } from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { checkValue } from '../../../shared/schema-errors.ts';
import { useCountdown } from './use-countdown.ts';

/** Seconds before the same phone may ask for another SMS code (the API's own limit is the authority). */
export const RESEND_SECONDS = 60;

export interface SendCodeFields {
  /** The phone as typed (a pasted "+86 138 0013 8000" is fine: it is normalised here). */
  phone: () => string | undefined;
  /** Puts a message on the phone field. */
  phoneError: (text: string) => void;
  /** Shows a problem that belongs to no field (network, rate limit), or clears it with null. */
  problem: (text: string | null) => void;
}

/**
 * The SMS-code step shared by the H5 forms (member sign-in, joining): checks the phone on the phone field, asks
 * `request(phone)` for a code, then counts RESEND_SECONDS down before the button works again.
 * Returns `{ sendCode, sending, left }` — `left` is the seconds still to wait (0 = may send).
 */
export function useSendCode(request: (phone: string) => Promise<unknown>, sentMessage: string, fields: SendCodeFields) {
  const { t, locale } = useLocale();
  const { left, start } = useCountdown();
  const [sending, setSending] = useState(false);

  const sendCode = async () => {
    fields.problem(null);
    const phone = normalizePhone(fields.phone() ?? '');
    const invalid = checkValue(chinaMobileSchema, phone, locale);
    if (invalid) {
      fields.phoneError(invalid);
      return;
    }
    setSending(true);
    try {
      await request(phone);
      start(RESEND_SECONDS);
      Toast.show({ content: sentMessage });
    } catch (error) {
      if (isApiError(error) && error.fields.phone) fields.phoneError(error.fields.phone);
      else fields.problem(isApiError(error) ? error.message : t('app.networkError'));
    } finally {
      setSending(false);
    }
  };

  return { sendCode, sending, left };
}
