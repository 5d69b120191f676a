import { z } from 'zod';

/**
 * Where a vocabulary tag stands: `active` tags can be chosen; `retired` ones stay on the records
 * that carry them but cannot be chosen again; `renamed` and `merged` ones were moved, on every
 * record, to the tag named by `replacedBy`.
 */
export const tagStatuses = ['active', 'retired', 'renamed', 'merged'] as const;

export type TagStatus = (typeof tagStatuses)[number];

/** One tag of the governed vocabulary, as `GET /v1/tags` lists it. */
export const tagEntrySchema = z.object({
  tag: z.string(),
  status: z.enum(tagStatuses),
  replacedBy: z.string().nullable(),
});

/** The answer of `GET /v1/tags`: every tag, replaced and retired ones included. */
export const tagListSchema = z.object({ tags: z.array(tagEntrySchema) });

export type TagEntry = z.infer<typeof tagEntrySchema>;
export type TagList = z.infer<typeof tagListSchema>;
