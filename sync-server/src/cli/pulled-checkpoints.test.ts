import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainEntries, type AuditInput } from '../audit/audit-log';
import { checkpointMessage, createCheckpointSigner } from '../audit/checkpoint-signer';
import { genesisHash } from '../audit/verify-chain';
import { checkPulledCheckpoints, type PulledCheckpoints } from './pulled-checkpoints';

const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
const input = (i: number): AuditInput => ({
  actorId: 'u-sales',
  actorRole: 'sales',
  ip: '10.0.0.7',
  userAgent: 'Excel',
  client: 'excel',
  action: 'customer.create',
  recordId: `CUS2025030100${String(i).padStart(2, '0')}`,
  fields: [],
  outcome: 'success',
  detail: null,
});
const entries = chainEntries(
  { seq: 0, hash: genesisHash },
  Array.from({ length: 10 }, (_, i) => input(i + 1)),
  new Date('2025-03-01T08:00:00Z'),
);
const sign = (seq: number) => {
  const unsigned = {
    seq,
    headHash: entries[seq - 1]?.hash ?? '',
    signedAt: '2025-03-01T09:00:00.000Z',
  };
  return { ...unsigned, keyId: signer.keyId, signature: signer.sign(checkpointMessage(unsigned)) };
};

/** A file holding entries 1–7 (the log had 10), with signed checkpoints at 5 and 10. */
function cutFile(over: Partial<PulledCheckpoints> = {}): PulledCheckpoints {
  return {
    checkpoints: [sign(10), sign(5)],
    scope: {},
    publicKeyPem: signer.publicKeyPem,
    seen: new Map([[5, entries[4]?.hash ?? '']]),
    first: 1,
    last: 7,
    ...over,
  };
}

describe('checkPulledCheckpoints', () => {
  it('fails a whole-log pull when a signed checkpoint lies past its last entry', () => {
    expect(checkPulledCheckpoints(cutFile())).toEqual({
      ok: false,
      seq: 10,
      problem: 'truncated',
    });
  });

  it('accepts checkpoints past the end of a pull that stopped at a time, and counts them', () => {
    expect(checkPulledCheckpoints(cutFile({ scope: { to: '2025-03-01T08:07:00Z' } }))).toEqual({
      ok: true,
      inFile: [sign(5)],
      pastEnd: 1,
    });
    expect(checkPulledCheckpoints(cutFile({ scope: { actor: 'u-sales' } }))).toMatchObject({
      ok: true,
    });
  });

  it('calls a checkpoint past the end with a bad signature forged, not proof of a cut', () => {
    const forged = { ...sign(10), headHash: 'c'.repeat(64) };
    expect(checkPulledCheckpoints(cutFile({ checkpoints: [sign(5), forged] }))).toEqual({
      ok: false,
      seq: 10,
      problem: 'bad_signature',
    });
  });

  it('passes a whole file whose last checkpoint lies within it', () => {
    const whole = cutFile({
      last: 10,
      seen: new Map([5, 10].map((seq) => [seq, entries[seq - 1]?.hash ?? ''])),
    });
    expect(checkPulledCheckpoints(whole)).toMatchObject({ ok: true, pastEnd: 0 });
  });
});
