import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { CardToken } from '@lianxin/contracts';
import { SignInRequired } from './card-api.ts';

/** Seconds before a token expires at which the page asks for the next one (a slow network still gets it in time). */
export const QR_REFRESH_MARGIN_S = 15;
/** After a failed renewal, the next try comes this much later. */
export const QR_RETRY_S = 5;

/** A token as the page holds it: when it arrived (this device's clock) and how long the server said it lasts. */
export interface HeldToken extends CardToken {
  receivedAt: number;
}

/**
 * Where a held token stands at `now` (ms): seconds until the page renews it, and whether it has expired. The
 * server's lifetime (`expiresIn`) counts from arrival, so a phone whose clock is wrong still renews in time.
 */
export function qrTiming(token: Pick<HeldToken, 'receivedAt' | 'expiresIn'>, now: number): { renewAt: number; renewIn: number; expired: boolean } {
  const expiresAt = token.receivedAt + token.expiresIn * 1000;
  const renewAt = expiresAt - Math.min(QR_REFRESH_MARGIN_S, token.expiresIn / 2) * 1000;
  return { renewAt, renewIn: Math.max(0, Math.ceil((renewAt - now) / 1000)), expired: now >= expiresAt };
}

export interface CardQr {
  token: HeldToken;
  /** seconds until the next renewal */
  renewIn: number;
  expired: boolean;
  renewing: boolean;
  renew: () => void;
}

/**
 * Keeps the e-card's QR token fresh: renews it QR_REFRESH_MARGIN_S before it expires (again QR_RETRY_S after a
 * failure, and at once when the page comes back to the foreground late), ticking a countdown once a second.
 * `fetchToken` failing with SignInRequired (the session is over: idle, or the membership ended) calls `onSignedOut`.
 */
export function useCardQr(
  initial: CardToken,
  fetchToken: (signal: AbortSignal) => Promise<CardToken>,
  onSignedOut: () => void,
): CardQr {
  const [token, setToken] = useState<HeldToken>(() => ({ ...initial, receivedAt: Date.now() }));
  const [now, setNow] = useState(() => Date.now());
  const [renewing, setRenewing] = useState(false);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const inFlight = useRef<AbortController | null>(null);

  const renew = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setRenewing(true);
    fetchToken(controller.signal).then(
      (next) => {
        if (controller.signal.aborted) return;
        setToken({ ...next, receivedAt: Date.now() });
        setRetryAt(null);
        setRenewing(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setRenewing(false);
        if (error instanceof SignInRequired) onSignedOut();
        else setRetryAt(Date.now() + QR_RETRY_S * 1000);
      },
    );
  }, [fetchToken, onSignedOut]);

  const { renewAt, renewIn, expired } = qrTiming(token, now);
  const dueAt = retryAt ?? renewAt;
  const renewWhenDue = useEffectEvent(() => {
    if (!renewing && Date.now() >= dueAt) renew();
  });

  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
      renewWhenDue();
    }, 1000);
    const onVisible = () => {
      if (document.visibilityState !== 'visible') return;
      setNow(Date.now());
      renewWhenDue();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);

  useEffect(() => () => inFlight.current?.abort(), []);

  return { token, renewIn, expired, renewing, renew };
}
