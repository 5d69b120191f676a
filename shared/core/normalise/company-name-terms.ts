// The word lists that parseCompanyName recognises. They are matched after normaliseText,
// toSimplified and the removal of punctuation other than brackets, so they are written that way:
// half-width brackets, simplified characters, lower-case latin without dots or commas.

/**
 * Organisation forms (组织形式) that end a registered name. 集团 is deliberately absent: 华信集团 is
 * the group itself, a different legal person from 华信有限公司, so it stays in the name's key.
 */
export const organisationForms: readonly string[] = [
  '合伙企业(特殊普通合伙)',
  '合伙企业(普通合伙)',
  '合伙企业(有限合伙)',
  '(特殊普通合伙)',
  '(普通合伙)',
  '(有限合伙)',
  '股份有限公司',
  '有限责任公司',
  '个人独资企业',
  '股份合作公司',
  '个体工商户',
  '合伙企业',
  '有限公司',
  '股份公司',
  '合作社',
  '公司',
];

/** Latin organisation forms; they count only as a separate word (so Zinc keeps its inc). */
export const latinOrganisationForms: readonly string[] = [
  'company limited',
  'co ltd',
  'coltd',
  'pte ltd',
  'limited',
  'ltd',
  'incorporated',
  'inc',
  'llc',
  'corporation',
  'corp',
  'gmbh',
  'plc',
];

/**
 * Endings that make a branch (分支机构) of the company named before them: a branch is its own
 * record, so 华信科技有限公司北京分公司 is not a duplicate of 华信科技有限公司.
 */
export const branchSuffixes: readonly string[] = [
  '分公司',
  '分行',
  '支行',
  '分店',
  '分厂',
  '分所',
  '营业部',
  '办事处',
  '代表处',
];

/**
 * Common industry terms (行业) between trade name and form. They only decide where the trade name
 * ends (for similarity and for not mistaking 黄山科技 for the region 黄山); the key keeps them, so the
 * list can stay incomplete without merging 华信科技 and 华信贸易.
 */
export const industryTerms: readonly string[] = [
  '科技 技术 信息技术 信息科技 网络科技 网络技术 智能科技 数字科技 数据科技',
  '电子科技 生物科技 生物技术 医疗科技 环保科技 环境科技 新能源科技 教育科技',
  '农业科技 软件 软件技术 计算机 计算机系统 系统 网络 信息 数据 通信 电子',
  '电子商务 电气 电器 机电 机械 设备 仪器 仪表 自动化 智能 制造 精密',
  '五金 模具 材料 新材料 化工 塑胶 塑料 橡胶 钢铁 金属 建设 建筑',
  '建筑工程 工程 装饰 装饰工程 装修 设计 规划 房地产 房地产开发 置业 物业',
  '物业管理 投资 投资管理 投资咨询 资产管理 控股 实业 发展 贸易 商贸',
  '国际贸易 进出口 供应链 供应链管理 物流 运输 货运 快递 咨询 管理咨询',
  '信息咨询 企业管理 管理 服务 企业服务 人力资源 劳务 文化 文化传媒',
  '文化传播 传媒 传播 广告 影视 教育 培训 医药 医疗 医疗器械 生物 健康',
  '健康管理 食品 餐饮 餐饮管理 酒店 酒店管理 旅游 农业 林业 渔业 牧业',
  '茶业 汽车 汽车服务 能源 新能源 电力 光电 照明 环保 环境 纺织 服饰',
  '服装 家具 包装 印刷 安防 半导体 集成电路 银行 保险 证券 基金 金融',
  '金融服务 租赁 融资租赁 航空 集团',
]
  .join(' ')
  .split(' ');
