import { describe, expect, it } from 'vitest';
import { changeImportance, changeRequestSchema } from './change-request';
import { draftExpiry, normaliseResumeCode, resumeCodeSchema } from './draft';
import { followUpSchema } from './follow-up';
import { responseDeadline, serviceRequestSchema } from './service-request';
import { surveySchema } from './survey';

describe('follow-ups, service requests and surveys', () => {
  it('validates a follow-up with its method and next step', () => {
    const parsed = followUpSchema.parse({
      customerId: 'CUS202405010001',
      time: '2024-05-02 14:00:00',
      method: 'phone',
      summary: '电话沟通采购计划',
      nextStepDue: '2024/5/9',
      followedBy: 'u-1',
    });
    expect(parsed.nextStepDue).toBe('2024-05-09');
    expect(followUpSchema.safeParse({ ...parsed, method: 'fax' }).success).toBe(false);
  });

  it('keeps survey scores between 1 and 5', () => {
    const survey = {
      customerId: 'CUS202405010001',
      serviceItem: '安装调试',
      scoreSpeed: '5',
      scoreProfessionalism: 4,
      scoreResolution: 1,
      date: '2024-05-10',
      recorder: 'u-2',
    };
    expect(surveySchema.parse(survey).scoreSpeed).toBe(5);
    expect(surveySchema.safeParse({ ...survey, scoreResolution: 6 }).success).toBe(false);
    expect(surveySchema.safeParse({ ...survey, scoreResolution: 0 }).success).toBe(false);
  });

  it('needs a known request type and urgency', () => {
    const request = {
      customerId: 'CUS202405010001',
      type: 'afterSales',
      description: '设备故障',
      urgency: 'urgent',
      receivedAt: '2024-05-10 09:00:00',
      receiver: 'u-3',
      owner: 'u-4',
    };
    expect(serviceRequestSchema.safeParse(request).success).toBe(true);
    expect(serviceRequestSchema.safeParse({ ...request, urgency: 'asap' }).success).toBe(false);
  });
});

describe('responseDeadline', () => {
  it('gives urgent 2 hours and normal 24 hours', () => {
    const at = new Date('2024-05-10T01:00:00Z');
    expect(responseDeadline('urgent', at).toISOString()).toBe('2024-05-10T03:00:00.000Z');
    expect(responseDeadline('normal', at).toISOString()).toBe('2024-05-11T01:00:00.000Z');
  });

  it('counts 3 working days for long-term requests, skipping the weekend in China time', () => {
    // Friday 2024-05-10 10:00 in Beijing → Wednesday 2024-05-15 10:00.
    expect(responseDeadline('longTerm', new Date('2024-05-10T02:00:00Z')).toISOString()).toBe(
      '2024-05-15T02:00:00.000Z',
    );
    // Friday 23:30 UTC is Saturday 07:30 in Beijing → Wednesday 07:30 Beijing, Tuesday 23:30 UTC.
    expect(responseDeadline('longTerm', new Date('2024-05-10T23:30:00Z')).toISOString()).toBe(
      '2024-05-14T23:30:00.000Z',
    );
  });
});

describe('change requests', () => {
  it('counts name and industry changes as important, contact changes as general', () => {
    expect(changeImportance(['mobile', 'email'])).toBe('general');
    expect(changeImportance(['mobile', 'name'])).toBe('important');
    expect(changeImportance(['industry'])).toBe('important');
  });

  it('needs a reason and at least one change', () => {
    const request = {
      id: 'chg-1',
      customerId: 'CUS202405010001',
      changes: [{ field: 'mobile', oldValue: '13812345678', newValue: '13987654321' }],
      reason: '客户更换手机号',
      importance: 'general',
      status: 'pending',
      requestedBy: 'u-1',
      requestedAt: '2024-05-10 09:00:00',
    };
    expect(changeRequestSchema.safeParse(request).success).toBe(true);
    expect(changeRequestSchema.safeParse({ ...request, reason: '  ' }).success).toBe(false);
    expect(changeRequestSchema.safeParse({ ...request, changes: [] }).success).toBe(false);
    expect(
      changeRequestSchema.safeParse({
        ...request,
        changes: [{ field: 'shoeSize', oldValue: 1, newValue: 2 }],
      }).success,
    ).toBe(false);
  });
});

describe('drafts', () => {
  it('reads a resume code however it is typed, and refuses ambiguous letters', () => {
    expect(normaliseResumeCode(' ab3d-ef7h ')).toBe('AB3DEF7H');
    expect(resumeCodeSchema.parse('ab3d ef7h')).toBe('AB3DEF7H');
    expect(resumeCodeSchema.safeParse('AB3DEF7O').success).toBe(false);
    expect(resumeCodeSchema.safeParse('AB3DEF7').success).toBe(false);
  });

  it('expires 7 days after it was saved', () => {
    expect(draftExpiry(new Date('2024-05-01T08:00:00Z')).toISOString()).toBe(
      '2024-05-08T08:00:00.000Z',
    );
  });
});
