import { z } from 'zod';
import { dateTimeField, longTextField, optionField, textField } from '../fields/field-schemas';
import { requestTypes, urgencies } from '../fields/options';
import { customerIdPattern } from '../ids/record-id';

/** 服务需求: a customer's request, with a response deadline set by its urgency. */
export const serviceRequestSchema = z.object({
  id: z
    .string()
    .regex(/^DEM\d{10}$/)
    .optional(),
  customerId: z.string().regex(customerIdPattern),
  type: optionField(requestTypes),
  description: longTextField(2000),
  urgency: optionField(urgencies),
  receivedAt: dateTimeField,
  receiver: textField(64),
  owner: textField(64),
  plannedCompletion: dateTimeField.optional(),
  actualCompletion: dateTimeField.optional(),
  result: longTextField(2000).optional(),
});

export type ServiceRequest = z.infer<typeof serviceRequestSchema>;
export type Urgency = (typeof urgencies)[number];

const hour = 60 * 60 * 1000;

/**
 * When a request must be answered: urgent within 2 hours, normal within 24 hours, long-term
 * within 3 working days (Monday to Friday; public holidays are not known here).
 * Times are instants; the weekday is taken in China time (UTC+8), where the teams work.
 * @example responseDeadline('urgent', new Date('2024-05-01T01:00:00Z')).toISOString() // '2024-05-01T03:00:00.000Z'
 */
export function responseDeadline(urgency: Urgency, receivedAt: Date): Date {
  if (urgency === 'urgent') return new Date(receivedAt.getTime() + 2 * hour);
  if (urgency === 'normal') return new Date(receivedAt.getTime() + 24 * hour);
  let at = receivedAt.getTime();
  let workingDays = 0;
  while (workingDays < 3) {
    at += 24 * hour;
    const weekday = new Date(at + 8 * hour).getUTCDay();
    if (weekday !== 0 && weekday !== 6) workingDays += 1;
  }
  return new Date(at);
}
