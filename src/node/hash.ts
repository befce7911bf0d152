/**
 * The hash the core's reporters are given for fingerprints (GitLab Code Quality): SHA-256 from
 * node:crypto. The core takes it as a function so that it stays free of node:* modules.
 */
import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
