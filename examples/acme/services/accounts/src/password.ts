import { hash, verify } from '@node-rs/argon2';

const MIN_LENGTH = 10;

export function passwordProblems(password: string, email: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_LENGTH) problems.push(`at least ${MIN_LENGTH} characters`);
  if (password.toLowerCase().includes(email.split('@')[0].toLowerCase())) problems.push('must not contain your e-mail name');
  return problems;
}

export const hashPassword = (password: string): Promise<string> => hash(password);
export const checkPassword = (stored: string, password: string): Promise<boolean> => verify(stored, password);
