import { z } from 'zod';

/** Letters and digits that cannot be misread for each other (no 0/O, 1/I/L). */
export const resumeCodeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const resumeCodeLength = 8;
/** Drafts live 7 days, then are deleted (SPEC 3.2). */
export const draftLifetimeDays = 7;

/**
 * Normalises a resume code as a person types it: case and spaces and dashes do not matter.
 * @example normaliseResumeCode('ab3d-ef7h') // 'AB3DEF7H'
 */
export function normaliseResumeCode(input: string): string {
  return input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
}

/** A short code a person can read aloud or type: 8 characters of the unambiguous alphabet. */
export const resumeCodeSchema = z
  .string()
  .transform(normaliseResumeCode)
  .pipe(z.string().regex(new RegExp(`^[${resumeCodeAlphabet}]{${resumeCodeLength}}$`)));

/** 暂存: an incomplete form saved under a resume code. */
export const draftSchema = z.object({
  resumeCode: resumeCodeSchema,
  templateId: z.string().min(1),
  values: z.record(z.string(), z.unknown()),
  createdBy: z.string().optional(),
  createdAt: z.string(),
  expiresAt: z.string(),
});

export type Draft = z.infer<typeof draftSchema>;

/**
 * When a draft saved at `savedAt` expires.
 * @example draftExpiry(new Date('2024-05-01T00:00:00Z')).toISOString() // '2024-05-08T00:00:00.000Z'
 */
export function draftExpiry(savedAt: Date): Date {
  return new Date(savedAt.getTime() + draftLifetimeDays * 24 * 60 * 60 * 1000);
}
