import { z } from 'zod';

/** The add-in's Microsoft Entra app, as the server hands it to the Excel task pane. */
export const microsoftConfigSchema = z.object({
  /** Application (client) ID of the add-in's app registration. */
  clientId: z.string().uuid(),
  /** e.g. `https://login.microsoftonline.com/<tenant>` or `…/organizations`. */
  authority: z.string().url(),
  /** The sync server's API scope(s), e.g. `api://crm.example.com/<clientId>/access_as_user`. */
  scopes: z.array(z.string().min(1)).min(1),
});

export type MicrosoftConfig = z.infer<typeof microsoftConfigSchema>;

/**
 * What the server writes into the Excel add-in's pages (a JSON script element): Microsoft
 * sign-in when the admin set up the add-in's Entra app, else `null` and API tokens only.
 */
export const taskpaneConfigSchema = z.object({
  microsoft: microsoftConfigSchema.nullable(),
});

export type TaskpaneConfig = z.infer<typeof taskpaneConfigSchema>;
