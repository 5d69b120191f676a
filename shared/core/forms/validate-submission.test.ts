import { describe, expect, it } from 'vitest';
import { enterpriseTemplate, individualTemplate } from './default-templates';
import type { FormTemplate } from './form-template';
import { validateField, validateSubmission } from './validate-submission';

const enterprise = {
  name: ' 上海华信科技有限公司 ',
  creditCode: '91350100M000100Y43',
  industry: 'manufacturing',
  region: '310115',
  stage: 'prospect',
  contactName: '张伟',
  mobile: '+86 138-1234-5678',
  email: 'zhang.wei@example.com',
  demand: '需要采购10台工业机器人',
  expectedDate: '2024/6/1',
  sources: ['tradeShow'],
  owner: 'u-sales-1',
};

describe('validateSubmission', () => {
  it('accepts a complete enterprise form and normalises what it stores', () => {
    const result = validateSubmission(enterpriseTemplate, enterprise, 'zh-CN');
    expect(result).toMatchObject({
      ok: true,
      value: {
        kind: 'enterprise',
        name: '上海华信科技有限公司',
        mobile: '13812345678',
        expectedDate: '2024-06-01',
        sources: ['tradeShow'],
      },
    });
  });

  it('names every missing required field, in Chinese and in English', () => {
    const zh = validateSubmission(enterpriseTemplate, { name: '', mobile: '  ' }, 'zh-CN');
    expect(zh.ok).toBe(false);
    if (zh.ok) return;
    const messages = zh.errors.map((e) => e.message);
    for (const label of [
      '客户名称',
      '所属行业',
      '所在地区',
      '客户类型',
      '联系人姓名',
      '手机号',
      '需求描述',
      '期望合作时间',
      '客户来源',
      '跟进负责人',
    ]) {
      expect(messages).toContain(`请填写${label}`);
    }
    const en = validateSubmission(enterpriseTemplate, {}, 'en');
    expect(!en.ok && en.errors.map((e) => e.message)).toContain('Mobile is required');
  });

  it('explains a malformed mobile by field, and refuses the form', () => {
    const result = validateSubmission(
      enterpriseTemplate,
      { ...enterprise, mobile: '1381234567' },
      'zh-CN',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const mobile = result.errors.find((e) => e.field === 'mobile');
    expect(mobile?.code).toBe('mobile.format');
    expect(mobile?.message).toMatch(/^手机号格式错误/);
  });

  it('needs at least two valid contact methods', () => {
    const { email: _email, ...oneContact } = enterprise;
    const result = validateSubmission(enterpriseTemplate, oneContact, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.objectContaining({
        field: 'mobile',
        code: 'contacts.atLeastTwo',
        params: { count: 1 },
      }),
    ]);
    const withWechat = validateSubmission(
      enterpriseTemplate,
      { ...oneContact, wechat: 'zhangwei_88' },
      'en',
    );
    expect(withWechat.ok).toBe(true);
  });

  it('refuses an ID number collected without consent', () => {
    const person = { ...enterprise, name: '李娜', idNumber: '11010519491231002X' };
    delete (person as Partial<typeof person>).creditCode;
    const refused = validateSubmission(individualTemplate, person, 'zh-CN');
    expect(!refused.ok && refused.errors.map((e) => e.code)).toEqual(['idNumber.consent']);
    const consented = validateSubmission(
      individualTemplate,
      { ...person, idConsent: '是' },
      'zh-CN',
    );
    expect(consented).toMatchObject({ ok: true, value: { kind: 'individual', idConsent: true } });
  });

  it('refuses fields the template does not show, and options it does not offer', () => {
    const result = validateSubmission(
      enterpriseTemplate,
      { ...enterprise, idNumber: '11010519491231002X', stage: 'vip' },
      'zh-CN',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.code])).toEqual(
      expect.arrayContaining([
        ['idNumber', 'unknownField'],
        ['stage', 'invalidOption'],
      ]),
    );
    expect(result.errors.find((e) => e.field === 'stage')?.message).toBe(
      '客户类型的选项“vip”不在可选范围内',
    );
  });

  it('uses options an admin added to the template', () => {
    const withLogistics: FormTemplate = {
      ...enterpriseTemplate,
      fields: enterpriseTemplate.fields.map((f) =>
        f.key === 'industry'
          ? { ...f, options: [{ value: 'logistics', label: { 'zh-CN': '物流', en: 'Logistics' } }] }
          : f,
      ),
    };
    expect(
      validateSubmission(withLogistics, { ...enterprise, industry: 'logistics' }, 'zh-CN').ok,
    ).toBe(true);
    const old = validateSubmission(withLogistics, enterprise, 'zh-CN');
    expect(!old.ok && old.errors.map((e) => e.code)).toEqual(['invalidOption']);
  });

  it('lets a template relax a required field', () => {
    const relaxed: FormTemplate = {
      ...enterpriseTemplate,
      fields: enterpriseTemplate.fields.map((f) =>
        f.key === 'expectedDate' ? { ...f, required: false } : f,
      ),
    };
    const { expectedDate: _date, ...withoutDate } = enterprise;
    expect(validateSubmission(relaxed, withoutDate, 'zh-CN').ok).toBe(true);
    expect(validateSubmission(enterpriseTemplate, withoutDate, 'zh-CN').ok).toBe(false);
  });
});

describe('validateField (as the user types)', () => {
  it('flags a short mobile, accepts a decorated one', () => {
    expect(validateField(enterpriseTemplate, 'mobile', '1381234', 'zh-CN')?.code).toBe(
      'mobile.format',
    );
    expect(
      validateField(enterpriseTemplate, 'mobile', '＋８６ １３８ １２３４ ５６７８', 'zh-CN'),
    ).toBeUndefined();
  });

  it('says a required field is empty, and ignores an empty optional one', () => {
    expect(validateField(enterpriseTemplate, 'contactName', ' ', 'en')?.message).toBe(
      'Contact name is required',
    );
    expect(validateField(enterpriseTemplate, 'email', '', 'en')).toBeUndefined();
  });

  it('checks dates and region codes', () => {
    expect(validateField(enterpriseTemplate, 'expectedDate', '2024-02-30', 'zh-CN')?.code).toBe(
      'date.invalid',
    );
    expect(validateField(enterpriseTemplate, 'region', '310000', 'zh-CN')?.code).toBe(
      'region.incomplete',
    );
    expect(validateField(enterpriseTemplate, 'region', '999999', 'zh-CN')?.code).toBe(
      'region.unknown',
    );
    expect(validateField(enterpriseTemplate, 'region', '310115', 'zh-CN')).toBeUndefined();
  });

  it('quotes the refused option of a multi-choice field', () => {
    const error = validateField(enterpriseTemplate, 'sources', ['tradeShow', 'tv'], 'en');
    expect(error?.message).toBe('Sources: “tv” is not one of the options');
  });

  it('says a long name is too long, with the limit', () => {
    expect(validateField(enterpriseTemplate, 'name', '华'.repeat(101), 'zh-CN')?.message).toBe(
      '客户名称不能超过100个字符',
    );
  });
});
