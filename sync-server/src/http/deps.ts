import type { CheckpointSigner } from '../audit/checkpoint-signer';
import type { FailureLimiter } from '../auth/sign-in-rate-limit';
import type { TokenVerifier } from '../auth/verify-result';
import type { Config } from '../config/config';
import type { KeyRing } from '../crypto/key-ring';
import type { ChangeFeed } from '../events/change-feed';
import type { DemoUser } from '../playground/demo-users';
import type { Database } from '../storage/database';

/** What the routes need, built once at start (or by a test). */
export interface ServerDeps {
  config: Config;
  db: Database;
  keyRing: KeyRing;
  verifiers: { google?: TokenVerifier; microsoft?: TokenVerifier };
  limiter: FailureLimiter;
  auditSigner: CheckpointSigner;
  /** Tells the connected clients of every instance to pull. */
  changes: ChangeFeed;
  now: () => Date;
  /** Playground mode only: the demo users whose tokens the playground page shows. */
  demoUsers?: readonly DemoUser[];
}
