// The Microsoft sign-in dialog (dist/addon-excel/sign-in.html), opened by the task pane with
// Office's dialog API where nested app authentication is not available: MSAL signs the user
// in by redirect, then the token goes back to the task pane with `messageParent`.
import { PublicClientApplication } from '@azure/msal-browser';
import type { DialogMessage } from './microsoft-sign-in';
import { readPageConfig } from './page-config';

function send(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

async function signIn(): Promise<void> {
  await Office.onReady();
  const { microsoft } = readPageConfig(document);
  if (microsoft === null) {
    send({ type: 'error', message: 'Microsoft sign-in is not set up on this server' });
    return;
  }
  try {
    const msal = new PublicClientApplication({
      auth: {
        clientId: microsoft.clientId,
        authority: microsoft.authority,
        redirectUri: `${window.location.origin}${window.location.pathname}`,
      },
      cache: { cacheLocation: 'sessionStorage' },
    });
    await msal.initialize();
    const result = await msal.handleRedirectPromise();
    if (result !== null) {
      send({
        type: 'token',
        accessToken: result.accessToken,
        expiresAt: result.expiresOn?.getTime() ?? 0,
      });
      return;
    }
    await msal.acquireTokenRedirect({ scopes: microsoft.scopes });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

void signIn();
