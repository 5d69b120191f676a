import type { CustomerFieldKey } from '../fields/customer-fields';
import { inAllLocales } from '../i18n/translate';
import type { FieldAccess, Role } from './role';

// Contact details and other sensitive fields: masked unless a role is given `view` (SPEC 5).
const sensitive: CustomerFieldKey[] = [
  'mobile',
  'email',
  'idNumber',
  'address',
  'totalAmount',
  'attachments',
  'landline',
  'wechat',
];

const rules = (access: FieldAccess, fields: readonly CustomerFieldKey[]) =>
  Object.fromEntries(fields.map((f) => [f, access])) as Partial<
    Record<CustomerFieldKey, FieldAccess>
  >;

/** 信息录入员: creates and edits own unapproved records; sees what they typed. */
export const entryClerkRole: Role = {
  id: 'entryClerk',
  name: inAllLocales('role.entryClerk'),
  actions: [
    'customer.create',
    'customer.read',
    'customer.update',
    'customer.submit',
    'draft.save',
    'attachment.upload',
    'tag.apply',
  ],
  rowScope: 'own',
  defaultFieldAccess: 'edit',
  fieldAccess: rules('masked', ['totalAmount']),
};

/** 销售: full records of own customers; edits approved ones through change requests. */
export const salesRole: Role = {
  id: 'sales',
  name: inAllLocales('role.sales'),
  actions: [
    'customer.create',
    'customer.read',
    'customer.update',
    'customer.submit',
    'changeRequest.create',
    'followUp.create',
    'draft.save',
    'attachment.upload',
    'tag.apply',
    'report.read',
  ],
  rowScope: 'own',
  defaultFieldAccess: 'edit',
  fieldAccess: {},
};

/** 客服: every customer's basic info, contacts and tags, contact details masked. */
export const supportRole: Role = {
  id: 'support',
  name: inAllLocales('role.support'),
  actions: [
    'customer.read',
    'serviceRequest.create',
    'survey.create',
    'followUp.create',
    'tag.apply',
  ],
  rowScope: 'all',
  defaultFieldAccess: 'view',
  fieldAccess: {
    ...rules('masked', sensitive),
    ...rules('hidden', ['idNumber', 'totalAmount', 'attachments']),
  },
};

/** 审核员: the review queue; approves or rejects, approves change requests. */
export const reviewerRole: Role = {
  id: 'reviewer',
  name: inAllLocales('role.reviewer'),
  actions: [
    'customer.read',
    'customer.review',
    'changeRequest.approveGeneral',
    'customer.merge',
    'report.quality',
  ],
  rowScope: 'all',
  defaultFieldAccess: 'view',
  fieldAccess: rules('masked', sensitive),
};

/** 主管: second approvals for important customers and changes, archive approvals. */
export const supervisorRole: Role = {
  id: 'supervisor',
  name: inAllLocales('role.supervisor'),
  actions: [
    'customer.read',
    'customer.review',
    'customer.approveSecond',
    'customer.unmask',
    'customer.export',
    'customer.archive.approve',
    'changeRequest.approveGeneral',
    'changeRequest.approveImportant',
    'report.read',
    'report.quality',
  ],
  rowScope: 'team',
  defaultFieldAccess: 'view',
  fieldAccess: rules('masked', ['idNumber']),
};

/** 管理员: users, roles, field rules, templates, tags, settings. */
export const adminRole: Role = {
  id: 'admin',
  name: inAllLocales('role.admin'),
  actions: [
    'customer.read',
    'admin.users',
    'admin.roles',
    'admin.templates',
    'admin.tags',
    'admin.settings',
    'report.read',
    'report.quality',
  ],
  rowScope: 'all',
  defaultFieldAccess: 'view',
  fieldAccess: rules('masked', sensitive),
};

/** 审计员: pulls and verifies the audit log; no customer data in clear, no rows at all. */
export const auditorRole: Role = {
  id: 'auditor',
  name: inAllLocales('role.auditor'),
  actions: ['audit.read', 'audit.verify', 'report.quality'],
  rowScope: 'none',
  defaultFieldAccess: 'hidden',
  fieldAccess: {},
};

/** The roles of SPEC 1, which the server seeds on first start. */
export const defaultRoles: readonly Role[] = [
  entryClerkRole,
  salesRole,
  supportRole,
  reviewerRole,
  supervisorRole,
  adminRole,
  auditorRole,
];
