import { describe, expect, it } from 'vitest';
import { customerFields } from '../fields/customer-fields';
import { defaultTemplates, enterpriseTemplate } from './default-templates';
import { copyTemplate, editedTemplateSchema, formTemplateSchema } from './form-template';

describe('form templates', () => {
  it('the defaults are valid templates that show every field SPEC requires', () => {
    for (const template of defaultTemplates) {
      expect(formTemplateSchema.safeParse(template).success, template.id).toBe(true);
      for (const field of customerFields.filter((f) => f.required && f.key !== 'kind')) {
        expect(
          template.fields.find((f) => f.key === field.key)?.required,
          `${template.id} ${field.key}`,
        ).toBe(true);
      }
    }
    expect(enterpriseTemplate.fields.map((f) => f.key)).toContain('creditCode');
    expect(enterpriseTemplate.fields.map((f) => f.key)).not.toContain('idNumber');
  });

  it('refuses a template that lists a field twice, drops the name, or gives options to text', () => {
    const bad = {
      ...enterpriseTemplate,
      fields: [
        { key: 'mobile', required: true },
        { key: 'mobile', required: false },
        {
          key: 'email',
          required: false,
          options: [{ value: 'x', label: { 'zh-CN': 'x', en: 'x' } }],
        },
      ],
    };
    const result = formTemplateSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const codes = result.error?.issues.map((i): unknown =>
      i.code === 'custom' ? i.params?.['code'] : i.code,
    );
    expect(codes).toEqual(
      expect.arrayContaining([
        'template.duplicateField',
        'template.fieldRequired',
        'template.optionsNotAllowed',
      ]),
    );
  });

  it('refuses to save a choice field that offers one value twice, yet reads one stored so', () => {
    const stage = (values: string[]) => ({
      ...enterpriseTemplate,
      fields: enterpriseTemplate.fields.map((f) =>
        f.key === 'stage'
          ? {
              ...f,
              options: values.map((value) => ({ value, label: { 'zh-CN': value, en: value } })),
            }
          : f,
      ),
    });
    const repeated = stage(['a', 'b', 'a']);
    const index = repeated.fields.findIndex((f) => f.key === 'stage');
    expect(editedTemplateSchema.safeParse(repeated).error?.issues).toEqual([
      expect.objectContaining({
        path: ['fields', index, 'options', 2, 'value'],
        params: { code: 'template.duplicateOption', key: 'stage', value: 'a' },
      }),
    ]);
    expect(editedTemplateSchema.safeParse(stage(['a', 'b'])).success).toBe(true);
    expect(formTemplateSchema.safeParse(repeated).success).toBe(true);
  });

  it('copies a template into a new one at version 1 without sharing its arrays', () => {
    const copy = copyTemplate(enterpriseTemplate, 'enterprise-overseas', {
      'zh-CN': '海外企业客户登记表',
      en: 'Overseas enterprise form',
    });
    expect(copy).toMatchObject({
      id: 'enterprise-overseas',
      version: 1,
      copiedFrom: 'enterprise-domestic',
    });
    expect(copy.fields).toEqual(enterpriseTemplate.fields);
    copy.fields[0] = { key: 'name', required: false };
    expect(enterpriseTemplate.fields[0]).toEqual({ key: 'name', required: true });
  });
});
