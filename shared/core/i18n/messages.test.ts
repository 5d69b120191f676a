import { describe, expect, it } from 'vitest';
import { customerFields } from '../fields/customer-fields';
import { customerStatuses, followUpMethods, requestTypes, urgencies } from '../fields/options';
import { defaultRoles } from '../roles/default-roles';
import { actions, rowScopes } from '../roles/role';
import { locales } from './locale';
import { messages } from './messages';
import { fieldLabel, inAllLocales, isMessageKey, t } from './translate';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message table', () => {
  it('has every key in every language, none empty, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(messages)) {
      for (const locale of locales) expect(entry[locale].trim(), `${key} ${locale}`).not.toBe('');
      expect(placeholders(entry.en), key).toEqual(placeholders(entry['zh-CN']));
    }
  });

  it('labels every customer field, every field group and every option', () => {
    for (const field of customerFields) {
      expect(isMessageKey(`field.${field.key}`), field.key).toBe(true);
      expect(isMessageKey(`group.${field.group}`), field.group).toBe(true);
      for (const option of field.options ?? []) {
        expect(isMessageKey(`option.${field.key}.${option}`), `${field.key}.${option}`).toBe(true);
      }
    }
    const more = {
      status: customerStatuses,
      method: followUpMethods,
      requestType: requestTypes,
      urgency: urgencies,
    };
    for (const [field, options] of Object.entries(more)) {
      for (const option of options) expect(isMessageKey(`option.${field}.${option}`)).toBe(true);
    }
  });

  it('labels every action and row scope a role can have, for the admin’s role editor', () => {
    for (const action of actions) expect(isMessageKey(`action.${action}`), action).toBe(true);
    for (const scope of rowScopes) expect(isMessageKey(`ui.scope.${scope}`), scope).toBe(true);
  });

  it('labels every default role', () => {
    for (const role of defaultRoles)
      expect(role.name).toEqual(inAllLocales(`role.${role.id}` as 'role.sales'));
  });
});

describe('t', () => {
  it('renders Chinese by default wording and names the field by its label', () => {
    expect(t('error.required', 'zh-CN', { field: 'mobile' })).toBe('请填写手机号');
    expect(t('error.required', 'en', { field: 'contactName' })).toBe('Contact name is required');
  });

  it('fills numeric parameters and leaves unknown placeholders visible', () => {
    expect(t('error.tooLong', 'en', { field: 'name', max: 100 })).toBe(
      'Customer name must be at most 100 characters',
    );
    expect(t('error.tooLong', 'zh-CN', { field: 'name' })).toBe('客户名称不能超过{max}个字符');
  });

  it('shows an unknown field key as it is', () => {
    expect(fieldLabel('shoeSize', 'zh-CN')).toBe('shoeSize');
  });
});
