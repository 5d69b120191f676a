import { z } from 'zod';
import { locales } from '../i18n/locale';

/** A person the admin created; sign-in maps a verified email to one of these. */
export const userSchema = z.object({
  id: z.string().min(1).max(64),
  email: z.string().email().max(254),
  displayName: z.string().trim().min(1).max(50),
  roleId: z.string().min(1),
  team: z.string().max(50).optional(),
  locale: z.enum(locales),
  active: z.boolean(),
});

export type User = z.infer<typeof userSchema>;
