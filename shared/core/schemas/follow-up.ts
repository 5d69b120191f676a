import { z } from 'zod';
import {
  dateField,
  dateTimeField,
  longTextField,
  optionField,
  textField,
} from '../fields/field-schemas';
import { followUpMethods } from '../fields/options';
import { customerIdPattern } from '../ids/record-id';

/** 跟进记录: one contact with a customer; adding one moves the customer's lastContact. */
export const followUpSchema = z.object({
  id: z
    .string()
    .regex(/^FOL\d{10}$/)
    .optional(),
  customerId: z.string().regex(customerIdPattern),
  time: dateTimeField,
  method: optionField(followUpMethods),
  summary: longTextField(2000),
  feedback: longTextField(2000).optional(),
  nextStep: longTextField(500).optional(),
  nextStepDue: dateField.optional(),
  followedBy: textField(64),
});

export type FollowUp = z.infer<typeof followUpSchema>;
