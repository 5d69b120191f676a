import { z } from 'zod';
import { tagEntrySchema } from './tag-entry';

// Room for a long dimension and value typed with spaces; validateTag decides what is a tag.
const typedTag = z.string().max(100);

/** `POST /v1/tags`: add a tag to the vocabulary, or bring a replaced or retired one back. */
export const addTagRequestSchema = z.object({ tag: typedTag });

/** What `POST /v1/tags` added, spelled as the vocabulary keeps it. */
export const addTagResponseSchema = z.object({ tag: z.string() });

/** `POST /v1/tags/:tag/rename`: the new name, which must not be a tag already. */
export const renameTagRequestSchema = z.object({ to: typedTag });

/** `POST /v1/tags/:tag/merge`: the existing, active tag that takes the place of this one. */
export const mergeTagRequestSchema = z.object({ into: typedTag });

/**
 * What a rename, merge or retirement did: the tag as it now stands, the tag that replaced it,
 * how many records were rewritten, and the checkpoint a client pulls up to to see them.
 */
export const tagChangeResponseSchema = z.object({
  tag: tagEntrySchema,
  replacement: tagEntrySchema.nullable(),
  changedRecords: z.number().int().nonnegative(),
  checkpoint: z.number().int().nonnegative(),
});

export type AddTagRequest = z.infer<typeof addTagRequestSchema>;
export type AddTagResponse = z.infer<typeof addTagResponseSchema>;
export type RenameTagRequest = z.infer<typeof renameTagRequestSchema>;
export type MergeTagRequest = z.infer<typeof mergeTagRequestSchema>;
export type TagChangeResponse = z.infer<typeof tagChangeResponseSchema>;
