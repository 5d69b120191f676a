import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { locales, type Locale } from '../i18n/locale';
import { issuesToFieldErrors } from '../validation/issues-to-field-errors';
import { creditCodeCheckChar } from '../validation/credit-code';
import { defaultTemplates, enterpriseTemplate, individualTemplate } from './default-templates';
import type { FormTemplate } from './form-template';
import { templateToSchema } from './template-schema';
import { validateSubmission, type SubmissionResult } from './validate-submission';

// validateSubmission takes a compiled fast path for what the template accepts. These tests hold it
// to what the plain zod schema answers, written out here as validateSubmission first did it.
function zodOnly(
  template: FormTemplate,
  input: Readonly<Record<string, unknown>>,
  locale: Locale,
): SubmissionResult {
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const blank =
      value === undefined ||
      value === null ||
      (typeof value === 'string' && value.trim() === '') ||
      (Array.isArray(value) && value.length === 0);
    if (!blank) cleaned[key] = value;
  }
  const result = plainSchemaOf(template).safeParse(cleaned);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues, cleaned, locale) };
}

const plainSchemas = new WeakMap<FormTemplate, ReturnType<typeof templateToSchema>>();
function plainSchemaOf(template: FormTemplate): ReturnType<typeof templateToSchema> {
  let schema = plainSchemas.get(template);
  if (schema === undefined) {
    schema = templateToSchema(template);
    plainSchemas.set(template, schema);
  }
  return schema;
}

function expectSameAsZod(template: FormTemplate, input: Record<string, unknown>, locale: Locale) {
  const expected = zodOnly(template, input, locale);
  const actual = validateSubmission(template, input, locale);
  expect(actual).toEqual(expected);
  if (actual.ok && expected.ok)
    expect(Object.keys(actual.value)).toEqual(Object.keys(expected.value));
  return actual.ok;
}

const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const districts = ['310115', '310104', '110105', '440305', '330106'];

// A valid row as a push sends it (stored spellings) or as a user types it (spaces, +86, 年月日).
const validRow = fc.tuple(fc.nat(999_999), fc.boolean()).map(([i, typed]) => {
  const first17 = `91310115${String(i).padStart(8, '0')}${alphabet[i % alphabet.length]}`;
  const row: Record<string, unknown> = {
    name: typed ? ` 上海华信${i}科技有限公司 ` : `华信${i}科技有限公司`,
    creditCode: first17 + creditCodeCheckChar(first17),
    industry: 'manufacturing',
    region: districts[i % districts.length],
    stage: 'prospect',
    contactName: '张伟',
    mobile: typed
      ? `+86 138-${String(i % 10_000).padStart(4, '0')}-1234`
      : `139${String(i % 1e8).padStart(8, '0')}`,
    email: typed ? `User${i}@Example.COM` : `buyer${i}@example.com`,
    demand: '需要采购10台工业机器人',
    expectedDate: typed ? '2025年6月1日' : '2025-06-01',
    sources: typed ? 'tradeShow，online' : ['tradeShow'],
    owner: 'u-1',
  };
  if (!typed) row['tags'] = ['区域-华东'];
  return row;
});

// Values each rule knows as odd or wrong, tried in every field.
const oddValue = fc.constantFrom<unknown>(
  '',
  '   ',
  '\u3000',
  null,
  undefined,
  0,
  138,
  -1,
  true,
  false,
  [],
  [''],
  ['tradeShow'],
  ['tradeShow', ' online ', ''],
  ['tradeShow', 'tv'],
  'tradeShow, online',
  {},
  { fileId: 'f', name: 'a.pdf', mimeType: 'application/pdf', size: 10 },
  [{ fileId: 'f', name: 'a.pdf', mimeType: 'application/pdf', size: 10 }],
  '华'.repeat(101),
  'x'.repeat(2001),
  ' Ａ　Ｂ（上海）\u200B ',
  'a\u0301',
  '\uD800',
  '１３８１２３４５６７８',
  '+86 138 1234 5678',
  '13812345678',
  '1381234567',
  'zhang.san@例子.中国',
  'Zhang.San＠Example.COM',
  'bad@',
  '@example.com',
  'a@b.c',
  '2024年5月1日',
  '2024-02-30',
  '2024/6/1',
  '2024-6-1 9:05',
  '91350100M000100Y43',
  '91350100M000100Y44',
  '91350100m000100y43',
  '913501OOM000100Y43',
  'manufacturing',
  ' manufacturing ',
  'vip',
  '310115',
  '310000',
  '999999',
  '区域-华东',
  '区域 —— 华东',
  '重要',
  ['区域-华东', '重要'],
  'enterprise',
  'individual',
  'zhangsan_88',
  '010-68888888',
  '(0755) 8888 6666 转 123',
  '11010519491231002X',
  '11010519491231002x',
  '是',
  'TRUE',
  'maybe',
  '12,345.50',
  'u-1',
);

const fieldKeys = [
  ...new Set(defaultTemplates.flatMap((t) => t.fields.map((f) => f.key))),
  'kind',
  'id',
  'status',
  'unknownColumn',
];

// One to three fields made odd, blanked, removed or added.
const input = fc
  .tuple(
    validRow,
    fc.array(fc.tuple(fc.constantFrom(...fieldKeys), oddValue, fc.boolean()), { maxLength: 3 }),
  )
  .map(([row, changes]) => {
    const out = { ...row };
    for (const [key, value, remove] of changes) {
      if (remove) delete out[key];
      else out[key] = value;
    }
    return out;
  });

describe('validateSubmission agrees with the plain zod schema', () => {
  it('on valid rows and on rows made odd in every way the rules know', () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        input,
        fc.constantFrom(enterpriseTemplate, individualTemplate),
        fc.constantFrom(...locales),
        (row, template, locale) => {
          if (expectSameAsZod(template, row, locale)) accepted += 1;
        },
      ),
      { numRuns: 5000 },
    );
    // The comparison means something only if many rows take the fast path.
    expect(accepted).toBeGreaterThan(500);
  });

  it('on a __proto__ key, which JSON.parse makes an own property', () => {
    const row = { name: '华信科技', mobile: '13812345678', email: 'a@example.com' };
    for (const proto of ['{"name": "恒达科技"}', '"x"', 'null', '[]', '{"foo": 1}']) {
      const text = JSON.stringify(row).replace('{', `{"__proto__": ${proto}, `);
      for (const template of defaultTemplates) {
        expectSameAsZod(template, JSON.parse(text) as Record<string, unknown>, 'en');
      }
    }
  });

  it('on templates an admin changed', () => {
    const changed: FormTemplate = {
      ...enterpriseTemplate,
      minContactMethods: 1,
      fields: enterpriseTemplate.fields.map((f) =>
        f.key === 'industry'
          ? { ...f, options: [{ value: 'logistics', label: { 'zh-CN': '物流', en: 'Logistics' } }] }
          : { ...f, required: f.key === 'name' },
      ),
    };
    fc.assert(
      fc.property(input, (row) => {
        expectSameAsZod(changed, row, 'zh-CN');
        expectSameAsZod(changed, { ...row, industry: 'logistics' }, 'en');
      }),
      { numRuns: 500 },
    );
  });

  it('takes the fast path: zod can compile every default template', () => {
    for (const template of defaultTemplates) {
      expect(() => z.compile(templateToSchema(template), { strict: true })).not.toThrow();
    }
  });
});
