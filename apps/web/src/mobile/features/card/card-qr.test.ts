import { describe, expect, it } from 'vitest';
import { QR_REFRESH_MARGIN_S, qrTiming } from './card-qr.ts';

describe('the e-card QR renewal clock', () => {
  const receivedAt = 1_000_000;
  const token = { receivedAt, expiresIn: 90 };

  it('renews QR_REFRESH_MARGIN_S before expiry and counts the seconds down', () => {
    expect(qrTiming(token, receivedAt)).toEqual({ renewAt: receivedAt + (90 - QR_REFRESH_MARGIN_S) * 1000, renewIn: 90 - QR_REFRESH_MARGIN_S, expired: false });
    expect(qrTiming(token, receivedAt + 500).renewIn).toBe(90 - QR_REFRESH_MARGIN_S);
    expect(qrTiming(token, receivedAt + 1000).renewIn).toBe(90 - QR_REFRESH_MARGIN_S - 1);
    expect(qrTiming(token, receivedAt + (90 - QR_REFRESH_MARGIN_S) * 1000)).toMatchObject({ renewIn: 0, expired: false });
  });

  it('is expired from the server-given lifetime on, whatever the wall clock said at issue', () => {
    expect(qrTiming(token, receivedAt + 90_000 - 1).expired).toBe(false);
    expect(qrTiming(token, receivedAt + 90_000)).toMatchObject({ renewIn: 0, expired: true });
    expect(qrTiming(token, receivedAt + 3_600_000)).toMatchObject({ renewIn: 0, expired: true });
  });

  it('renews halfway through a lifetime shorter than twice the margin', () => {
    expect(qrTiming({ receivedAt, expiresIn: 20 }, receivedAt).renewIn).toBe(10);
  });
});
