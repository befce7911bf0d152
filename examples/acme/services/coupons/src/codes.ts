export interface Coupon {
  code: string;
  percentOff: number;
  expires: string; // ISO date
}

const LEGACY_CODES: Coupon[] = [
  { code: 'WELCOME10', percentOff: 10, expires: '2026-12-31' },
  { code: 'SPRING25', percentOff: 25, expires: '2026-05-31' },
];

/** Finds a still-valid legacy coupon (codes are case-insensitive). */
export function lookup(code: string, now: Date): Coupon | undefined {
  const found = LEGACY_CODES.find((c) => c.code === code.trim().toUpperCase());
  if (!found) return undefined;
  return new Date(`${found.expires}T23:59:59Z`) >= now ? found : undefined;
}
