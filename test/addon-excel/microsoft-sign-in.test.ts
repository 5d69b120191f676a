import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ExcelHost, settingNames, userKeys } from '../../addon-excel/src/excel-host';
import {
  MicrosoftSignIn,
  type MicrosoftConfig,
  type NestedClient,
} from '../../addon-excel/src/microsoft-sign-in';
import { FakeExcel, FakeSettings } from '../fakes/excel/fake-excel';
import { fakeOffice, FakeUserStore, type FakeOfficeOptions } from '../fakes/excel/fake-office';
import {
  startIdentityProvider,
  TEST_AUDIENCE,
  TEST_MICROSOFT_ISSUER,
  type IdentityProvider,
} from '../fakes/identity-provider';
import { startRealServer, type RealServer } from '../support/real-server';
import { typedRow } from './typed-row';

const config: MicrosoftConfig = {
  clientId: '00000000-1111-2222-3333-444444444444',
  authority: 'https://login.microsoftonline.com/organizations',
  scopes: ['api://crm.example.com/00000000-1111-2222-3333-444444444444/access_as_user'],
};
const dialogUrl = 'https://crm.example.com/excel/sign-in.html';

/** An MSAL nested client that answers from a script: silent fails until a popup succeeded. */
function nestedClient(popup: () => Promise<string>) {
  let signedIn: string | undefined;
  const calls: string[] = [];
  const client: NestedClient = {
    getAllAccounts: () => (signedIn === undefined ? [] : [{ username: 'grace' }]),
    acquireTokenSilent: (request) => {
      calls.push(`silent ${request.scopes.join(' ')} ${request.account === undefined ? '-' : 'a'}`);
      return signedIn === undefined
        ? Promise.reject(new Error('interaction_required'))
        : Promise.resolve({ accessToken: signedIn, expiresOn: new Date(Date.now() + 3600_000) });
    },
    acquireTokenPopup: async (request) => {
      calls.push(`popup ${request.scopes.join(' ')}`);
      signedIn = await popup();
      return { accessToken: signedIn, expiresOn: new Date(Date.now() + 3600_000) };
    },
  };
  return { client, calls };
}

function signInWith(office: FakeOfficeOptions, client?: NestedClient, now = () => Date.now()) {
  const fake = fakeOffice(office);
  const createNestedClient = vi.fn(() =>
    client === undefined ? Promise.reject(new Error('no NAA')) : Promise.resolve(client),
  );
  const signIn = new MicrosoftSignIn({
    config,
    office: fake,
    createNestedClient,
    dialogUrl,
    locale: () => 'zh-CN',
    now,
  });
  return { signIn, office: fake, createNestedClient };
}

/** Waits for the sign-in to open its dialog, then returns it. */
async function openedDialog(office: ReturnType<typeof fakeOffice>) {
  await vi.waitFor(() => expect(office.dialogs.length).toBeGreaterThan(0));
  const dialog = office.dialogs.at(-1);
  if (dialog === undefined) throw new Error('no dialog');
  return dialog;
}

describe('Microsoft sign-in in the task pane', () => {
  it('uses nested app authentication where Office supports it: silent first, a popup when asked', async () => {
    const { client, calls } = nestedClient(() => Promise.resolve('naa-token'));
    const { signIn, office, createNestedClient } = signInWith(
      { sets: { NestedAppAuth: '1.1' } },
      client,
    );
    expect(signIn.available()).toBe(true);
    expect(await signIn.silentToken()).toBe('');
    expect(await signIn.signIn()).toBe('naa-token');
    expect(office.dialogs).toHaveLength(0);
    signIn.signOut();
    // MSAL keeps its account: the token comes back without asking the user.
    expect(await signIn.silentToken()).toBe('naa-token');
    expect(calls).toEqual([
      `silent ${config.scopes[0]} -`,
      `popup ${config.scopes[0]}`,
      `silent ${config.scopes[0]} a`,
    ]);
    expect(createNestedClient).toHaveBeenCalledTimes(1);
  });

  it('falls back to the Office dialog without NAA, and keeps the token until shortly before it expires', async () => {
    let clock = 1_000_000;
    const { signIn, office, createNestedClient } = signInWith({}, undefined, () => clock);
    const token = signIn.signIn();
    const dialog = await openedDialog(office);
    expect(dialog.url).toBe(dialogUrl);
    dialog.messageParent(
      JSON.stringify({ type: 'token', accessToken: 'dialog-token', expiresAt: clock + 600_000 }),
    );
    expect(await token).toBe('dialog-token');
    expect(dialog.open).toBe(false);
    expect(createNestedClient).not.toHaveBeenCalled();

    expect(await signIn.silentToken()).toBe('dialog-token');
    clock += 600_000 - 30_000;
    expect(await signIn.silentToken()).toBe('');
  });

  it('falls back to the dialog when the NAA popup fails', async () => {
    const { client } = nestedClient(() => Promise.reject(new Error('popup_window_error')));
    const { signIn, office } = signInWith({ sets: { NestedAppAuth: '1.1' } }, client);
    const token = signIn.signIn();
    const dialog = await openedDialog(office);
    dialog.messageParent(
      JSON.stringify({ type: 'token', accessToken: 'via-dialog', expiresAt: 0 }),
    );
    expect(await token).toBe('via-dialog');
  });

  it('says so in Chinese when the user closes the dialog, and when the dialog page failed', async () => {
    const { signIn, office } = signInWith({});
    const closed = signIn.signIn();
    (await openedDialog(office)).closedByUser();
    await expect(closed).rejects.toThrow('登录窗口已关闭，尚未登录');

    const failed = signIn.signIn();
    await vi.waitFor(() => expect(office.dialogs).toHaveLength(2));
    office.dialogs[1]?.messageParent(JSON.stringify({ type: 'error', message: 'AADSTS50105' }));
    await expect(failed).rejects.toThrow('Microsoft 登录失败：AADSTS50105');

    const garbled = signIn.signIn();
    await vi.waitFor(() => expect(office.dialogs).toHaveLength(3));
    office.dialogs[2]?.messageParent('<html>');
    await expect(garbled).rejects.toThrow('Microsoft 登录失败');
  });

  it('reports Office refusing a second dialog instead of waiting forever', async () => {
    const { signIn, office } = signInWith({});
    void signIn.signIn().catch(() => undefined);
    await openedDialog(office);
    await expect(signIn.signIn()).rejects.toThrow('already opened');
  });

  it('offers only the API token where Office has neither NAA nor dialogs', async () => {
    const { signIn } = signInWith({ dialogs: false });
    expect(signIn.available()).toBe(false);
    await expect(signIn.signIn()).rejects.toThrow('请使用 API 令牌');
    const host = new ExcelHost({
      run: new FakeExcel().run,
      settings: new FakeSettings(),
      userStore: new FakeUserStore(),
      microsoft: signIn,
      defaultServerUrl: 'https://crm.example.com',
      locale: () => 'zh-CN',
    });
    expect(await host.signIn.methods()).toEqual(['apiToken']);
  });
});

