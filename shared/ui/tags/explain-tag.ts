import type { Locale } from '../../core/i18n/locale';
import { t } from '../../core/i18n/translate';
import { normaliseForCompare } from '../../core/normalise/normalise-text';
import type { TagEntry } from '../../core/tags/tag-entry';
import {
  maxDimensionLength,
  maxValueLength,
  normaliseTag,
  validateTagsAgainst,
} from '../../core/tags/tag-rules';

/** A typed tag taken (spelled as the vocabulary spells it) or refused with the reason. */
export type TagVerdict = { ok: true; tag: string } | { ok: false; message: string };

/**
 * Checks a tag the user typed against the governed vocabulary and the tags already chosen, with
 * the shared rules the server applies, and says in the user's language why it is refused:
 * vague, not `维度-值`, too long, given twice, retired, replaced by another, or not in the
 * vocabulary.
 * @example explainTag('重要', vocabulary, [], 'zh-CN') // { ok: false, message: '标签“重要”含义模糊，…' }
 */
export function explainTag(
  typed: string,
  vocabulary: readonly TagEntry[],
  chosen: readonly string[],
  locale: Locale,
): TagVerdict {
  const key = normaliseForCompare(normaliseTag(typed));
  const entry = vocabulary.find((e) => normaliseForCompare(normaliseTag(e.tag)) === key);
  if (entry !== undefined && entry.status !== 'active') {
    const value = entry.tag;
    if (entry.replacedBy !== null) {
      return {
        ok: false,
        message: t('error.tag.replaced', locale, { value, replacedBy: entry.replacedBy }),
      };
    }
    return { ok: false, message: t('ui.tags.retired', locale, { value }) };
  }
  const active = new Set(vocabulary.filter((e) => e.status === 'active').map((e) => e.tag));
  const { accepted, errors } = validateTagsAgainst([...chosen, typed], active);
  const own = errors.find((e) => normaliseForCompare(e.value) === key);
  if (own !== undefined) {
    return {
      ok: false,
      message: t(`error.${own.code}`, locale, {
        value: own.value,
        field: 'tags',
        maxDimension: maxDimensionLength,
        maxValue: maxValueLength,
      }),
    };
  }
  const tag = accepted.find((a) => normaliseForCompare(a) === key);
  if (tag === undefined)
    return { ok: false, message: t('error.tag.format', locale, { value: typed }) };
  return { ok: true, tag };
}
