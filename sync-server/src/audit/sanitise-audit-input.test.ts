import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../shared/core/sync/mutation-outcome';
import { enterpriseRow, makeTestServer } from '../../../test/support/test-server';
import { migrate } from '../storage/migrate';
import { openSqliteDatabase } from '../storage/sqlite-database';
import { appendAudit, type AuditInput, type AuditRow, entryFromRow } from './audit-log';
import { sanitiseAuditInput } from './sanitise-audit-input';
import { verifyStoredChain } from './verify-chain';

const dir = mkdtempSync(join(tmpdir(), 'crm-audit-sanitise-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const input: AuditInput = {
  actorId: 'u-admin',
  actorRole: 'admin',
  ip: '10.0.0.7',
  userAgent: 'Excel',
  client: 'excel',
  action: 'user.update',
  recordId: null,
  fields: [{ field: 'displayName', oldValue: '张伟', newValue: '张伟' }],
  outcome: 'success',
  detail: null,
};

describe('sanitiseAuditInput', () => {
  it('replaces every lone surrogate with U+FFFD and keeps pairs', () => {
    const out = sanitiseAuditInput({
      ...input,
      userAgent: 'UA\udc00',
      detail: 'x\ud800y 😀',
      fields: [
        { field: 'ok', newValue: 'fine' },
        { field: 'x\ud800y', oldValue: '\udfff', newValue: 'a\ud83d' },
      ],
    });
    expect(out).toMatchObject({
      userAgent: 'UA\ufffd',
      detail: 'x\ufffdy 😀',
      fields: [
        { field: 'ok', newValue: 'fine' },
        { field: 'x\ufffdy', oldValue: '\ufffd', newValue: 'a\ufffd' },
      ],
    });
  });

  it('replaces a NUL, which PostgreSQL cannot store, with U+FFFD', () => {
    const out = sanitiseAuditInput({
      ...input,
      userAgent: 'UA\u0000',
      detail: 'a\u0000b',
      fields: [{ field: 'name', newValue: '上海\u0000华信' }],
    });
    expect(out).toMatchObject({
      userAgent: 'UA\ufffd',
      detail: 'a\ufffdb',
      fields: [{ field: 'name', newValue: '上海\ufffd华信' }],
    });
  });

  it('masks contact data typed into the detail and into field values, not the names', () => {
    const out = sanitiseAuditInput({
      ...input,
      detail: '手机号13987654321与名片不符，邮箱li.na@example.com无效',
      fields: [
        { field: 'remarks', oldValue: '身份证11010519900307002X', newValue: '改用13912345678' },
        { field: 'mobile', newValue: '139****5678' },
      ],
    });
    expect(out.detail).toBe('手机号139****4321与名片不符，邮箱l***@example.com无效');
    expect(out.fields).toEqual([
      { field: 'remarks', oldValue: '身份证110105********002X', newValue: '改用139****5678' },
      { field: 'mobile', newValue: '139****5678' },
    ]);
  });

  it('gives a well-formed input back as it is, fields array and all', () => {
    expect(sanitiseAuditInput(input)).toBe(input);
    const fields = [{ field: 'detail', newValue: 'ok' }];
    expect(sanitiseAuditInput({ ...input, userAgent: '\ud800', fields }).fields).toBe(fields);
  });
});

describe('free text with contact data', () => {
  it('reaches the log masked: a review reason, an unmask reason, a remark in a push', async () => {
    const server = await makeTestServer();
    try {
      const push = await server.call('sales', 'POST', '/v1/sync/push', {
        clientId: 'c',
        mutations: [
          {
            mutationId: 'scrub-000001',
            fields: { ...enterpriseRow(1), demand: '联系李娜13987654321或li.na@example.com' },
          },
        ],
      });
      const [outcome] = (push.body as unknown as PushResponse).outcomes;
      if (outcome?.status !== 'pending_review') throw new Error(JSON.stringify(outcome));
      const id = outcome.recordId;
      const review = await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
        decision: 'reject',
        reason: '手机号13912345678与名片不符，邮箱contact1@example.com无效',
      });
      expect(review.status).toBe(200);
      const unmask = await server.call('supervisor', 'POST', `/v1/customers/${id}/unmask`, {
        fields: ['mobile'],
        reason: '客户来电，身份证11010519900307002X',
      });
      expect(unmask.status).toBe(200);

      const log = JSON.stringify(await server.db.all('SELECT detail, fields FROM audit_log'));
      for (const clear of [
        '13987654321',
        'li.na@example.com',
        '13912345678',
        'contact1@example.com',
        '11010519900307002X',
      ]) {
        expect(log).not.toContain(clear);
      }
      expect(log).toContain('联系李娜139****4321或l***@example.com');
      expect(log).toContain('手机号139****5678与名片不符，邮箱c***@example.com无效');
      expect(log).toContain('客户来电，身份证110105********002X');
      const verify = await server.call('auditor', 'GET', '/v1/audit/verify');
      expect(verify.body).toMatchObject({ ok: true });
    } finally {
      await server.close();
    }
  });
});

describe('an entry with a lone surrogate', () => {
  it('is stored exactly as it was hashed, so the chain still verifies', async () => {
    const db = await openSqliteDatabase(join(dir, 'crm.sqlite'));
    try {
      await migrate(db);
      const [written] = await db.write((tx) =>
        appendAudit(
          tx,
          [
            {
              ...input,
              userAgent: 'UA\udc00',
              detail: '理由\ud800',
              fields: [{ field: 'displayName', oldValue: '张\ud800', newValue: '伟\udfff' }],
            },
          ],
          new Date('2025-03-01T08:00:00Z'),
        ),
      );
      const stored = await db.all<AuditRow>('SELECT * FROM audit_log');
      expect(stored.map(entryFromRow)).toEqual([written]);
      expect(written?.detail).toBe('理由\ufffd');
      expect(await verifyStoredChain(db)).toMatchObject({ ok: true, checked: 1 });
    } finally {
      await db.close();
    }
  });

  it('sent through the API (a field name, review and unmask reasons) leaves the chain whole', async () => {
    const server = await makeTestServer();
    try {
      // JSON allows "\ud800": a field name or a reason can carry one into an entry.
      const push = async (as: 'entryClerk' | 'sales', mutationId: string, extra: object) => {
        const res = await server.app.request('/v1/sync/push', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${server.tokens[as]}`,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            clientId: 'sheet-1',
            mutations: [{ mutationId, fields: { ...enterpriseRow(), ...extra } }],
          }),
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { outcomes: { recordId?: string }[] }).outcomes[0];
      };
      await push('entryClerk', 'surrogate-01', { 'x\ud800y': 'z' });
      const id = (await push('sales', 'surrogate-02', {}))?.recordId ?? '';
      const review = await server.call('reviewer', 'POST', `/v1/customers/${id}/review`, {
        decision: 'reject',
        reason: '名片不符\ud800',
      });
      expect(review.status).toBe(200);
      const unmask = await server.call('supervisor', 'POST', `/v1/customers/${id}/unmask`, {
        fields: ['mobile'],
        reason: '客户来电\udfff',
      });
      expect(unmask.status).toBe(200);
      const rows = await server.db.all<{ detail: string | null }>(
        "SELECT detail FROM audit_log WHERE action IN ('customer.review', 'customer.unmask')",
      );
      expect(rows).toEqual([{ detail: '名片不符\ufffd' }, { detail: '客户来电\ufffd' }]);
      const verify = await server.call('auditor', 'GET', '/v1/audit/verify');
      expect(verify.body).toMatchObject({ ok: true });
    } finally {
      await server.close();
    }
  });
});