describe('the Excel host’s sign-in', () => {
  it('keeps the API token for this user and server, never in the workbook', async () => {
    const settings = new FakeSettings();
    const userStore = new FakeUserStore();
    const host = new ExcelHost({
      run: new FakeExcel().run,
      settings,
      userStore,
      defaultServerUrl: 'https://crm.example.com',
      locale: () => 'zh-CN',
    });
    expect(await host.getServerUrl()).toBe('https://crm.example.com');
    expect(await host.signIn.isSignedIn()).toBe(false);
    await host.signIn.useApiToken('crm_secret_token');
    expect(await host.getToken()).toBe('crm_secret_token');
    expect(userStore.getItem(userKeys.apiToken('https://crm.example.com'))).toBe(
      'crm_secret_token',
    );
    expect(JSON.stringify([...settings.values])).not.toContain('crm_secret_token');

    // A document that names another server asks for that server's token.
    settings.set(settingNames.serverUrl, 'https://other.example.com');
    expect(await host.signIn.isSignedIn()).toBe(false);
    settings.remove(settingNames.serverUrl);

    await host.signIn.signOut();
    expect(await host.getToken()).toBe('');
    expect(userStore.values.size).toBe(0);
  });
});

describe('Microsoft sign-in through the dialog, then a sync with the real server', () => {
  let idp: IdentityProvider;
  let server: RealServer;
  beforeAll(async () => {
    idp = await startIdentityProvider();
    server = await startRealServer({
      CRM_MS_JWKS_URL: idp.jwksUrl,
      CRM_MS_ISSUER: TEST_MICROSOFT_ISSUER,
      CRM_MS_AUDIENCE: TEST_AUDIENCE,
    });
    await server.addUser('u-grace', 'sales', { email: 'grace@contoso.example', token: false });
  });
  afterAll(async () => {
    await server?.close();
    await idp?.close();
  });

  it('syncs as the Microsoft account the dialog signed in', async () => {
    const { signIn, office } = signInWith({});
    const settings = new FakeSettings();
    const host = new ExcelHost({
      run: new FakeExcel().run,
      settings,
      userStore: new FakeUserStore(),
      microsoft: signIn,
      defaultServerUrl: server.base,
      locale: () => 'zh-CN',
    });
    expect(await host.signIn.methods()).toEqual(['microsoft', 'apiToken']);
    const signedIn = host.signIn.signInWithMicrosoft();
    const dialog = await openedDialog(office);
    const accessToken = await idp.signMicrosoftToken({
      preferred_username: 'Grace@Contoso.example',
    });
    dialog.messageParent(
      JSON.stringify({ type: 'token', accessToken, expiresAt: Date.now() + 3600_000 }),
    );
    await signedIn;
    expect(await host.getToken()).toBe(accessToken);

    await host.writeRows([
      {
        kind: 'append',
        cells: typedRow(7),
        meta: { recordId: '', checkpoint: '', state: '' },
      },
    ]);
    const report = await host.sync();
    expect(report).toMatchObject({ pendingReview: 1, invalid: [], complete: true });
    const [row] = await host.readRows();
    expect(row?.meta.recordId).toMatch(/^CUS\d{12}$/);
    expect(row?.cells['owner']).toBe('u-grace');
    // Nothing of the sign-in is in the workbook.
    expect(JSON.stringify([...settings.values])).not.toContain(accessToken);
  });
});
