// The real server and a fake identity provider in a process of their own, for tests whose
// thread blocks while the server works (the UrlFetchApp fake). Speaks JSON lines: prints
// {ready, port, adminToken} once, then answers {id, sign: claims} with {id, token}.
import { createInterface } from 'node:readline';
import { startIdentityProvider, TEST_AUDIENCE } from '../fakes/identity-provider';
import { startRealServer } from './real-server';

const idp = await startIdentityProvider();
const server = await startRealServer({
  CRM_GOOGLE_AUDIENCE: TEST_AUDIENCE,
  CRM_GOOGLE_CERTS_URL: idp.certsUrl,
});
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
say({ ready: true, port: server.port, adminToken: server.adminToken });

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line) as { id: number; sign?: Record<string, unknown> };
  if (request.sign !== undefined) {
    say({ id: request.id, token: await idp.signGoogleIdToken(request.sign) });
  }
}
// The test closed our stdin: it is done with us.
await server.close();
await idp.close();
process.exit(0);
