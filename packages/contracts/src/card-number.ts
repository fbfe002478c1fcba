/**
 * 会员服务卡号: "3100" + an 11-digit serial (the member id) + a Luhn check digit — 16 digits, like a bank card,
 * so a mistyped digit at a station is caught.
 */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function cardNumberFor(memberId: number): string {
  const body = `3100${String(memberId).padStart(11, '0')}`;
  return body + luhnCheckDigit(body);
}

export function isValidCardNumber(card: string): boolean {
  return /^3100\d{12}$/.test(card) && luhnCheckDigit(card.slice(0, 15)) === card.charAt(15);
}
