/**
 * Pure helpers of the rights pages: yuan typed by a person → integer fen (exactly, by the digits, never through a
 * float multiplication), basis points as a percentage, and the workers' text area → the API's workers.
 */

/** "1,234.5" → 123450; "" or anything not an amount with at most two decimals → null. */
export function yuanToFen(text: string): number | null {
  const clean = text.replace(/[,，\s¥￥]/g, '');
  const match = /^(\d{1,11})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 550 → "5.50%". */
export function formatBp(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** Lines "姓名 手机号" (the phone optional; separated by spaces, commas or tabs) → workers; blank lines are skipped. */
export function parseWorkers(text: string): { name: string; phone?: string }[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '').map((line) => {
    const [name = '', phone] = line.split(/[\s,，\t]+/);
    return phone ? { name, phone } : { name };
  });
}

/** "5.5" / "5.50%" / "-0.3" → basis points (550, -30), by the digits; "" or more than two decimals → null. */
export function percentToBp(text: string): number | null {
  const match = /^([-−]?)(\d{1,4})(?:\.(\d{1,2}))?%?$/.exec(text.replace(/\s/g, ''));
  if (!match) return null;
  const bp = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] && bp !== 0 ? -bp : bp;
}

/** Like yuanToFen, with a leading minus for a loss: "-1,000" → -100000. */
export function signedYuanToFen(text: string): number | null {
  const clean = text.trim();
  const negative = /^[-−]/.test(clean);
  const fen = yuanToFen(negative ? clean.slice(1) : clean);
  return fen === null ? null : negative && fen !== 0 ? -fen : fen;
}
