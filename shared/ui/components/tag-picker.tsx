import { useState } from 'preact/hooks';
import type { TagEntry } from '../../core/tags/tag-entry';
import { splitTag } from '../../core/tags/tag-rules';
import { useSidebar } from '../app/sidebar-context';
import { explainTag } from '../tags/explain-tag';

/**
 * Picks tags from the governed vocabulary: active tags as chips grouped by dimension, and a box
 * to type one, whose refusal is explained under it. Retired and replaced tags a record already
 * carries stay shown and can be removed.
 */
export function TagPicker({
  id,
  value,
  vocabulary,
  disabled,
  onChange,
}: {
  id: string;
  value: readonly string[];
  vocabulary: readonly TagEntry[];
  disabled?: boolean;
  onChange: (tags: string[]) => void;
}) {
  const { t, locale } = useSidebar();
  const [typed, setTyped] = useState('');
  const [refusal, setRefusal] = useState('');
  const active = vocabulary.filter((e) => e.status === 'active');
  const groups = new Map<string, TagEntry[]>();
  for (const entry of active) {
    const { dimension } = splitTag(entry.tag);
    groups.set(dimension, [...(groups.get(dimension) ?? []), entry]);
  }
  const toggle = (tag: string) =>
    onChange(value.includes(tag) ? value.filter((v) => v !== tag) : [...value, tag]);
  const add = () => {
    if (typed.trim() === '') return;
    const verdict = explainTag(typed, vocabulary, value, locale);
    if (!verdict.ok) {
      setRefusal(verdict.message);
      return;
    }
    setRefusal('');
    setTyped('');
    onChange([...value, verdict.tag]);
  };
  return (
    <div class="crm-tags" id={id}>
      {value.length > 0 && (
        <ul class="crm-chips is-chosen" aria-label={t('ui.tags.chosen')}>
          {value.map((tag) => (
            <li class="crm-chip is-on">
              {tag}
              {disabled !== true && (
                <button
                  type="button"
                  class="crm-chip-x"
                  aria-label={t('ui.tags.remove', { tag })}
                  onClick={() => toggle(tag)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {disabled !== true && (
        <>
          {[...groups].map(([dimension, entries]) => (
            <div class="crm-tag-group">
              <span class="crm-tag-dim">{dimension}</span>
              {entries.map((entry) => (
                <button
                  type="button"
                  class={value.includes(entry.tag) ? 'crm-chip is-on' : 'crm-chip'}
                  aria-pressed={value.includes(entry.tag)}
                  data-tag={entry.tag}
                  onClick={() => toggle(entry.tag)}
                >
                  {splitTag(entry.tag).value}
                </button>
              ))}
            </div>
          ))}
          <div class="crm-row">
            <input
              class="crm-input"
              data-role="tag-input"
              placeholder={t('ui.tags.typePlaceholder')}
              value={typed}
              onInput={(e) => {
                setTyped(e.currentTarget.value);
                setRefusal('');
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add();
                }
              }}
            />
            <button type="button" class="crm-button" onClick={add}>
              {t('ui.tags.add')}
            </button>
          </div>
          {refusal !== '' && (
            <p class="crm-error" role="alert" data-role="tag-refusal">
              {refusal}
            </p>
          )}
        </>
      )}
    </div>
  );
}
