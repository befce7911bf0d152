import { startOfFile } from '../helpers';
import type { Rule } from '../rule';

/** Shares that a sustainable plan never leaves at zero. */
const REQUIRED_SHARES = ['maintenance', 'security'];

export const capacity: Rule = {
  meta: {
    id: 'strategy/capacity',
    title: 'Capacity allocation off',
    gap: { one: 'capacity allocation that is off', other: 'capacity allocations that are off' },
    description: 'A capacity allocation not summing to 100%, or with nothing for maintenance or security.',
    defaultSeverity: 'warning',
    requiresVision: true,
  },
  check(ctx) {
    const vision = ctx.visionFile?.vision;
    if (!vision || !vision.capacity) return;
    const location = vision.capacityLocation ?? startOfFile(vision.file);
    const shares = new Map(Object.entries(vision.capacity).map(([key, value]) => [key.toLowerCase(), value]));
    const total = [...shares.values()].reduce((sum, value) => sum + (Number.isFinite(value) ? value : 0), 0);
    if (Math.abs(total - 100) > 1e-6) {
      ctx.report({
        message: `Capacity adds up to ${Math.round(total * 100) / 100}%, not 100%: adjust the shares (${Object.entries(vision.capacity)
          .map(([key, value]) => `${key} ${value}`)
          .join(', ')}).`,
        location,
        module: null,
      });
    }
    const missing = REQUIRED_SHARES.filter((share) => !((shares.get(share) ?? 0) > 0));
    if (missing.length > 0) {
      ctx.report({
        message: `Capacity gives nothing to ${missing.join(' or ')}: reserve a share for ${missing.length > 1 ? 'them' : 'it'}, or the debt will take it unplanned.`,
        location,
        module: null,
      });
    }
  },
};
