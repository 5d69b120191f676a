import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterpriseTemplate } from '../../../shared/core/forms/default-templates';
import type { FormTemplate, TemplateField } from '../../../shared/core/forms/form-template';
import { makeTestServer } from '../../../test/support/test-server';

let server: Awaited<ReturnType<typeof makeTestServer>>;
let base: FormTemplate;

beforeEach(async () => {
  server = await makeTestServer();
  const list = await server.call('admin', 'GET', '/v1/forms');
  const found = (list.body['templates'] as FormTemplate[]).find(
    (t) => t.id === 'enterprise-domestic',
  );
  if (found === undefined) throw new Error('enterprise-domestic missing');
  base = found;
});

afterEach(async () => {
  await server.close();
});

const save = (template: unknown, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  server.call('admin', 'PUT', '/v1/forms/enterprise-domestic', template, {
    'accept-language': locale,
  });

// How many fields the stored enterprise form shows: the defaults a fresh server starts with.
const shown = enterpriseTemplate.fields.length;

const at = (key: string) => base.fields.findIndex((f) => f.key === key);

const withField = (key: string, change: Partial<TemplateField>) => ({
  ...base,
  fields: base.fields.map((f) => (f.key === key ? { ...f, ...change } : f)),
});

const option = (value: string, zh = value, en = value) => ({
  value,
  label: { 'zh-CN': zh, en },
});

describe('PUT /v1/forms/:id refuses an edit naming the template field or property', () => {
  // [what, the edited template, the path the error points at, the message in zh-CN and in en]
  const cases: [string, () => unknown, () => string, string, string][] = [
    [
      'a field listed twice',
      () => ({ ...base, fields: [...base.fields, { key: 'industry', required: true }] }),
      () => `fields.${base.fields.length}.key`,
      '表单模板中字段所属行业出现了多次',
      'The form template lists Industry more than once',
    ],
    [
      'the locked name field made optional',
      () => withField('name', { required: false }),
      () => `fields.${at('name')}.required`,
      '表单模板必须包含必填字段客户名称',
      'The form template must include the required field Customer name',
    ],
    [
      'the locked name field left out',
      () => ({ ...base, fields: base.fields.filter((f) => f.key !== 'name') }),
      () => 'fields',
      '表单模板必须包含必填字段客户名称',
      'The form template must include the required field Customer name',
    ],
    [
      'options on a text field',
      () => withField('mobile', { options: [option('a')] }),
      () => `fields.${at('mobile')}.options`,
      '手机号不是选择类字段，不能设置选项',
      'Mobile is not a choice field and cannot have options',
    ],
    [
      'an empty option list',
      () => withField('stage', { options: [] }),
      () => `fields.${at('stage')}.options`,
      '字段客户类型至少需要一个选项',
      'Customer stage needs at least one option',
    ],
    [
      'an option value given twice',
      () => withField('stage', { options: [option('a'), option('b'), option('a', '甲', 'A')] }),
      () => `fields.${at('stage')}.options.2.value`,
      '客户类型的选项值“a”出现了多次',
      'Customer stage lists the option value “a” more than once',
    ],
    [
      'an option without an English label',
      () => withField('level', { options: [option('vip', 'VIP', ' ')] }),
      () => `fields.${at('level')}.options.0.label.en`,
      '请填写客户等级第1个选项的名称（英文）',
      'Customer level option 1 label (English) is required',
    ],
    [
      'an unknown field key',
      () => ({ ...base, fields: [...base.fields, { key: 'shoeSize', required: false }] }),
      () => `fields.${base.fields.length}.key`,
      `第${shown + 1}个字段“shoeSize”不是已知的客户字段`,
      `Field ${shown + 1} “shoeSize” is not a known customer field`,
    ],
    [
      'the template name left empty in Chinese',
      () => ({ ...base, name: { 'zh-CN': '', en: 'x' } }),
      () => 'name.zh-CN',
      '请填写模板名称（中文）',
      'Template name (Chinese) is required',
    ],
    [
      'a template ID of the wrong form',
      () => ({ ...base, id: 'Enterprise Domestic' }),
      () => 'id',
      '模板编号格式错误：应为2-41位小写字母、数字或减号，且以字母或数字开头',
      'Template ID is not valid: 2–41 lowercase letters, digits or hyphens, starting with a letter or digit',
    ],
    [
      'a template ID other than the one in the address',
      () => ({ ...base, id: 'individual-domestic' }),
      () => 'id',
      '模板编号“individual-domestic”与请求地址中的“enterprise-domestic”不一致',
      'Template ID “individual-domestic” does not match “enterprise-domestic” in the request address',
    ],
  ];

  for (const [what, edit, path, zh, en] of cases) {
    it(what, async () => {
      for (const [locale, message] of [
        ['zh-CN', zh],
        ['en', en],
      ] as const) {
        const res = await save(edit(), locale);
        expect(res.status, locale).toBe(400);
        const error = res.body['error'] as { code: string; message: string; fields: unknown[] };
        expect(error.code).toBe('bad_request');
        expect(error.fields, locale).toEqual([expect.objectContaining({ field: path(), message })]);
        expect(error.message, locale).toContain(message);
      }
    });
  }

  it('never reports a template property as the customer field that shares its key', async () => {
    const res = await save({ ...base, id: 'X', name: { 'zh-CN': ' ', en: 'x' } });
    const { message } = res.body['error'] as { message: string };
    expect(message).toContain('模板编号');
    expect(message).toContain('模板名称');
    expect(message).not.toContain('客户编号');
    expect(message).not.toContain('客户名称');
  });

  it('saves a valid template with its own options, as before', async () => {
    const res = await save(withField('stage', { options: [option('a', '甲'), option('b', '乙')] }));
    expect(res.status).toBe(200);
    expect(res.body['template']).toMatchObject({ id: 'enterprise-domestic', version: 2 });
  });

  it('still serves a stored template that repeats an option value, and refuses only its next save', async () => {
    const stored = withField('stage', { options: [option('a'), option('a')] });
    await server.db.write((tx) =>
      tx.run('UPDATE templates SET data = ? WHERE id = ?', [
        JSON.stringify(stored),
        'enterprise-domestic',
      ]),
    );
    const list = await server.call('admin', 'GET', '/v1/forms');
    expect(list.status).toBe(200);
    expect((await save(stored)).status).toBe(400);
  });

  it('refuses a save made from an older version with 409, keeping what was saved since', async () => {
    const first = await save({ ...base, minContactMethods: 2 });
    expect(first.body['template']).toMatchObject({ version: base.version + 1 });
    const stale = await save({ ...base, minContactMethods: 3 });
    expect(stale).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'template_changed',
          message: `表单模板已被他人修改（当前为第${base.version + 1}版，您编辑的是第${base.version}版），请刷新后再保存`,
        },
      },
    });
    const list = await server.call('admin', 'GET', '/v1/forms');
    const kept = (list.body['templates'] as FormTemplate[]).find((t) => t.id === base.id);
    expect(kept).toMatchObject({ version: base.version + 1, minContactMethods: 2 });
  });
});
