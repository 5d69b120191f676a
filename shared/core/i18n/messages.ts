import type { Locale } from './locale';

type Entry = Readonly<Record<Locale, string>>;

/**
 * Every label and message the user sees, in zh-CN and en. Nothing user-visible is written inline
 * elsewhere: code refers to a key and `t()` renders it. `{name}` placeholders are filled from
 * parameters; `{field}` is the field's label in the same language.
 */
export const messages = {
  // ── field groups (SPEC 2.1) ──────────────────────────────────────────────
  'group.basic': { 'zh-CN': '基础信息', en: 'Basic information' },
  'group.contact': { 'zh-CN': '联系信息', en: 'Contact information' },
  'group.demand': { 'zh-CN': '需求与背景', en: 'Demand and background' },
  'group.business': { 'zh-CN': '业务信息', en: 'Business information' },
  'group.attachments': { 'zh-CN': '附件', en: 'Attachments' },
  'group.tags': { 'zh-CN': '偏好标签', en: 'Preference tags' },
  'group.remarks': { 'zh-CN': '备注', en: 'Remarks' },
  'group.system': { 'zh-CN': '系统', en: 'System' },
  'group.interaction': { 'zh-CN': '互动记录', en: 'Interactions' },

  // ── customer fields ─────────────────────────────────────────────────────
  'field.id': { 'zh-CN': '客户编号', en: 'Customer ID' },
  'field.name': { 'zh-CN': '客户名称', en: 'Customer name' },
  'field.kind': { 'zh-CN': '客户主体', en: 'Customer type' },
  'field.creditCode': { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' },
  'field.idNumber': { 'zh-CN': '证件号码', en: 'ID number' },
  'field.idConsent': { 'zh-CN': '证件信息采集同意', en: 'Consent to collect ID' },
  'field.marketingConsent': { 'zh-CN': '营销使用同意', en: 'Consent to marketing use' },
  'field.industry': { 'zh-CN': '所属行业', en: 'Industry' },
  'field.size': { 'zh-CN': '企业规模/职业', en: 'Company size / occupation' },
  'field.region': { 'zh-CN': '所在地区', en: 'Region' },
  'field.address': { 'zh-CN': '详细地址', en: 'Street address' },
  'field.stage': { 'zh-CN': '客户类型', en: 'Customer stage' },
  'field.level': { 'zh-CN': '客户等级', en: 'Customer level' },
  'field.contactName': { 'zh-CN': '联系人姓名', en: 'Contact name' },
  'field.contactTitle': { 'zh-CN': '联系人职务', en: 'Contact title' },
  'field.mobile': { 'zh-CN': '手机号', en: 'Mobile' },
  'field.email': { 'zh-CN': '邮箱', en: 'Email' },
  'field.wechat': { 'zh-CN': '微信', en: 'WeChat' },
  'field.landline': { 'zh-CN': '座机', en: 'Landline' },
  'field.demand': { 'zh-CN': '需求描述', en: 'Demand' },
  'field.expectedDate': { 'zh-CN': '期望合作时间', en: 'Expected start date' },
  'field.budget': { 'zh-CN': '预算范围', en: 'Budget' },
  'field.sources': { 'zh-CN': '客户来源', en: 'Sources' },
  'field.referrer': { 'zh-CN': '推荐人', en: 'Referrer' },
  'field.firstContact': { 'zh-CN': '首次接触时间', en: 'First contact' },
  'field.lastContact': { 'zh-CN': '最近联系时间', en: 'Last contact' },
  'field.totalAmount': { 'zh-CN': '累计合作金额', en: 'Total amount (yuan)' },
  'field.businessType': { 'zh-CN': '主要业务类型', en: 'Main business type' },
  'field.owner': { 'zh-CN': '跟进负责人', en: 'Owner' },
  'field.attachments': { 'zh-CN': '资质材料', en: 'Qualification documents' },
  'field.tags': { 'zh-CN': '标签', en: 'Tags' },
  'field.remarks': { 'zh-CN': '特殊要求', en: 'Special requirements' },
  'field.status': { 'zh-CN': '状态', en: 'Status' },
  'field.version': { 'zh-CN': '版本', en: 'Version' },
  'field.createdAt': { 'zh-CN': '创建时间', en: 'Created at' },
  'field.updatedAt': { 'zh-CN': '更新时间', en: 'Updated at' },
  'field.updatedBy': { 'zh-CN': '记录人', en: 'Updated by' },

  // ── related records ─────────────────────────────────────────────────────
  'field.customerId': { 'zh-CN': '客户编号', en: 'Customer ID' },
  'field.time': { 'zh-CN': '时间', en: 'Time' },
  'field.method': { 'zh-CN': '跟进方式', en: 'Method' },
  'field.summary': { 'zh-CN': '跟进内容', en: 'Summary' },
  'field.feedback': { 'zh-CN': '客户反馈', en: 'Customer feedback' },
  'field.nextStep': { 'zh-CN': '下一步计划', en: 'Next step' },
  'field.nextStepDue': { 'zh-CN': '下一步截止日期', en: 'Next step due' },
  'field.followedBy': { 'zh-CN': '跟进人', en: 'Followed up by' },
  'field.requestType': { 'zh-CN': '需求类型', en: 'Request type' },
  'field.description': { 'zh-CN': '需求描述', en: 'Description' },
  'field.urgency': { 'zh-CN': '紧急程度', en: 'Urgency' },
  'field.receiver': { 'zh-CN': '受理人', en: 'Received by' },
  'field.plannedCompletion': { 'zh-CN': '计划完成时间', en: 'Planned completion' },
  'field.actualCompletion': { 'zh-CN': '实际完成时间', en: 'Actual completion' },
  'field.result': { 'zh-CN': '处理结果', en: 'Result' },
  'field.serviceItem': { 'zh-CN': '服务项目', en: 'Service item' },
  'field.scoreSpeed': { 'zh-CN': '响应速度', en: 'Response speed' },
  'field.scoreProfessionalism': { 'zh-CN': '专业程度', en: 'Professionalism' },
  'field.scoreResolution': { 'zh-CN': '问题解决', en: 'Problem solving' },
  'field.suggestion': { 'zh-CN': '改进建议', en: 'Suggestion' },
  'field.date': { 'zh-CN': '日期', en: 'Date' },
  'field.recorder': { 'zh-CN': '记录人', en: 'Recorded by' },
  'field.field': { 'zh-CN': '变更字段', en: 'Field' },
  'field.oldValue': { 'zh-CN': '原值', en: 'Old value' },
  'field.newValue': { 'zh-CN': '新值', en: 'New value' },
  'field.reason': { 'zh-CN': '变更原因', en: 'Reason' },
  'field.requestedBy': { 'zh-CN': '申请人', en: 'Requested by' },
  'field.approvedBy': { 'zh-CN': '审批人', en: 'Approved by' },
  'field.email.user': { 'zh-CN': '登录邮箱', en: 'Sign-in email' },
  'field.displayName': { 'zh-CN': '姓名', en: 'Name' },
  'field.role': { 'zh-CN': '角色', en: 'Role' },
  'field.team': { 'zh-CN': '团队', en: 'Team' },
  'field.resumeCode': { 'zh-CN': '恢复码', en: 'Resume code' },

  // ── options ─────────────────────────────────────────────────────────────
  'option.kind.enterprise': { 'zh-CN': '企业', en: 'Enterprise' },
  'option.kind.individual': { 'zh-CN': '个人', en: 'Individual' },
  'option.industry.manufacturing': { 'zh-CN': '制造业', en: 'Manufacturing' },
  'option.industry.retail': { 'zh-CN': '零售业', en: 'Retail' },
  'option.industry.itServices': { 'zh-CN': 'IT服务', en: 'IT services' },
  'option.industry.finance': { 'zh-CN': '金融', en: 'Finance' },
  'option.industry.education': { 'zh-CN': '教育', en: 'Education' },
  'option.industry.healthcare': { 'zh-CN': '医疗', en: 'Healthcare' },
  'option.industry.other': { 'zh-CN': '其他', en: 'Other' },
  'option.stage.prospect': { 'zh-CN': '潜在客户', en: 'Prospect' },
  'option.stage.interested': { 'zh-CN': '意向客户', en: 'Interested' },
  'option.stage.customer': { 'zh-CN': '成交客户', en: 'Customer' },
  'option.stage.partner': { 'zh-CN': '合作伙伴', en: 'Partner' },
  'option.stage.other': { 'zh-CN': '其他', en: 'Other' },
  'option.level.high': { 'zh-CN': '高潜力', en: 'High potential' },
  'option.level.medium': { 'zh-CN': '中潜力', en: 'Medium potential' },
  'option.level.low': { 'zh-CN': '低潜力', en: 'Low potential' },
  'option.budget.under50k': { 'zh-CN': '5万以下', en: 'Under 50k' },
  'option.budget.50kTo200k': { 'zh-CN': '5-20万', en: '50k–200k' },
  'option.budget.200kTo500k': { 'zh-CN': '20-50万', en: '200k–500k' },
  'option.budget.500kTo1m': { 'zh-CN': '50-100万', en: '500k–1M' },
  'option.budget.over1m': { 'zh-CN': '100万以上', en: 'Over 1M' },
  'option.sources.tradeShow': { 'zh-CN': '展会推荐', en: 'Trade show' },
  'option.sources.online': {
    'zh-CN': '线上推广(官网/社交媒体)',
    en: 'Online (website / social media)',
  },
  'option.sources.referral': { 'zh-CN': '客户转介绍', en: 'Customer referral' },
  'option.sources.visit': { 'zh-CN': '主动拜访', en: 'Outbound visit' },
  'option.sources.other': { 'zh-CN': '其他', en: 'Other' },
  'option.status.draft': { 'zh-CN': '草稿', en: 'Draft' },
  'option.status.pending': { 'zh-CN': '待审核', en: 'Pending review' },
  'option.status.pendingSecond': { 'zh-CN': '待复核', en: 'Pending second approval' },
  'option.status.rejected': { 'zh-CN': '已驳回', en: 'Rejected' },
  'option.status.approved': { 'zh-CN': '已建档', en: 'Filed' },
  'option.status.dormant': { 'zh-CN': '休眠', en: 'Dormant' },
  'option.status.archived': { 'zh-CN': '已归档', en: 'Archived' },
  'option.status.merged': { 'zh-CN': '已合并', en: 'Merged' },
  'option.method.phone': { 'zh-CN': '电话', en: 'Phone' },
  'option.method.visit': { 'zh-CN': '拜访', en: 'Visit' },
  'option.method.email': { 'zh-CN': '邮件', en: 'Email' },
  'option.method.meeting': { 'zh-CN': '会议', en: 'Meeting' },
  'option.method.wechat': { 'zh-CN': '微信', en: 'WeChat' },
  'option.requestType.consulting': { 'zh-CN': '咨询类', en: 'Consulting' },
  'option.requestType.purchase': { 'zh-CN': '产品购买类', en: 'Product purchase' },
  'option.requestType.afterSales': { 'zh-CN': '售后服务类', en: 'After-sales service' },
  'option.requestType.custom': { 'zh-CN': '合作定制类', en: 'Custom cooperation' },
  'option.urgency.urgent': { 'zh-CN': '紧急', en: 'Urgent' },
  'option.urgency.normal': { 'zh-CN': '一般', en: 'Normal' },
  'option.urgency.longTerm': { 'zh-CN': '长期规划', en: 'Long-term' },
  'option.changeStatus.pending': { 'zh-CN': '待审批', en: 'Pending approval' },
  'option.changeStatus.approved': { 'zh-CN': '已批准', en: 'Approved' },
  'option.changeStatus.rejected': { 'zh-CN': '已驳回', en: 'Rejected' },

  // ── roles (SPEC 1) ──────────────────────────────────────────────────────
  'role.entryClerk': { 'zh-CN': '信息录入员', en: 'Entry clerk' },
  'role.sales': { 'zh-CN': '销售', en: 'Sales' },
  'role.support': { 'zh-CN': '客服', en: 'Support' },
  'role.reviewer': { 'zh-CN': '审核员', en: 'Reviewer' },
  'role.supervisor': { 'zh-CN': '主管', en: 'Supervisor' },
  'role.admin': { 'zh-CN': '管理员', en: 'Admin' },
  'role.auditor': { 'zh-CN': '审计员', en: 'Auditor' },

  // ── form templates ──────────────────────────────────────────────────────
  'template.enterprise': { 'zh-CN': '企业客户登记表', en: 'Enterprise customer form' },
  'template.individual': { 'zh-CN': '个人客户登记表', en: 'Individual customer form' },
  // What a refused template edit is named by: its own properties, and parts of one of its fields.
  'template.property.template': { 'zh-CN': '表单模板', en: 'Form template' },
  'template.property.id': { 'zh-CN': '模板编号', en: 'Template ID' },
  'template.property.version': { 'zh-CN': '模板版本', en: 'Template version' },
  'template.property.name': { 'zh-CN': '模板名称', en: 'Template name' },
  'template.property.customerKind': { 'zh-CN': '适用客户主体', en: 'Customer type of the form' },
  'template.property.market': { 'zh-CN': '适用市场', en: 'Market of the form' },
  'template.property.minContactMethods': {
    'zh-CN': '最少联系方式数',
    en: 'Minimum contact methods',
  },
  'template.property.copiedFrom': { 'zh-CN': '复制来源', en: 'Copied from' },
  'template.property.fields': { 'zh-CN': '表单字段', en: 'Form fields' },
  'template.part.entry': { 'zh-CN': '第{n}个字段', en: 'Field {n}' },
  'template.part.key': { 'zh-CN': '{label}的字段代码', en: '{label} key' },
  'template.part.required': { 'zh-CN': '{label}的必填设置', en: '{label} required flag' },
  'template.part.options': { 'zh-CN': '{label}的选项', en: '{label} options' },
  'template.part.option': { 'zh-CN': '{label}的第{n}个选项', en: '{label} option {n}' },
  'template.part.optionValue': {
    'zh-CN': '{label}第{n}个选项的值',
    en: '{label} option {n} value',
  },
  'template.part.optionLabel': {
    'zh-CN': '{label}第{n}个选项的名称',
    en: '{label} option {n} label',
  },
  'template.part.language': { 'zh-CN': '{label}（{language}）', en: '{label} ({language})' },
  'language.zh-CN': { 'zh-CN': '中文', en: 'Chinese' },
  'language.en': { 'zh-CN': '英文', en: 'English' },

  // ── validation errors: generic ──────────────────────────────────────────
  'error.required': { 'zh-CN': '请填写{field}', en: '{field} is required' },
  'error.type': { 'zh-CN': '{field}的格式不正确', en: '{field} has the wrong format' },
  'error.text.control': {
    'zh-CN': '{field}含有不可见的控制字符（常见于从其他系统复制粘贴），请删除后重新填写',
    en: '{field} contains invisible control characters (often pasted from another system); remove them and try again',
  },
  'error.text.brokenCharacter': {
    'zh-CN': '{field}含有残缺的字符（常见于被截断的表情符号），请删除后重新填写',
    en: '{field} contains a broken character (often half of an emoji cut off); remove it and try again',
  },
  'error.tooLong': {
    'zh-CN': '{field}不能超过{max}个字符',
    en: '{field} must be at most {max} characters',
  },
  'error.tooShort': {
    'zh-CN': '{field}至少需要{min}个字符',
    en: '{field} must be at least {min} characters',
  },
  'error.invalidOption': {
    'zh-CN': '{field}的选项“{value}”不在可选范围内',
    en: '{field}: “{value}” is not one of the options',
  },
  'error.unknownField': { 'zh-CN': '未知字段{field}', en: 'Unknown field {field}' },
  'error.number': { 'zh-CN': '{field}必须是数字', en: '{field} must be a number' },
  'error.number.min': {
    'zh-CN': '{field}不能小于{min}',
    en: '{field} must be at least {min}',
  },
  'error.number.max': {
    'zh-CN': '{field}不能大于{max}',
    en: '{field} must be at most {max}',
  },
  'error.integer': { 'zh-CN': '{field}必须是整数', en: '{field} must be a whole number' },

  // ── validation errors: specific rules ───────────────────────────────────
  'error.owner.unknown': {
    'zh-CN': '{field}“{owner}”不是在职的系统用户，请从用户列表中选择',
    en: '{field} "{owner}" is not an active user; choose one from the user list',
  },
  'error.mobile.format': {
    'zh-CN': '{field}格式错误，应为以1开头的11位中国大陆手机号，请核对后重新提交',
    en: '{field} is not valid: expected an 11-digit mainland China mobile number starting with 1',
  },
  'error.email.format': {
    'zh-CN': '{field}格式错误，请填写有效的邮箱地址，如 name@example.com',
    en: '{field} is not a valid email address, e.g. name@example.com',
  },
  'error.landline.format': {
    'zh-CN': '{field}格式错误，应为区号加号码，如 010-12345678',
    en: '{field} is not valid: expected area code and number, e.g. 010-12345678',
  },
  'error.wechat.format': {
    'zh-CN': '{field}格式错误：6-20位，字母开头，可含字母、数字、下划线和减号，或为手机号',
    en: '{field} is not valid: 6–20 letters, digits, _ or -, starting with a letter, or a mobile number',
  },
  'error.creditCode.length': {
    'zh-CN': '{field}应为18位，当前为{length}位',
    en: '{field} must be 18 characters, got {length}',
  },
  'error.creditCode.charset': {
    'zh-CN': '{field}第{position}位“{char}”不是允许的字符（数字或除I、O、Z、S、V外的大写字母）',
    en: '{field}: character {position} “{char}” is not allowed (digits and capital letters except I, O, Z, S, V)',
  },
  'error.creditCode.checksum': {
    'zh-CN': '{field}校验位错误，请核对后重新填写',
    en: '{field} has a wrong check character; please check it',
  },
  'error.idNumber.length': {
    'zh-CN': '{field}应为18位，当前为{length}位',
    en: '{field} must be 18 characters, got {length}',
  },
  'error.idNumber.format': {
    'zh-CN': '{field}格式错误：前17位应为数字，最后一位为数字或X',
    en: '{field} is not valid: 17 digits followed by a digit or X',
  },
  'error.idNumber.region': {
    'zh-CN': '{field}的地区码“{code}”不存在',
    en: '{field}: region code “{code}” does not exist',
  },
  'error.idNumber.birthdate': {
    'zh-CN': '{field}中的出生日期“{date}”不是有效日期',
    en: '{field}: birth date “{date}” is not a real date',
  },
  'error.idNumber.checksum': {
    'zh-CN': '{field}校验位错误，请核对后重新填写',
    en: '{field} has a wrong check digit; please check it',
  },
  'error.idNumber.consent': {
    'zh-CN': '采集{field}需要客户同意，请先勾选“证件信息采集同意”',
    en: 'Collecting the {field} needs the customer’s consent: tick “Consent to collect ID” first',
  },
  'error.date.format': {
    'zh-CN': '{field}格式错误，应为 YYYY-MM-DD，如 2024-05-01',
    en: '{field} must be a date as YYYY-MM-DD, e.g. 2024-05-01',
  },
  'error.date.invalid': {
    'zh-CN': '{field}“{value}”不是有效日期',
    en: '{field}: “{value}” is not a real date',
  },
  'error.dateTime.format': {
    'zh-CN': '{field}格式错误，应为 YYYY-MM-DD HH:MM:SS',
    en: '{field} must be a date and time as YYYY-MM-DD HH:MM:SS',
  },
  'error.contacts.atLeastTwo': {
    'zh-CN': '请至少填写两种有效的联系方式（手机号、邮箱、微信、座机），当前只有{count}种',
    en: 'Give at least two valid contact methods (mobile, email, WeChat, landline); {count} given',
  },
  'error.region.unknown': {
    'zh-CN': '{field}“{value}”不是有效的行政区划代码',
    en: '{field}: “{value}” is not a known region code',
  },
  'error.region.incomplete': {
    'zh-CN': '{field}请选择到区/县一级',
    en: '{field}: choose down to the district',
  },
  'error.tag.format': {
    'zh-CN': '标签“{value}”格式错误，应为“维度-值”，如“区域-华东”',
    en: 'Tag “{value}” must have the form dimension-value, e.g. 区域-华东',
  },
  'error.tag.vague': {
    'zh-CN': '标签“{value}”含义模糊，请改用具体的“维度-值”标签，如“状态-意向强烈”',
    en: 'Tag “{value}” is too vague; use a specific dimension-value tag such as 状态-意向强烈',
  },
  'error.tag.tooLong': {
    'zh-CN': '标签“{value}”过长，维度不超过{maxDimension}个字，值不超过{maxValue}个字',
    en: 'Tag “{value}” is too long: dimension at most {maxDimension}, value at most {maxValue} characters',
  },
  'error.tag.unknown': {
    'zh-CN': '标签“{value}”不在标签库中，请从标签库选择或请管理员添加',
    en: 'Tag “{value}” is not in the vocabulary; pick one or ask an admin to add it',
  },
  'error.tag.retiredInUse': {
    'zh-CN': '标签“{value}”已停用，不能再添加到客户',
    en: 'Tag “{value}” is retired and can no longer be added to a customer',
  },
  'error.tag.renamedTo': {
    'zh-CN': '标签“{value}”已改为“{replacedBy}”，请改用“{replacedBy}”',
    en: 'Tag “{value}” is now “{replacedBy}”; use “{replacedBy}” instead',
  },
  'error.tag.duplicate': {
    'zh-CN': '标签“{value}”重复',
    en: 'Tag “{value}” is given twice',
  },
  'error.recordId.format': {
    'zh-CN': '{field}“{value}”格式错误，应为{prefix}加日期和序号',
    en: '{field} “{value}” is not valid: expected {prefix}, a date and a serial number',
  },
  'error.row.failed': {
    'zh-CN': '服务器未能处理这一行（请求 {requestId}），未保存任何内容，请重新同步',
    en: 'The server could not process this row (request {requestId}); nothing was saved, please sync again',
  },
  'error.reason.required': {
    'zh-CN': '请填写{field}',
    en: 'A {field} is required',
  },
  'error.stageReason.required': {
    'zh-CN': '变更客户类型需要填写原因',
    en: 'Changing the customer stage needs a reason',
  },
  'error.template.fieldRequired': {
    'zh-CN': '表单模板必须包含必填字段{field}',
    en: 'The form template must include the required field {field}',
  },
  'error.template.duplicateField': {
    'zh-CN': '表单模板中字段{field}出现了多次',
    en: 'The form template lists {field} more than once',
  },
  'error.template.noOptions': {
    'zh-CN': '字段{field}至少需要一个选项',
    en: '{field} needs at least one option',
  },
  'error.template.optionsNotAllowed': {
    'zh-CN': '{field}不是选择类字段，不能设置选项',
    en: '{field} is not a choice field and cannot have options',
  },
  'error.template.duplicateOption': {
    'zh-CN': '{field}的选项值“{value}”出现了多次',
    en: '{field} lists the option value “{value}” more than once',
  },
  'error.template.unknownField': {
    'zh-CN': '{field}“{value}”不是已知的客户字段',
    en: '{field} “{value}” is not a known customer field',
  },
  'error.template.idFormat': {
    'zh-CN': '{field}格式错误：应为2-41位小写字母、数字或减号，且以字母或数字开头',
    en: '{field} is not valid: 2–41 lowercase letters, digits or hyphens, starting with a letter or digit',
  },
  'error.template.idMismatch': {
    'zh-CN': '{field}“{value}”与请求地址中的“{expected}”不一致',
    en: '{field} “{value}” does not match “{expected}” in the request address',
  },
  // ── HTTP and server answers ─────────────────────────────────────────────
  'http.badRequest': { 'zh-CN': '请求格式错误：{detail}', en: 'Malformed request: {detail}' },
  'http.badHeader': {
    'zh-CN': '请求头 {header} 的格式不正确',
    en: 'The {header} header of the request is malformed',
  },
  'http.bodyNotObject': {
    'zh-CN': '请求正文须为 JSON 对象',
    en: 'the body must be a JSON object',
  },
  'http.unauthorized': {
    'zh-CN': '未登录或登录已失效，请重新登录',
    en: 'Not signed in, or the sign-in has expired; please sign in again',
  },
  'http.forbidden': { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  'query.filterForbidden': {
    'zh-CN': '您无权按“{field}”搜索或筛选',
    en: 'You may not search or filter by {field}',
  },
  'query.unknown': { 'zh-CN': '未知参数{name}', en: 'unknown parameter {name}' },
  'query.repeated': {
    'zh-CN': '参数{name}只能给一次',
    en: 'parameter {name} may be given only once',
  },
  'http.notFound': { 'zh-CN': '找不到{what}', en: '{what} not found' },
  'http.conflict': { 'zh-CN': '操作冲突：{detail}', en: 'Conflict: {detail}' },
  'http.payloadTooLarge': {
    'zh-CN': '请求内容过大，不能超过{max}字节',
    en: 'The request is too large: at most {max} bytes',
  },
  'http.unsupportedMediaType': {
    'zh-CN': '请求正文须为 JSON：Content-Type 应为 application/json',
    en: 'The request body must be JSON: Content-Type must be application/json',
  },
  'http.rateLimited': {
    'zh-CN': '登录失败次数过多，请{seconds}秒后再试',
    en: 'Too many failed sign-ins; try again in {seconds} seconds',
  },
  'http.signInUnavailable': {
    'zh-CN': '暂时无法验证登录（无法连接身份提供方），请{seconds}秒后再试',
    en: 'The sign-in cannot be checked right now (the identity provider cannot be reached); try again in {seconds} seconds',
  },
  'http.busy': {
    'zh-CN': '服务器繁忙，暂时无法保存，请{seconds}秒后再试',
    en: 'The server is busy and cannot save this right now; try again in {seconds} seconds',
  },
  'http.internal': {
    'zh-CN': '服务器内部错误，请稍后再试（编号 {requestId}）',
    en: 'Internal server error; please try again later (reference {requestId})',
  },
  'sync.duplicate': {
    'zh-CN': '与已有客户{id}重复（{fields}相同），请勿重复录入',
    en: 'Duplicate of existing customer {id} (same {fields})',
  },
  'sync.forbidden': {
    'zh-CN': '您没有权限修改客户{id}',
    en: 'You are not allowed to change customer {id}',
  },
  'sync.forbiddenField': {
    'zh-CN': '您没有权限修改{field}',
    en: 'You are not allowed to change {field}',
  },
  'sync.notFound': { 'zh-CN': '客户{id}不存在', en: 'Customer {id} does not exist' },

  // ── the sync client in a sheet (shared/core/sync-client) ──────────────────
  'syncClient.conflictNote': {
    'zh-CN': '与服务器上的修改冲突：服务器上为“{theirs}”，请在侧边栏中选择保留哪一个',
    en: 'Conflicts with a change on the server, which has “{theirs}”; choose which to keep in the sidebar',
  },
  'syncClient.gone': {
    'zh-CN': '此客户已不在您的可见范围内，此行的修改无法同步',
    en: 'This customer is no longer visible to you; the changes in this row cannot be synced',
  },
  'syncClient.failure.network': {
    'zh-CN': '无法连接同步服务器，同步进度已保存，请稍后再次同步',
    en: 'Cannot reach the sync server; progress is saved, please sync again later',
  },
  'ui.server.unreachable': {
    'zh-CN': '无法连接同步服务器，请检查网络后重试',
    en: 'Cannot reach the sync server; check the network and try again',
  },
  'syncClient.failure.unauthorized': {
    'zh-CN': '同步服务器不接受当前登录，请重新登录或请管理员检查您的令牌',
    en: 'The sync server does not accept this sign-in; sign in again or ask the admin to check your token',
  },
  'syncClient.failure.forbidden': {
    'zh-CN': '您没有同步客户数据的权限',
    en: 'You are not allowed to sync customer data',
  },
  'syncClient.failure.server': {
    'zh-CN': '同步服务器出错（状态 {status}），同步进度已保存，请稍后再次同步',
    en: 'The sync server failed (status {status}); progress is saved, please sync again later',
  },
  'syncClient.failure.protocol': {
    'zh-CN': '无法识别同步服务器的回答（状态 {status}），请确认服务器地址是否正确',
    en: 'The sync server’s answer was not understood (status {status}); check the server address',
  },

  // ── the Google Sheets add-on (addon-sheets) ─────────────────────────────
  'sheets.menu.title': { 'zh-CN': '客户信息', en: 'Customers' },
  'sheets.menu.open': { 'zh-CN': '打开侧边栏', en: 'Open the sidebar' },
  'sheets.menu.sync': { 'zh-CN': '立即同步', en: 'Sync now' },
  'sheets.menu.setServer': { 'zh-CN': '设置服务器地址…', en: 'Set the server address…' },
  'sheets.menu.setToken': { 'zh-CN': '设置 API 令牌…', en: 'Set an API token…' },
  'sheets.sheetName': { 'zh-CN': '客户', en: 'Customers' },
  'sheets.sidebarTitle': { 'zh-CN': '客户信息', en: 'Customers' },
  'sheets.column.recordId': { 'zh-CN': '记录编号（系统）', en: 'Record ID (system)' },
  'sheets.column.checkpoint': { 'zh-CN': '同步检查点（系统）', en: 'Sync checkpoint (system)' },
  'sheets.column.state': { 'zh-CN': '同步状态（系统）', en: 'Sync state (system)' },
  'sheets.prompt.server': {
    'zh-CN': '同步服务器地址（以 https:// 开头），本文档的所有用户共用',
    en: 'The sync server address (starting with https://), shared by everyone using this document',
  },
  'sheets.prompt.token': {
    'zh-CN': '管理员发给您的 API 令牌，只保存在您自己的账号中；留空则改用 Google 登录',
    en: 'The API token your admin gave you, kept in your own account only; leave it empty to sign in with Google',
  },
  'sheets.serverUrl.invalid': {
    'zh-CN': '服务器地址格式错误，应以 https:// 开头，例如 https://crm.example.com',
    en: 'The server address is malformed; it must start with https://, e.g. https://crm.example.com',
  },
  'sheets.serverUrl.notAllowed': {
    'zh-CN': '此地址不在加载项允许访问的地址（{allowed}）之内，请联系管理员重新构建加载项',
    en: 'This address is outside the addresses the add-on may reach ({allowed}); ask the admin to rebuild the add-on',
  },
  'sheets.serverUrl.notSet': {
    'zh-CN': '尚未设置同步服务器地址，请管理员在菜单“客户信息 → 设置服务器地址”中设置',
    en: 'No sync server address yet; the admin sets it in the menu Customers → Set the server address',
  },
  'sheets.serverUrl.saved': {
    'zh-CN': '服务器地址已保存：{url}',
    en: 'Server address saved: {url}',
  },
  'sheets.token.saved': { 'zh-CN': 'API 令牌已保存', en: 'API token saved' },
  'sheets.token.cleared': {
    'zh-CN': '已清除 API 令牌，将改用 Google 登录',
    en: 'API token cleared; Google sign-in is used instead',
  },
  'sheets.sync.busy': {
    'zh-CN': '另一次同步正在进行，请稍后再试',
    en: 'Another sync is under way; please try again shortly',
  },
  'sheets.sync.summary': {
    'zh-CN':
      '同步完成：新建待审核 {pending}，已更新 {applied}，已合并 {merged}，冲突 {conflicts}，无效 {invalid}，重复 {duplicates}，拉取 {pulled}',
    en: 'Synced: {pending} new pending review, {applied} updated, {merged} merged, {conflicts} conflicts, {invalid} invalid, {duplicates} duplicates, {pulled} pulled',
  },
  'sheets.sync.continueLater': {
    'zh-CN': '本次同步只完成了一部分，进度已保存，请再次同步以继续',
    en: 'This sync did part of the work and saved its progress; sync again to continue',
  },
  'sheets.placeholder': {
    'zh-CN':
      '侧边栏尚未构建：请先运行 npm run build，再运行 npm run build:sheets 和 npm run deploy:sheets',
    en: 'The sidebar has not been built: run npm run build, then npm run build:sheets and npm run deploy:sheets',
  },
  'review.reasonRequired': {
    'zh-CN': '驳回时必须填写原因',
    en: 'A reason is required to reject',
  },
  'template.changed': {
    'zh-CN': '表单模板已被他人修改（当前为第{version}版，您编辑的是第{given}版），请刷新后再保存',
    en: 'Someone else changed the form template (it is now version {version}; you edited version {given}); reload it and save again',
  },
  'review.notPending': {
    'zh-CN': '客户{id}当前状态为{status}，不在审核中',
    en: 'Customer {id} is {status}, not awaiting review',
  },
  'review.notSubmittable': {
    'zh-CN': '客户{id}当前状态为{status}，只有草稿或已驳回的客户可以提交审核',
    en: 'Customer {id} is {status}: only a draft or a rejected customer can be submitted for review',
  },
  'review.statusChanged': {
    'zh-CN': '客户{id}的状态刚刚变为{status}，请刷新后再审核',
    en: 'Customer {id} has just become {status}; refresh before deciding',
  },
  'review.sameApprover': {
    'zh-CN': '重要客户的第二次审批必须由另一位主管完成',
    en: 'The second approval of an important customer must come from a different supervisor',
  },
  'review.tooManyResubmissions': {
    'zh-CN': '已被驳回{count}次，不能再次提交',
    en: 'Rejected {count} times already; it cannot be submitted again',
  },
  'unmask.reasonRequired': {
    'zh-CN': '查看明文必须填写原因',
    en: 'A reason is required to see values in clear',
  },
  // ── audit verification and the audit CLI ────────────────────────────────
  'audit.problem.hash_mismatch': {
    'zh-CN': '记录内容与其哈希不符',
    en: "the entry's content does not match its hash",
  },
  'audit.problem.prev_hash_mismatch': {
    'zh-CN': '记录未链接到上一条记录',
    en: 'the entry does not link to the one before it',
  },
  'audit.problem.sequence_gap': {
    'zh-CN': '此序号之前缺少记录',
    en: 'entries are missing before this seq',
  },
  'audit.problem.out_of_order': {
    'zh-CN': '序号重复或倒退',
    en: 'the seq repeats or goes backwards',
  },
  'auditCli.usage': {
    'zh-CN':
      '用法：\n  npm run audit -- pull --server <地址> [--token <令牌>] --out <文件.jsonl> [--from <时间>] [--to <时间>] [--actor <用户ID>] [--action <操作>] [--record <记录ID>]\n  npm run audit -- verify <文件.jsonl> [--checkpoints <文件>] [--public-key <文件>]\n令牌也可通过环境变量 CRM_TOKEN 提供。',
    en: 'Usage:\n  npm run audit -- pull --server <url> [--token <token>] --out <file.jsonl> [--from <time>] [--to <time>] [--actor <user id>] [--action <action>] [--record <record id>]\n  npm run audit -- verify <file.jsonl> [--checkpoints <file>] [--public-key <file>]\nThe token may also come from the CRM_TOKEN environment variable.',
  },
  'auditCli.badArguments': { 'zh-CN': '参数错误：{detail}', en: 'Bad arguments: {detail}' },
  'auditCli.missingToken': {
    'zh-CN': '缺少令牌：请使用 --token 或设置环境变量 CRM_TOKEN',
    en: 'No token: pass --token or set CRM_TOKEN',
  },
  'auditCli.unreachable': {
    'zh-CN': '无法连接 {url}：{detail}',
    en: 'Cannot reach {url}: {detail}',
  },
  'auditCli.httpError': {
    'zh-CN': '{url} 返回 {status}：{detail}',
    en: '{url} answered {status}: {detail}',
  },
  'auditCli.interrupted': {
    'zh-CN': '从 {url} 下载时中断，未写入文件',
    en: 'The download from {url} broke off; no file was written',
  },
  'auditCli.pulled': {
    'zh-CN':
      '已下载 {count} 条审计记录到 {file}，{checkpoints} 个签名检查点到 {checkpointsFile}，公钥到 {keyFile}',
    en: 'Pulled {count} audit entries to {file}, {checkpoints} signed checkpoints to {checkpointsFile}, the public key to {keyFile}',
  },
  'auditCli.filteredPull': {
    'zh-CN': '注意：按操作人、操作或记录筛选的文件不是连续的链，无法离线校验',
    en: 'Note: a file filtered by actor, action or record is not a continuous chain and cannot be verified offline',
  },
  'auditCli.readFailed': {
    'zh-CN': '无法读取 {file}：{detail}',
    en: 'Cannot read {file}: {detail}',
  },
  'auditCli.writeFailed': {
    'zh-CN': '无法写入 {file}：{detail}',
    en: 'Cannot write {file}: {detail}',
  },
  'auditCli.noOutFolder': {
    'zh-CN': '输出文件夹 {folder} 不存在：请先创建它，或用 --out 指定其他位置',
    en: 'The output folder {folder} does not exist: create it, or give --out another place',
  },
  'auditCli.noSuchFile': { 'zh-CN': '文件不存在', en: 'no such file' },
  'auditCli.noPermission': { 'zh-CN': '没有访问权限', en: 'permission denied' },
  'auditCli.isFolder': { 'zh-CN': '这是文件夹，不是文件', en: 'it is a folder, not a file' },
  'auditCli.badLine': {
    'zh-CN': '{file} 第 {line} 行（序号 {seq}）不是有效的审计记录',
    en: '{file} line {line} (seq {seq}) is not a valid audit entry',
  },
  'auditCli.empty': { 'zh-CN': '{file} 中没有审计记录', en: '{file} holds no audit entries' },
  'auditCli.chainBroken': {
    'zh-CN': '{file}：审计链在序号 {seq} 处断裂：{detail}（{problem}）',
    en: '{file}: the chain breaks at seq {seq}: {detail} ({problem})',
  },
  'auditCli.checkpointSignature': {
    'zh-CN': '序号 {seq} 的签名检查点签名无效（bad_signature）',
    en: 'The signed checkpoint at seq {seq} has an invalid signature (bad_signature)',
  },
  'auditCli.checkpointMismatch': {
    'zh-CN': '序号 {seq} 的签名检查点与该记录的哈希不符（checkpoint_mismatch）',
    en: 'The signed checkpoint at seq {seq} does not match the entry hash there (checkpoint_mismatch)',
  },
  'auditCli.verified': {
    'zh-CN':
      '{file}：{count} 条记录（序号 {first}–{last}）校验通过，核对了 {checkpoints} 个签名检查点（公钥 ID {keyId}）',
    en: '{file}: {count} entries (seq {first}–{last}) verify, with {checkpoints} signed checkpoints checked (key ID {keyId})',
  },
  'auditCli.noCheckpoint': {
    'zh-CN': '注意：文件范围内没有签名检查点，审计链自洽但未经签名确认',
    en: 'Note: no signed checkpoint falls within the file; the chain is consistent but not anchored by a signature',
  },
  'auditCli.unanchored': {
    'zh-CN': '注意：序号 {seq} 之后的记录尚无签名检查点覆盖',
    en: 'Note: entries after seq {seq} are not yet covered by a signed checkpoint',
  },
  'auditCli.checkpointPastEnd': {
    'zh-CN':
      '序号 {seq} 的签名检查点位于文件最后一条记录（序号 {last}）之后：序号 {last} 之后的记录缺失（truncated）',
    en: 'The signed checkpoint at seq {seq} lies past the last entry in the file (seq {last}): the entries after seq {last} are missing (truncated)',
  },
  'auditCli.headMissing': {
    'zh-CN': '文件从序号 {first} 开始，但下载时未指定开始时间：之前的记录缺失（truncated）',
    en: 'The file starts at seq {first} although its pull had no start time: the entries before it are missing (truncated)',
  },
  'auditCli.pastRangeEnd': {
    'zh-CN':
      '注意：此文件只下载到 {to}，序号 {last} 之后的 {count} 个签名检查点不在文件范围内，未核对',
    en: 'Note: this file was pulled up to {to}; {count} signed checkpoints after seq {last} lie outside it and were not checked',
  },
  // ── admin: users, roles, field rules, tokens ────────────────────────────
  'field.roleId': { 'zh-CN': '角色', en: 'Role' },
  'field.roleName': { 'zh-CN': '角色名称', en: 'Role name' },
  'field.locale': { 'zh-CN': '界面语言', en: 'Interface language' },
  'field.active': { 'zh-CN': '启用状态', en: 'Active' },
  'field.label': { 'zh-CN': '令牌名称', en: 'Token label' },
  'field.access': { 'zh-CN': '字段权限', en: 'Field access' },
  'field.actions': { 'zh-CN': '可执行操作', en: 'Actions' },
  'field.rowScope': { 'zh-CN': '数据范围', en: 'Row scope' },
  'field.defaultFieldAccess': { 'zh-CN': '默认字段权限', en: 'Default field access' },
  'field.fieldAccess': { 'zh-CN': '字段权限规则', en: 'Field rules' },
  'error.role.beyondOwn': {
    'zh-CN': '不能分配角色“{value}”：它含有您自己没有的管理或审计权限，请由能管理角色的管理员分配',
    en: 'You cannot give role “{value}”: it has admin or audit permissions your own role lacks; an admin who manages roles must give it',
  },
  'error.role.unknown': {
    'zh-CN': '{field}“{value}”不存在，请先创建该角色',
    en: '{field} “{value}” does not exist; create the role first',
  },
  'error.user.emailTaken': {
    'zh-CN': '{field}“{value}”已被其他用户使用',
    en: '{field} “{value}” is already used by another user',
  },
  'error.id.mismatch': {
    'zh-CN': '{field}“{value}”与请求地址中的“{expected}”不一致',
    en: '{field} “{value}” does not match “{expected}” in the address',
  },
  'error.admin.lockout': {
    'zh-CN':
      '已拒绝：此更改会使没有任何启用的用户能够管理角色（或能登录来管理），请先让另一位能登录的用户拥有该权限（{field}）',
    en: 'Refused: after this change no active user could manage roles (or sign in to do so); first give that permission to another user who can sign in ({field})',
  },
  'admin.what.user': { 'zh-CN': '用户“{id}”', en: 'User “{id}”' },
  'admin.what.role': { 'zh-CN': '角色“{id}”', en: 'Role “{id}”' },
  'admin.what.token': { 'zh-CN': 'API 令牌“{id}”', en: 'API token “{id}”' },
  // ── tag vocabulary: rename, merge, retire (SPEC 4) ──────────────────────
  'field.tag': { 'zh-CN': '标签', en: 'Tag' },
  'field.to': { 'zh-CN': '新标签名', en: 'New tag name' },
  'field.into': { 'zh-CN': '合并到的标签', en: 'Tag to merge into' },
  'option.tagStatus.active': { 'zh-CN': '使用中', en: 'Active' },
  'option.tagStatus.retired': { 'zh-CN': '已停用', en: 'Retired' },
  'option.tagStatus.renamed': { 'zh-CN': '已改名', en: 'Renamed' },
  'option.tagStatus.merged': { 'zh-CN': '已合并', en: 'Merged' },
  'error.tag.notFound': {
    'zh-CN': '标签库中没有标签“{value}”',
    en: 'There is no tag “{value}” in the vocabulary',
  },
  'error.tag.exists': {
    'zh-CN': '标签“{value}”已存在，不能改名为它；要把两个标签合为一个，请使用“合并”',
    en: 'Tag “{value}” already exists, so nothing can be renamed to it; to make the two tags one, merge them instead',
  },
  'error.tag.existsAlike': {
    'zh-CN': '标签“{value}”已存在，“{given}”与它视为同一标签，无需再添加',
    en: 'Tag “{value}” already exists, and “{given}” counts as the same tag: there is nothing to add',
  },
  'error.tag.same': {
    'zh-CN': '新标签名“{value}”与原标签相同',
    en: 'The new name “{value}” is the same as the tag',
  },
  'error.tag.mergeSelf': {
    'zh-CN': '不能把标签“{value}”合并到它自己',
    en: 'Tag “{value}” cannot be merged into itself',
  },
  'error.tag.replaced': {
    'zh-CN': '标签“{value}”已被“{replacedBy}”取代，请改为操作“{replacedBy}”',
    en: 'Tag “{value}” has been replaced by “{replacedBy}”; use “{replacedBy}” instead',
  },
  'error.tag.retired': {
    'zh-CN': '标签“{value}”已停用，不能作为合并目标',
    en: 'Tag “{value}” is retired and cannot be merged into',
  },
  'http.fieldProblem': { 'zh-CN': '{field}：{detail}', en: '{field}: {detail}' },
  // ── API document (GET /openapi.json) and its page (GET /docs) ─────────────
  'api.title': { 'zh-CN': '客户信息同步服务接口', en: 'Customer information sync server API' },
  'api.description': {
    'zh-CN':
      '表格插件与同步服务之间的接口。除标明“公开”的接口外，请求需带 Authorization: Bearer 令牌（API 令牌、Google ID 令牌或 Microsoft 访问令牌）。错误统一以 error 对象返回：code、用调用方语言写明字段和问题的 message，以及逐字段的 fields。',
    en: 'The interface between the spreadsheet add-ons and the sync server. Except where marked public, requests carry Authorization: Bearer with an API token, a Google ID token or a Microsoft access token. Errors come back as one error object: a code, a message naming the field and the problem in the caller’s language, and per-field fields.',
  },
  'api.auth.bearer': {
    'zh-CN': 'API 令牌、Google ID 令牌或 Microsoft 访问令牌',
    en: 'An API token, a Google ID token or a Microsoft access token',
  },
  'api.auth.public': { 'zh-CN': '公开，无需登录', en: 'Public, no sign-in' },
  'api.auth.signedIn': { 'zh-CN': '任何已登录用户', en: 'Any signed-in user' },
  'api.auth.permission': {
    'zh-CN': '需要以下任一权限：{actions}',
    en: 'Needs one of these permissions: {actions}',
  },
  'api.response.ok': { 'zh-CN': '成功', en: 'Success' },
  'api.response.badRequest': {
    'zh-CN': '请求有误，fields 逐项写明字段和问题',
    en: 'Bad request; fields names each field and its problem',
  },
  'api.response.unauthorized': { 'zh-CN': '未登录或登录已失效', en: 'Not signed in' },
  'api.response.forbidden': { 'zh-CN': '没有所需权限', en: 'Lacks the permission' },
  'api.response.error': { 'zh-CN': '其他错误，格式相同', en: 'Any other error, same shape' },
  'api.health': { 'zh-CN': '服务是否在运行', en: 'Whether the server is up' },
  'api.openapi': { 'zh-CN': '本接口文档（OpenAPI 3.1）', en: 'This API document (OpenAPI 3.1)' },
  'api.docs': { 'zh-CN': '本接口文档的网页版', en: 'This API document as a web page' },
  'api.me': {
    'zh-CN': '当前用户及其角色（侧边栏打开时调用，记录登录）',
    en: 'The caller and their role (called when a sidebar opens; audited as a sign-in)',
  },
  'api.forms.list': { 'zh-CN': '表单模板列表', en: 'The form templates' },
  'api.forms.save': {
    'zh-CN': '保存表单模板（版本号加一，已存数据不变）',
    en: 'Save a form template (its version goes up; stored data is untouched)',
  },
  'api.regions': {
    'zh-CN': '省市区级联：不带 parent 为省份，带 parent 为其下级',
    en: 'The region cascade: provinces, or the children of parent',
  },
  'api.tags.list': {
    'zh-CN': '标签库，含已改名、已合并、已停用的标签',
    en: 'The tag vocabulary, renamed, merged and retired tags included',
  },
  'api.tags.add': {
    'zh-CN': '新增标签（或恢复已停用的标签）',
    en: 'Add a tag (or bring a retired one back)',
  },
  'api.tags.rename': {
    'zh-CN': '标签改名，所有带此标签的客户同步改名',
    en: 'Rename a tag on every customer that carries it',
  },
  'api.tags.merge': {
    'zh-CN': '把标签合并到另一个已有标签，所有客户同步替换并去重',
    en: 'Merge a tag into another existing tag on every customer, without repeats',
  },
  'api.tags.retire': {
    'zh-CN': '停用标签：已有客户保留，新数据不能再选',
    en: 'Retire a tag: customers keep it, new data cannot choose it',
  },
  'api.admin.users.list': { 'zh-CN': '用户列表', en: 'The users' },
  'api.admin.users.save': { 'zh-CN': '新建或修改用户', en: 'Create or change a user' },
  'api.admin.roles.list': { 'zh-CN': '角色列表', en: 'The roles' },
  'api.admin.roles.save': { 'zh-CN': '新建或修改角色', en: 'Create or change a role' },
  'api.admin.roles.field': {
    'zh-CN': '修改角色的一条字段权限',
    en: 'Change one field rule of a role',
  },
  'api.admin.tokens.list': { 'zh-CN': '用户的 API 令牌', en: 'A user’s API tokens' },
  'api.admin.tokens.create': {
    'zh-CN': '为用户创建 API 令牌（令牌只返回这一次）',
    en: 'Create an API token for a user (the token is answered only this once)',
  },
  'api.admin.tokens.revoke': { 'zh-CN': '吊销 API 令牌', en: 'Revoke an API token' },
  'api.sync.push': {
    'zh-CN': '推送一批修改，逐条返回结果',
    en: 'Push a batch of changes; each gets its own outcome',
  },
  'api.sync.pull': {
    'zh-CN': '拉取某检查点之后变化的客户',
    en: 'Pull the customers changed after a checkpoint',
  },
  'api.sync.events': {
    'zh-CN':
      '变更通知（server-sent events）：连接时及任一服务实例上有客户变化时发送 changed 事件，数据为最新检查点，收到后拉取；空闲时每 15 秒发送一次心跳注释',
    en: 'Change notices (server-sent events): a changed event carrying the latest checkpoint on connecting and whenever customers change on any server instance, to pull on; a heartbeat comment every 15 s when idle',
  },
  'api.customers.get': { 'zh-CN': '按编号读取客户', en: 'Read a customer by ID' },
  'api.customers.list': {
    'zh-CN': '按条件搜索客户，分页',
    en: 'Search customers by conditions, in pages',
  },
  'api.customers.export': {
    'zh-CN': '按条件导出客户为 CSV 文件（敏感字段脱敏），并记入审计日志',
    en: 'Export the customers a filter finds as a CSV file (sensitive fields masked), audited',
  },
  'api.customers.submit': {
    'zh-CN': '提交（或驳回后重新提交）审核',
    en: 'Submit for review, or resubmit after a rejection',
  },
  'api.customers.review': {
    'zh-CN': '审核通过或驳回（驳回须写原因）',
    en: 'Approve or reject (a rejection needs a reason)',
  },
  'api.customers.unmask': {
    'zh-CN': '查看脱敏字段的明文（须写原因，留审计）',
    en: 'See masked fields in clear (needs a reason; audited)',
  },
  'api.settings.importantRule': {
    'zh-CN': '查看重要客户规则（哪些客户需要主管二次审批）',
    en: 'The important-customer rule (which customers need a second approval)',
  },
  'api.settings.setImportantRule': {
    'zh-CN': '修改重要客户规则：客户等级、预算区间或金额下限',
    en: 'Change the important-customer rule: levels, budget bands or a minimum amount',
  },
  'api.review.queue': { 'zh-CN': '审核队列', en: 'The review queue' },
  'api.audit.list': {
    'zh-CN': '按时间、操作人等拉取审计日志（JSON、JSONL 或 CSV）',
    en: 'Pull the audit log by time, actor and more (JSON, JSONL or CSV)',
  },
  'api.audit.verify': { 'zh-CN': '校验审计链', en: 'Verify the audit chain' },
  'api.audit.checkpoints': { 'zh-CN': '签名检查点', en: 'The signed checkpoints' },
  'api.audit.publicKey': {
    'zh-CN': '检查点签名公钥（PEM）',
    en: 'The checkpoint signing public key (PEM)',
  },
  'docs.parameters': { 'zh-CN': '参数', en: 'Parameters' },
  'docs.requestBody': { 'zh-CN': '请求体', en: 'Request body' },
  'docs.responses': { 'zh-CN': '响应', en: 'Responses' },
  'docs.required': { 'zh-CN': '必填', en: 'required' },
  'docs.auth': { 'zh-CN': '权限', en: 'Access' },
  'docs.machineReadable': {
    'zh-CN': '机器可读版本：{url}',
    en: 'Machine-readable version: {url}',
  },

  // ── sidebar (shared/ui) ─────────────────────────────────────────────────
  'ui.title': { 'zh-CN': '客户信息', en: 'Customers' },
  'ui.language': { 'zh-CN': '界面语言', en: 'Language' },
  'ui.loading': { 'zh-CN': '正在加载…', en: 'Loading…' },
  'ui.failed': { 'zh-CN': '操作未成功，请重试', en: 'That did not work; please try again' },
  'ui.retry': { 'zh-CN': '重试', en: 'Try again' },
  'ui.refresh': { 'zh-CN': '刷新', en: 'Refresh' },
  'ui.back': { 'zh-CN': '返回', en: 'Back' },
  'ui.save': { 'zh-CN': '保存', en: 'Save' },
  'ui.cancel': { 'zh-CN': '取消', en: 'Cancel' },
  'ui.choose': { 'zh-CN': '请选择', en: 'Choose' },
  'ui.yes': { 'zh-CN': '是', en: 'Yes' },
  'ui.masked': {
    'zh-CN': '已脱敏：你的角色只能看到部分内容',
    en: 'Masked: your role sees only part of it',
  },
  'ui.maskedBadge': { 'zh-CN': '脱敏', en: 'masked' },
  'ui.noHost': {
    'zh-CN': '此页面需要在表格插件中打开（Google 表格或 Excel）',
    en: 'Open this page from the spreadsheet add-on (Google Sheets or Excel)',
  },
  'ui.signInFailed': {
    'zh-CN': '无法登录同步服务：{detail}',
    en: 'Could not sign in to the sync server: {detail}',
  },
  'ui.signedInAs': { 'zh-CN': '{name}（{role}）', en: '{name} ({role})' },
  'ui.noPanels': {
    'zh-CN': '你的角色在侧边栏中没有可用的功能',
    en: 'Your role has nothing to do in the sidebar',
  },
  'ui.tab.entry': { 'zh-CN': '录入', en: 'Entry' },
  'ui.tab.tags': { 'zh-CN': '标签', en: 'Tags' },
  'ui.tab.sync': { 'zh-CN': '同步', en: 'Sync' },
  'ui.tab.review': { 'zh-CN': '审核', en: 'Review' },
  'ui.tab.admin': { 'zh-CN': '管理', en: 'Admin' },
  'ui.server.label': { 'zh-CN': '同步服务地址', en: 'Sync server address' },
  'ui.server.save': { 'zh-CN': '保存地址', en: 'Save address' },
  'ui.server.invalid': {
    'zh-CN': '同步服务地址格式错误，应以 https:// 开头',
    en: 'The sync server address must start with https://',
  },
  'ui.server.askAdmin': {
    'zh-CN': '本文档尚未设置同步服务地址，请联系管理员',
    en: 'This document has no sync server address yet; ask your admin',
  },
  'ui.signIn.title': { 'zh-CN': '登录同步服务', en: 'Sign in to the sync server' },
  'ui.signIn.microsoft': { 'zh-CN': '使用 Microsoft 账号登录', en: 'Sign in with Microsoft' },
  'ui.signIn.or': {
    'zh-CN': '或使用管理员签发的 API 令牌',
    en: 'or use an API token from your admin',
  },
  'ui.signIn.tokenLabel': { 'zh-CN': 'API 令牌', en: 'API token' },
  'ui.signIn.tokenHint': {
    'zh-CN': '令牌只保存在本机，不随工作簿共享',
    en: 'The token stays on this computer; it is not saved in the workbook',
  },
  'ui.signIn.tokenSave': { 'zh-CN': '使用令牌登录', en: 'Sign in with the token' },
  'ui.signIn.tokenEmpty': { 'zh-CN': 'API 令牌：请填写', en: 'API token: enter one' },
  'ui.signIn.rejected': {
    'zh-CN': '登录未被同步服务接受：{detail}',
    en: 'The sync server did not accept the sign-in: {detail}',
  },
  'ui.signOut': { 'zh-CN': '退出登录', en: 'Sign out' },
  'excel.signIn.cancelled': {
    'zh-CN': '登录窗口已关闭，尚未登录',
    en: 'The sign-in window was closed before signing in',
  },
  'excel.signIn.unavailable': {
    'zh-CN': '此 Excel 无法在这里使用 Microsoft 登录，请使用 API 令牌',
    en: 'This Excel cannot sign in with Microsoft here; use an API token',
  },
  'excel.signIn.failed': {
    'zh-CN': 'Microsoft 登录失败：{detail}',
    en: 'Microsoft sign-in failed: {detail}',
  },
  'excel.notExcel': {
    'zh-CN': '此页面是 Excel 插件的任务窗格，请在 Excel 中打开',
    en: 'This page is the Excel add-in’s task pane; open it in Excel',
  },
  'ui.region.province': { 'zh-CN': '省/直辖市', en: 'Province' },
  'ui.region.city': { 'zh-CN': '市', en: 'City' },
  'ui.region.district': { 'zh-CN': '区/县', en: 'District' },
  'ui.entry.new': { 'zh-CN': '新客户', en: 'New customer' },
  'ui.entry.row': { 'zh-CN': '第{row}行 · {id}', en: 'Row {row} · {id}' },
  'ui.entry.useSelection': { 'zh-CN': '读取选中行', en: 'Use selected row' },
  'ui.entry.newButton': { 'zh-CN': '新建', en: 'New' },
  'ui.entry.template': { 'zh-CN': '登记表', en: 'Form' },
  'ui.entry.noTemplate': {
    'zh-CN': '没有可用的登记表，请联系管理员',
    en: 'There is no form to fill in; ask your admin',
  },
  'ui.entry.locked': {
    'zh-CN': '该客户状态为“{status}”，不能在此修改',
    en: 'This customer is “{status}” and cannot be changed here',
  },
  'ui.entry.submit': { 'zh-CN': '提交审核', en: 'Submit for review' },
  'ui.entry.submitting': { 'zh-CN': '正在提交…', en: 'Submitting…' },
  'ui.entry.rejectedBecause': {
    'zh-CN': '审核未通过，原因：{reason}',
    en: 'Rejected in review: {reason}',
  },
  'ui.entry.resubmit': { 'zh-CN': '重新提交审核', en: 'Resubmit for review' },
  'ui.entry.pending': {
    'zh-CN': '已提交，客户编号 {id}，等待审核',
    en: 'Submitted as {id}; waiting for review',
  },
  'ui.entry.possibleDuplicates': {
    'zh-CN': '可能与这些客户重复，审核员会核对：{ids}',
    en: 'May duplicate these customers; the reviewer will check: {ids}',
  },
  'ui.entry.next': { 'zh-CN': '录入下一位', en: 'Enter the next one' },
  'ui.entry.saved': { 'zh-CN': '已保存：{id}', en: 'Saved: {id}' },
  'ui.entry.existing': { 'zh-CN': '已有客户：', en: 'Existing customer:' },
  'ui.entry.invalid': {
    'zh-CN': '有{count}处需要修改，请查看标红的字段',
    en: '{count} problems to fix; see the fields marked in red',
  },
  'ui.entry.conflict': {
    'zh-CN': '客户{id}已被他人修改了相同字段，请在“同步”页逐项选择保留哪个值',
    en: 'Someone else changed the same fields of {id}; choose what to keep on the Sync tab',
  },
  'ui.tags.chosen': { 'zh-CN': '已选标签', en: 'Chosen tags' },
  'ui.tags.remove': { 'zh-CN': '移除标签“{tag}”', en: 'Remove tag “{tag}”' },
  'ui.tags.typePlaceholder': {
    'zh-CN': '输入标签，如 区域-华东',
    en: 'Type a tag, e.g. 区域-华东',
  },
  'ui.tags.add': { 'zh-CN': '添加', en: 'Add' },
  'ui.tags.retired': {
    'zh-CN': '标签“{value}”已停用，不能再选择',
    en: 'Tag “{value}” is retired and can no longer be chosen',
  },
  'ui.tags.noRow': { 'zh-CN': '未选中客户行', en: 'No customer row selected' },
  'ui.tags.hint': {
    'zh-CN': '在表格中选中一位客户所在的行，再点“读取选中行”；新客户的标签在“录入”页选择',
    en: 'Select a customer’s row in the sheet, then “Use selected row”; tag a new customer on the Entry tab',
  },
  'ui.tags.write': { 'zh-CN': '写入选中行', en: 'Write to the row' },
  'ui.tags.written': {
    'zh-CN': '已写入第{row}行，同步后生效',
    en: 'Written to row {row}; it takes effect at the next sync',
  },
  'ui.tags.vocabularyAdd': { 'zh-CN': '向标签库添加标签', en: 'Add a tag to the vocabulary' },
  'ui.tags.added': { 'zh-CN': '已添加标签“{tag}”', en: 'Added tag “{tag}”' },
  'ui.sync.run': { 'zh-CN': '立即同步', en: 'Sync now' },
  'ui.sync.running': { 'zh-CN': '正在同步…', en: 'Syncing…' },
  'ui.sync.done': {
    'zh-CN': '同步完成（检查点 {checkpoint}）',
    en: 'Sync finished (checkpoint {checkpoint})',
  },
  'ui.sync.incomplete': {
    'zh-CN': '本次同步未全部完成，请再同步一次以继续',
    en: 'This sync did not finish everything; sync again to continue',
  },
  'ui.sync.failed': { 'zh-CN': '同步中断：{detail}', en: 'Sync stopped: {detail}' },
  'ui.sync.applied': { 'zh-CN': '已保存', en: 'Applied' },
  'ui.sync.merged': { 'zh-CN': '已合并', en: 'Merged' },
  'ui.sync.conflicts': { 'zh-CN': '冲突', en: 'Conflicts' },
  'ui.sync.invalid': { 'zh-CN': '格式错误', en: 'Invalid' },
  'ui.sync.duplicates': { 'zh-CN': '重复', en: 'Duplicates' },
  'ui.sync.pendingReview': { 'zh-CN': '待审核', en: 'Pending review' },
  'ui.sync.forbidden': { 'zh-CN': '无权限', en: 'Not allowed' },
  'ui.sync.pulled': { 'zh-CN': '已拉取', en: 'Pulled' },
  'ui.sync.editedDuring': {
    'zh-CN': '同步期间修改的行已保留，下次同步时推送：{rows}',
    en: 'Rows edited during the sync were kept and go with the next sync: {rows}',
  },
  'ui.sync.invalidRows': { 'zh-CN': '需要修改的行', en: 'Rows to fix' },
  'ui.sync.duplicateRows': { 'zh-CN': '重复的行', en: 'Duplicate rows' },
  'ui.sync.forbiddenRows': { 'zh-CN': '无权限的行', en: 'Rows not allowed' },
  'ui.sync.rowNumber': { 'zh-CN': '第{row}行', en: 'Row {row}' },
  'ui.sync.conflictTitle': {
    'zh-CN': '第{row}行 {id}：与服务器上的修改冲突',
    en: 'Row {row} {id}: conflicts with a change on the server',
  },
  'ui.sync.yours': { 'zh-CN': '表格中的值（我的）', en: 'In the sheet (yours)' },
  'ui.sync.theirs': { 'zh-CN': '服务器上的值（他人的）', en: 'On the server (theirs)' },
  'ui.sync.blank': { 'zh-CN': '（空）', en: '(blank)' },
  'ui.sync.resolve': { 'zh-CN': '按所选保存', en: 'Keep what I chose' },
  'ui.review.queue': { 'zh-CN': '待审核 {count} 条', en: '{count} waiting for review' },
  'ui.review.queueMore': {
    'zh-CN': '待审核已显示 {count} 条，还有更多',
    en: '{count} waiting for review shown, more to come',
  },
  'ui.review.more': { 'zh-CN': '加载更多', en: 'Load more' },
  'ui.review.empty': { 'zh-CN': '没有待审核的客户', en: 'Nothing waits for review' },
  'ui.review.duplicatesBadge': { 'zh-CN': '疑似重复 {count}', en: '{count} possible duplicates' },
  'ui.review.possibleDuplicates': { 'zh-CN': '疑似重复的客户', en: 'Possible duplicates' },
  'ui.review.noDuplicates': { 'zh-CN': '未发现疑似重复', en: 'No possible duplicates found' },
  'ui.review.reason': {
    'zh-CN': '审核意见（驳回时必填）',
    en: 'Comment (required to reject)',
  },
  'ui.review.approve': { 'zh-CN': '通过', en: 'Approve' },
  'ui.review.reject': { 'zh-CN': '驳回', en: 'Reject' },
  'ui.review.decided': { 'zh-CN': '{id}：{status}', en: '{id}: {status}' },
  'ui.admin.users': { 'zh-CN': '用户', en: 'Users' },
  'ui.admin.fields': { 'zh-CN': '字段权限', en: 'Field rules' },
  'ui.admin.tokens': { 'zh-CN': '令牌', en: 'Tokens' },
  'ui.admin.newUser': { 'zh-CN': '新建用户', en: 'New user' },
  'ui.admin.userId': { 'zh-CN': '用户编号', en: 'User ID' },
  'ui.admin.active': { 'zh-CN': '允许登录', en: 'May sign in' },
  'ui.admin.inactive': { 'zh-CN': '已停用', en: 'Inactive' },
  'ui.admin.userSaved': { 'zh-CN': '已保存用户“{name}”', en: 'Saved user “{name}”' },
  'ui.admin.field': { 'zh-CN': '字段', en: 'Field' },
  'ui.admin.defaultAccess': {
    'zh-CN': '未单独设置的字段：{access}',
    en: 'Fields without their own rule: {access}',
  },
  'ui.admin.tokenUser': { 'zh-CN': '用户', en: 'User' },
  'ui.admin.noTokens': { 'zh-CN': '该用户没有 API 令牌', en: 'This user has no API tokens' },
  'ui.admin.revoked': { 'zh-CN': '已吊销', en: 'revoked' },
  'ui.admin.revoke': { 'zh-CN': '吊销', en: 'Revoke' },
  'ui.admin.tokenLabel': {
    'zh-CN': '令牌用途，如“张三的笔记本”',
    en: 'What it is for, e.g. “Ann’s laptop”',
  },
  'ui.admin.createToken': { 'zh-CN': '创建令牌', en: 'Create token' },
  'ui.admin.tokenOnce': {
    'zh-CN': '令牌只显示这一次，请立即复制保存',
    en: 'The token is shown only this once; copy it now',
  },
  'action.customer.create': { 'zh-CN': '新建客户', en: 'Create customers' },
  'action.customer.read': { 'zh-CN': '查看客户', en: 'Read customers' },
  'action.customer.update': { 'zh-CN': '修改客户', en: 'Edit customers' },
  'action.customer.submit': { 'zh-CN': '提交审核', en: 'Submit for review' },
  'action.customer.review': { 'zh-CN': '审核', en: 'Review' },
  'action.customer.approveSecond': { 'zh-CN': '二次审批', en: 'Second approval' },
  'action.customer.unmask': { 'zh-CN': '查看脱敏前的数据', en: 'See masked data in clear' },
  'action.customer.export': { 'zh-CN': '导出', en: 'Export' },
  'action.customer.merge': { 'zh-CN': '合并重复客户', en: 'Merge duplicates' },
  'action.customer.archive.request': { 'zh-CN': '申请归档', en: 'Ask to archive' },
  'action.customer.archive.approve': { 'zh-CN': '批准归档', en: 'Approve archiving' },
  'action.changeRequest.create': { 'zh-CN': '提交变更申请', en: 'Request changes' },
  'action.changeRequest.approveGeneral': { 'zh-CN': '批准一般变更', en: 'Approve general changes' },
  'action.changeRequest.approveImportant': {
    'zh-CN': '批准重要变更',
    en: 'Approve important changes',
  },
  'action.draft.save': { 'zh-CN': '暂存草稿', en: 'Save drafts' },
  'action.attachment.upload': { 'zh-CN': '上传附件', en: 'Upload attachments' },
  'action.followUp.create': { 'zh-CN': '添加跟进记录', en: 'Add follow-ups' },
  'action.serviceRequest.create': { 'zh-CN': '登记服务需求', en: 'Log service requests' },
  'action.survey.create': { 'zh-CN': '录入满意度调查', en: 'Record surveys' },
  'action.tag.apply': { 'zh-CN': '打标签', en: 'Apply tags' },
  'action.report.read': { 'zh-CN': '查看统计', en: 'Read statistics' },
  'action.report.quality': { 'zh-CN': '查看数据质量', en: 'Read data quality' },
  'action.admin.users': { 'zh-CN': '管理用户', en: 'Manage users' },
  'action.admin.roles': { 'zh-CN': '管理角色与字段权限', en: 'Manage roles and field rules' },
  'action.admin.templates': { 'zh-CN': '管理登记表', en: 'Manage form templates' },
  'action.admin.tags': { 'zh-CN': '管理标签', en: 'Manage tags' },
  'action.admin.settings': { 'zh-CN': '系统设置', en: 'System settings' },
  'action.audit.read': { 'zh-CN': '查看审计日志', en: 'Read the audit log' },
  'action.audit.verify': { 'zh-CN': '校验审计日志', en: 'Verify the audit log' },
  'ui.admin.roles': { 'zh-CN': '角色', en: 'Roles' },
  'ui.admin.rowScope': { 'zh-CN': '可见的客户', en: 'Customers it reaches' },
  'ui.admin.actions': { 'zh-CN': '可执行的操作', en: 'What it may do' },
  'ui.admin.defaultRule': { 'zh-CN': '未单独设置的字段', en: 'Fields without their own rule' },
  'ui.admin.saveRole': { 'zh-CN': '保存角色', en: 'Save role' },
  'ui.admin.roleSaved': { 'zh-CN': '已保存角色“{name}”', en: 'Saved role “{name}”' },
  'ui.admin.newRole': { 'zh-CN': '以此为模板新建角色', en: 'New role from this one' },
  'ui.admin.roleId': { 'zh-CN': '角色编号（英文字母开头）', en: 'Role ID (starts with a letter)' },
  'ui.admin.roleNameZh': { 'zh-CN': '中文名称', en: 'Chinese name' },
  'ui.admin.roleNameEn': { 'zh-CN': '英文名称', en: 'English name' },
  'ui.scope.none': { 'zh-CN': '无', en: 'None' },
  'ui.scope.own': { 'zh-CN': '本人负责的', en: 'Their own' },
  'ui.scope.team': { 'zh-CN': '本团队的', en: 'Their team’s' },
  'ui.scope.all': { 'zh-CN': '全部', en: 'All' },
  'ui.access.edit': { 'zh-CN': '编辑', en: 'Edit' },
  'ui.access.view': { 'zh-CN': '查看', en: 'View' },
  'ui.access.masked': { 'zh-CN': '脱敏', en: 'Masked' },
  'ui.access.hidden': { 'zh-CN': '隐藏', en: 'Hidden' },

  // ── playground ──────────────────────────────────────────────────────────
  'api.playground': {
    'zh-CN': '试用页：侧边栏与浏览器内的表格，连接本服务',
    en: 'The playground: the sidebar beside an in-browser sheet, on this server',
  },
  'api.excelPage': {
    'zh-CN': 'Excel 插件的任务窗格页与 Microsoft 登录对话框页',
    en: 'The Excel add-in’s task pane page and its Microsoft sign-in dialog page',
  },
  'api.excelScript': {
    'zh-CN': 'Excel 插件页面的脚本',
    en: 'The scripts of the Excel add-in’s pages',
  },
  'api.excelManifest': {
    'zh-CN': 'Excel 插件清单（XML），用于旁加载或集中部署',
    en: 'The Excel add-in manifest (XML), to sideload or deploy centrally',
  },
  'api.excelAsset': { 'zh-CN': 'Excel 插件的图标', en: 'The Excel add-in’s icons' },
  'excel.notBuilt': {
    'zh-CN': 'Excel 插件尚未构建，请先运行 npm run build:excel（npm start 会自动构建）',
    en: 'The Excel add-in is not built yet: run npm run build:excel (npm start builds it for you)',
  },
  'playground.notBuilt': {
    'zh-CN': '试用页尚未构建，请先运行 npm run build（npm start 会自动构建）',
    en: 'The playground is not built yet: run npm run build (npm start builds it for you)',
  },
  'playground.title': { 'zh-CN': '客户信息 · 试用', en: 'Customers · Playground' },
  'playground.intro': {
    'zh-CN': '选择一个演示角色：左边是表格，右边是插件侧边栏，数据保存在本机的同步服务中。',
    en: 'Pick a demo role: the sheet is on the left, the add-on sidebar on the right, and the data lives on this sync server.',
  },
  'playground.introNoDemo': {
    'zh-CN': '演示用户未开启（npm start 会开启）。请粘贴管理员给你的 API 令牌。',
    en: 'Demo users are off (npm start turns them on). Paste an API token your admin gave you.',
  },
  'playground.chooseUser': { 'zh-CN': '以谁的身份试用', en: 'Try it as' },
  'playground.pasteToken': { 'zh-CN': '或粘贴 API 令牌', en: 'or paste an API token' },
  'playground.useToken': { 'zh-CN': '使用令牌', en: 'Use token' },
  'playground.showTokens': { 'zh-CN': '演示用户的令牌', en: 'Demo users’ tokens' },
  'playground.noToken': {
    'zh-CN': '请选择演示角色或粘贴令牌',
    en: 'Pick a demo role or paste a token',
  },
  'playground.addRow': { 'zh-CN': '添加一行', en: 'Add a row' },
  'playground.gridHint': {
    'zh-CN': '点击单元格可编辑；灰色列是插件隐藏的同步列',
    en: 'Click a cell to edit it; grey columns are the sync columns the add-on hides',
  },
  'playground.emptySheet': {
    'zh-CN': '表格是空的：点“同步”拉取服务器上的客户，或添加一行',
    en: 'The sheet is empty: Sync to pull the server’s customers, or add a row',
  },
  'playground.hiddenColumn': {
    'zh-CN': '在表格插件中是隐藏列',
    en: 'A hidden column in the add-ins',
  },
  'playground.meta.recordId': { 'zh-CN': '记录编号', en: 'Record ID' },
  'playground.meta.checkpoint': { 'zh-CN': '检查点', en: 'Checkpoint' },
  'playground.meta.state': { 'zh-CN': '同步状态', en: 'Sync state' },
} as const satisfies Record<string, Entry>;

export type MessageKey = keyof typeof messages;
