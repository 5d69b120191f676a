import { z } from 'zod';
import type { SqlExecutor } from '../storage/database';

/** Which customers need a second approval by a supervisor (SPEC 3.4); admins change it. */
export const importantRuleSchema = z.object({
  levels: z.array(z.string()),
  budgets: z.array(z.string()),
  minTotalAmount: z.number().nonnegative().nullable(),
});

export type ImportantRule = z.infer<typeof importantRuleSchema>;

export const defaultImportantRule: ImportantRule = {
  levels: ['high'],
  budgets: ['500kTo1m', 'over1m'],
  minTotalAmount: 1_000_000,
};

/** The rule as the admin last set it, or the default. */
export async function loadImportantRule(db: SqlExecutor): Promise<ImportantRule> {
  const row = await db.get<{ value: string }>(
    "SELECT value FROM settings WHERE key = 'importantRule'",
  );
  return row === undefined
    ? defaultImportantRule
    : importantRuleSchema.parse(JSON.parse(row.value));
}

/** Whether a customer's values make it important under the rule. */
export function isImportant(
  rule: ImportantRule,
  values: Readonly<Record<string, unknown>>,
): boolean {
  const amount = values['totalAmount'];
  return (
    rule.levels.includes(typeof values['level'] === 'string' ? values['level'] : '') ||
    rule.budgets.includes(typeof values['budget'] === 'string' ? values['budget'] : '') ||
    (rule.minTotalAmount !== null && typeof amount === 'number' && amount >= rule.minTotalAmount)
  );
}
