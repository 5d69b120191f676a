import { customerFields, type CustomerFieldKey } from '../fields/customer-fields';
import { inAllLocales } from '../i18n/translate';
import type { FormTemplate, TemplateField } from './form-template';

const field = (key: CustomerFieldKey, required?: boolean): TemplateField => ({
  key,
  required: required ?? customerFields.find((f) => f.key === key)?.required ?? false,
});

// Fields both kinds of customer share, in SPEC 2.1 order after the identity fields.
const common: TemplateField[] = [
  field('industry'),
  field('size'),
  field('region'),
  field('address'),
  field('stage'),
  field('level'),
  field('contactName'),
  field('contactTitle'),
  field('mobile'),
  field('email'),
  field('wechat'),
  field('landline'),
  field('demand'),
  field('expectedDate'),
  field('budget'),
  field('sources'),
  field('referrer'),
  field('firstContact'),
  field('businessType'),
  field('owner'),
  field('attachments'),
  field('tags'),
  field('remarks'),
];

/** The default form for domestic enterprise customers (SPEC 2.1). */
export const enterpriseTemplate: FormTemplate = {
  id: 'enterprise-domestic',
  version: 1,
  name: inAllLocales('template.enterprise'),
  customerKind: 'enterprise',
  market: 'domestic',
  minContactMethods: 2,
  fields: [field('name'), field('creditCode'), ...common],
};

/** The default form for domestic individual customers: ID number only with consent. */
export const individualTemplate: FormTemplate = {
  id: 'individual-domestic',
  version: 1,
  name: inAllLocales('template.individual'),
  customerKind: 'individual',
  market: 'domestic',
  minContactMethods: 2,
  fields: [
    field('name'),
    field('idNumber'),
    field('idConsent'),
    field('marketingConsent'),
    ...common,
  ],
};

/** The templates a fresh installation starts with. */
export const defaultTemplates: readonly FormTemplate[] = [enterpriseTemplate, individualTemplate];
