import { z } from 'zod';
import { dateField, longTextField, textField } from '../fields/field-schemas';
import { customerIdPattern } from '../ids/record-id';

const score = z.coerce.number().int().min(1).max(5);

/** 满意度调查: scores 1–5 on three dimensions after a service. */
export const surveySchema = z.object({
  id: z
    .string()
    .regex(/^SAT\d{10}$/)
    .optional(),
  customerId: z.string().regex(customerIdPattern),
  serviceItem: textField(100),
  scoreSpeed: score,
  scoreProfessionalism: score,
  scoreResolution: score,
  suggestion: longTextField(1000).optional(),
  date: dateField,
  recorder: textField(64),
});

export type Survey = z.infer<typeof surveySchema>;

/** A score at or below this stands out in monthly reports. */
export const lowScoreThreshold = 2;
