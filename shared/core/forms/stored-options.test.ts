import { describe, expect, it } from 'vitest';
import { enterpriseTemplate } from './default-templates';
import { withStoredOptions } from './stored-options';
import { validateSubmission } from './validate-submission';

const narrowed = {
  ...enterpriseTemplate,
  fields: enterpriseTemplate.fields.map((f) =>
    f.key === 'sources'
      ? { ...f, options: [{ value: 'web', label: { 'zh-CN': '官网', en: 'Website' } }] }
      : f,
  ),
};

describe('withStoredOptions', () => {
  it('keeps an option the record holds after an admin removed it, and no other', () => {
    const widened = withStoredOptions(narrowed, { sources: ['tradeShow', 'web'] });
    const options = widened.fields.find((f) => f.key === 'sources')?.options?.map((o) => o.value);
    expect(options).toEqual(['web', 'tradeShow']);
    // The template itself is left as it was.
    expect(narrowed.fields.find((f) => f.key === 'sources')?.options).toHaveLength(1);
  });

  it('answers the same template when the record holds nothing removed', () => {
    expect(withStoredOptions(narrowed, { sources: ['web'], industry: 'manufacturing' })).toBe(
      narrowed,
    );
  });

  it('lets a widened template accept the kept value and still refuse another removed one', () => {
    const row = {
      name: '上海华信科技有限公司',
      industry: 'manufacturing',
      region: '310115',
      stage: 'prospect',
      contactName: '张伟',
      mobile: '13912345678',
      email: 'a@example.com',
      demand: '需要采购10台工业机器人',
      expectedDate: '2025-06-01',
      owner: 'u-sales',
    };
    const widened = withStoredOptions(narrowed, { sources: ['tradeShow'] });
    expect(validateSubmission(narrowed, { ...row, sources: ['tradeShow'] }, 'zh-CN').ok).toBe(
      false,
    );
    expect(validateSubmission(widened, { ...row, sources: ['tradeShow'] }, 'zh-CN').ok).toBe(true);
    expect(validateSubmission(widened, { ...row, sources: ['referral'] }, 'zh-CN').ok).toBe(false);
  });
});
