import type { Hono } from 'hono';
import type { AppEnv } from '../http/context';
import type { Database } from '../storage/database';
import type { DemoUser } from './demo-users';

/** Three made-up companies a newcomer finds in the playground on the first start. */
export const demoCustomers: readonly Record<string, unknown>[] = [
  {
    name: '上海华信精密机械有限公司',
    industry: 'manufacturing',
    region: '310115',
    stage: 'interested',
    level: 'medium',
    contactName: '张伟',
    contactTitle: '采购经理',
    mobile: '13912345678',
    email: 'zhangwei@huaxin.example.com',
    demand: '需要采购10台工业机器人',
    expectedDate: '2025-09-01',
    budget: '200kTo500k',
    sources: ['tradeShow'],
    tags: ['区域-华东', '来源-展会'],
  },
  {
    name: '杭州云栖软件科技有限公司',
    industry: 'itServices',
    region: '330106',
    stage: 'prospect',
    contactName: '欧阳娜',
    mobile: '13587654321',
    wechat: 'ouyangna_hz',
    demand: '希望引入客户管理系统并对接现有ERP',
    expectedDate: '2025-12-01',
    sources: ['online'],
    tags: ['区域-华东', '状态-观望'],
  },
  {
    name: '深圳前海启明贸易有限公司',
    industry: 'retail',
    region: '440305',
    stage: 'prospect',
    contactName: '李强',
    mobile: '18688889999',
    email: 'liqiang@qiming.example.com',
    demand: '门店收银设备批量更新，约30套',
    expectedDate: '2025-10-15',
    sources: ['referral'],
    tags: ['区域-华南', '偏好-价格敏感'],
  },
];

/**
 * Playground mode only, on an empty library: the demo entry clerk enters the demo customers
 * through the sync API and the demo reviewer approves the first, so every panel has something
 * to show. Goes through the routes, like any client, so validation, dedupe and audit apply.
 */
export async function seedDemoCustomers(
  app: Hono<AppEnv>,
  db: Database,
  users: readonly DemoUser[],
): Promise<void> {
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM customers');
  if (Number(count?.n ?? 0) > 0) return;
  const clerk = users.find((u) => u.roleId === 'entryClerk');
  const reviewer = users.find((u) => u.roleId === 'reviewer');
  if (clerk === undefined || reviewer === undefined) return;
  const call = async (token: string, method: string, path: string, body: unknown) => {
    const res = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-crm-client': 'web',
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`playground seed: ${method} ${path} answered ${res.status}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const pushed = await call(clerk.token, 'POST', '/v1/sync/push', {
    clientId: 'playground-seed',
    mutations: demoCustomers.map((fields, i) => ({
      mutationId: `playground-seed-${i}`,
      templateId: 'enterprise-domestic',
      fields,
    })),
  });
  const outcomes = pushed['outcomes'] as { status: string; recordId?: string }[];
  const first = outcomes[0];
  if (first?.status === 'pending_review' && first.recordId !== undefined) {
    await call(reviewer.token, 'POST', `/v1/customers/${first.recordId}/review`, {
      decision: 'approve',
    });
  }
}
