import { join } from 'node:path';
import { createApp } from './app';
import { loadOrCreateCheckpointSigner, startCheckpointJob } from './audit/checkpoint-signer';
import { signerFromSetting } from './audit/signing-key-setting';
import { createFailureLimiter } from './auth/sign-in-rate-limit';
import { createGoogleVerifier } from './auth/google-id-token';
import { createMicrosoftVerifier } from './auth/microsoft-token';
import { loadConfig, type Config } from './config/config';
import type { KeyRing } from './crypto/key-ring';
import { loadDataKeys } from './crypto/load-data-keys';
import { openChangeFeed } from './events/change-feed';
import { listen, type NodeServer } from './listen';
import type { ServerDeps } from './http/deps';
import { bootstrap } from './people/bootstrap';
import { seedDemoCustomers } from './playground/demo-customers';
import { seedDemoUsers } from './playground/demo-users';
import type { Database } from './storage/database';
import { migrate } from './storage/migrate';
import { openDatabase, storageStartMessage } from './storage/open-database';

/** Builds everything the server needs from validated settings. */
export async function startServer(config: Config): Promise<{
  deps: ServerDeps;
  adminToken: string | undefined;
  close: () => Promise<void>;
  port: number;
}> {
  const storage = { databaseUrl: config.DATABASE_URL, dataDir: config.dataDir };
  // A database that cannot be reached or opened is the operator's setting to fix: say which.
  const named = (error: unknown): unknown => {
    const message = storageStartMessage(error, storage);
    return message === undefined ? error : new Error(message);
  };
  const db = await openDatabase(storage).catch((error: unknown) => {
    throw named(error);
  });
  let keyRing: KeyRing;
  try {
    await migrate(db).catch((error: unknown) => {
      throw named(error);
    });
    // After migrating: whether the database is set up decides whether a key file may be created.
    keyRing = await loadDataKeys(db, {
      keyFile: join(config.dataDir, 'data.key'),
      envValue: config.CRM_DATA_KEY,
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  const first = await bootstrap(db, {
    adminEmail: config.CRM_BOOTSTRAP_ADMIN_EMAIL,
    adminToken: config.CRM_BOOTSTRAP_ADMIN_TOKEN,
    now: new Date(),
  });
  try {
    return { ...(await serveLibrary(config, db, keyRing)), adminToken: first?.adminToken };
  } catch (error) {
    await db.close();
    // The first admin's token is stored only as a hash: unless the failure carries it to be
    // printed, nobody could ever sign in.
    throw new StartError(error, first?.adminToken);
  }
}

/** A start that failed after the bootstrap, with the first admin's token if it created one. */
class StartError extends Error {
  readonly adminToken: string | undefined;

  constructor(cause: unknown, adminToken: string | undefined) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'StartError';
    this.adminToken = adminToken;
  }
}

async function serveLibrary(
  config: Config,
  db: Database,
  keyRing: KeyRing,
): Promise<{ deps: ServerDeps; close: () => Promise<void>; port: number }> {
  const demoUsers = config.CRM_PLAYGROUND ? await seedDemoUsers(db, new Date()) : undefined;
  const verifiers: ServerDeps['verifiers'] = {};
  if (config.CRM_GOOGLE_AUDIENCE !== undefined) {
    verifiers.google = createGoogleVerifier({
      audience: config.CRM_GOOGLE_AUDIENCE,
      ...(config.CRM_GOOGLE_CERTS_URL === undefined
        ? {}
        : { certsUrl: config.CRM_GOOGLE_CERTS_URL }),
    });
  }
  if (
    config.CRM_MS_JWKS_URL !== undefined &&
    config.CRM_MS_ISSUER !== undefined &&
    config.CRM_MS_AUDIENCE !== undefined
  ) {
    verifiers.microsoft = createMicrosoftVerifier({
      jwksUrl: config.CRM_MS_JWKS_URL,
      issuer: config.CRM_MS_ISSUER,
      audience: config.CRM_MS_AUDIENCE,
    });
  }
  const deps: ServerDeps = {
    config,
    db,
    keyRing,
    verifiers,
    auditSigner:
      config.CRM_AUDIT_SIGNING_KEY === undefined
        ? loadOrCreateCheckpointSigner(config.dataDir)
        : signerFromSetting(config.CRM_AUDIT_SIGNING_KEY),
    changes: await openChangeFeed(db),
    limiter: createFailureLimiter({
      maxFailures: config.CRM_SIGNIN_MAX_FAILURES,
      windowMs: config.CRM_SIGNIN_WINDOW_SECONDS * 1000,
    }),
    now: () => new Date(),
    ...(demoUsers === undefined ? {} : { demoUsers }),
  };
  const app = createApp(deps);
  if (demoUsers !== undefined) await seedDemoCustomers(app, db, demoUsers);
  let server: NodeServer;
  try {
    server = await listen(app.fetch, config.PORT, config.HOST);
  } catch (error) {
    deps.changes.close();
    throw error;
  }
  const checkpoints = startCheckpointJob(db, deps.auditSigner, config.CRM_AUDIT_CHECKPOINT_SECONDS);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.PORT;
  return {
    deps,
    port,
    close: async () => {
      checkpoints.stop();
      await checkpoints.idle();
      // Open event streams end first: the server waits for every connection before it closes.
      deps.changes.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A connection whose last answer has gone (an ended stream) would otherwise be kept open
      // for its keep-alive time; requests still in flight are let finish.
      const sweep = setInterval(() => closeIdle(server), 50);
      closeIdle(server);
      await closed;
      clearInterval(sweep);
      await db.close();
    },
  };
}

function closeIdle(server: NodeServer): void {
  if ('closeIdleConnections' in server) server.closeIdleConnections();
}

async function main(): Promise<void> {
  // `--playground` (what `npm start` passes) is the explicit way to turn on demo users.
  const playground = process.argv.includes('--playground') ? { CRM_PLAYGROUND: 'true' } : {};
  const loaded = loadConfig({ ...process.env, ...playground });
  if (!loaded.ok) {
    // Said in both languages: the admin reading it may read either.
    console.error(
      `同步服务无法启动，请修改以下设置 / The server cannot start; fix these settings:\n  ${loaded.errors.join('\n  ')}`,
    );
    process.exit(1);
  }
  const config = loaded.config;
  let started: Awaited<ReturnType<typeof startServer>>;
  try {
    started = await startServer(config);
  } catch (error) {
    if (error instanceof StartError) printFirstAdmin(config, error.adminToken);
    throw error;
  }
  const { adminToken, port, close } = started;
  // Stop taking requests, let the ones in flight finish, close the database, then exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  console.log(
    `sync-server listening on http://${loaded.config.HOST}:${port} (${
      loaded.config.DATABASE_URL === undefined
        ? `data in ${loaded.config.dataDir}`
        : 'data in PostgreSQL (DATABASE_URL)'
    })`,
  );
  if (loaded.config.CRM_PLAYGROUND) {
    console.log(
      `Playground mode (CRM_PLAYGROUND): demo users per role, their tokens on http://${loaded.config.HOST}:${port}/playground`,
    );
  }
  printFirstAdmin(config, adminToken);
}

function printFirstAdmin(config: Config, adminToken: string | undefined): void {
  if (adminToken !== undefined && config.CRM_BOOTSTRAP_ADMIN_TOKEN === undefined) {
    // Shown once, on the first start only (even when that start fails later on); the server
    // keeps just its hash.
    console.log(
      `First admin created (${config.CRM_BOOTSTRAP_ADMIN_EMAIL}). Its API token, shown only now:\n  ${adminToken}`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(process.argv[1], 'file:').href) {
  main().catch((error: unknown) => {
    console.error(
      `同步服务未能启动 / The server could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
