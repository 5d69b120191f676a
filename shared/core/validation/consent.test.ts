import { describe, it, expect } from 'vitest';
import { checkIdConsent } from './consent';

describe('checkIdConsent', () => {
  it('refuses an ID number without consent', () => {
    const refused = { ok: false, code: 'idNumber.consent' };
    expect(checkIdConsent({ idNumber: '11010519491231002X' })).toEqual(refused);
    expect(checkIdConsent({ idNumber: '11010519491231002X', idConsent: false })).toEqual(refused);
    expect(checkIdConsent({ idNumber: '11010519491231002X', idConsent: undefined })).toEqual(
      refused,
    );
  });

  it('accepts an ID number with consent', () => {
    expect(checkIdConsent({ idNumber: '11010519491231002X', idConsent: true })).toEqual({
      ok: true,
      value: true,
    });
  });

  it('does not ask for consent when no ID number is given', () => {
    expect(checkIdConsent({})).toEqual({ ok: true, value: true });
    expect(checkIdConsent({ idNumber: '', idConsent: false })).toEqual({ ok: true, value: true });
    expect(checkIdConsent({ idNumber: '   ' })).toEqual({ ok: true, value: true });
    expect(checkIdConsent({ idNumber: undefined, idConsent: true })).toEqual({
      ok: true,
      value: true,
    });
  });

  it('asks for consent even when the ID number is malformed', () => {
    expect(checkIdConsent({ idNumber: '1234' })).toEqual({ ok: false, code: 'idNumber.consent' });
  });
});
