// Runs inside the page under test, bundled by esbuild: the sync panel alone, over a host whose
// sync answers two conflicting rows and whose resolve settles the first and answers the second.
// The choices the panel sent are kept in `__choices` for the test to read.
import { h, render, type ContainerNode } from 'preact';
import type { RowConflict, SyncReport } from '../../../shared/core/sync-client/index';
import type { ServerApi, MeAnswer } from '../../../shared/ui/api/server-api';
import { SidebarContext, translator } from '../../../shared/ui/app/sidebar-context';
import type { SidebarHost } from '../../../shared/ui/host';
import { SyncPanel } from '../../../shared/ui/panels/sync-panel';

const done: SyncReport = {
  applied: 0,
  merged: 0,
  conflicts: [],
  invalid: [],
  duplicates: [],
  pendingReview: 0,
  forbidden: [],
  pulled: 0,
  removed: 0,
  checkpoint: 9,
  complete: true,
  editedDuringSync: [],
};
const conflictOn = (row: number): RowConflict => ({
  row,
  recordId: `CUS20240501000${row}`,
  conflicts: [{ field: 'mobile', yours: `1390000000${row}`, theirs: `1380000000${row}` }],
});

const page = globalThis as unknown as { __choices: unknown[]; document: { body: ContainerNode } };
page.__choices = [];
const host = {
  client: 'web',
  sync: () => Promise.resolve({ ...done, conflicts: [conflictOn(3), conflictOn(5)] }),
  resolveConflict: (choice: unknown) => {
    page.__choices.push(choice);
    return Promise.resolve({ ...done, conflicts: [conflictOn(5)] });
  },
} as unknown as SidebarHost;

render(
  h(
    SidebarContext.Provider,
    {
      value: {
        host,
        api: {} as ServerApi,
        me: {} as MeAnswer,
        locale: 'zh-CN',
        t: translator('zh-CN'),
      },
    },
    h(SyncPanel, null),
  ),
  page.document.body,
);
