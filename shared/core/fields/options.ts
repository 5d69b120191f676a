/**
 * The built-in options of the choice fields. Stored values are stable codes; what a user sees is
 * the `option.<field>.<code>` label of the message table, so renaming a label never touches data.
 * Admins extend industry and level through form templates (see forms/form-template.ts).
 */
export const customerKinds = ['enterprise', 'individual'] as const;
export const industries = [
  'manufacturing',
  'retail',
  'itServices',
  'finance',
  'education',
  'healthcare',
  'other',
] as const;
export const stages = ['prospect', 'interested', 'customer', 'partner', 'other'] as const;
export const levels = ['high', 'medium', 'low'] as const;
export const budgets = ['under50k', '50kTo200k', '200kTo500k', '500kTo1m', 'over1m'] as const;
export const sources = ['tradeShow', 'online', 'referral', 'visit', 'other'] as const;
export const customerStatuses = [
  'draft',
  'pending',
  'pendingSecond',
  'rejected',
  'approved',
  'dormant',
  'archived',
  'merged',
] as const;
export const followUpMethods = ['phone', 'visit', 'email', 'meeting', 'wechat'] as const;
export const requestTypes = ['consulting', 'purchase', 'afterSales', 'custom'] as const;
export const urgencies = ['urgent', 'normal', 'longTerm'] as const;

export type CustomerKind = (typeof customerKinds)[number];
export type CustomerStatus = (typeof customerStatuses)[number];
