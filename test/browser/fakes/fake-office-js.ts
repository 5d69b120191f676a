// What the browser test serves in place of https://appsforoffice.microsoft.com/lib/1/hosted/office.js:
// `Office` and `Excel` globals over the in-memory Excel of test/fakes/excel (strict about load,
// sync and the 5 MB limit), so the built task pane runs unchanged in headless Chromium.
// `__fakeOffice` lets the test type into the workbook and read it back.
import { t } from '../../../shared/core/i18n/translate';
import { FakeExcel, FakeSettings, type FakeSheetData } from '../../fakes/excel/fake-excel';

export interface FakeOfficeJsOptions {
  /** What `Office.onReady` reports; the task pane refuses any host but Excel. */
  host?: string;
  displayLanguage?: string;
  /** The page is a dialog Office opened: `Office.context.ui.messageParent` exists. */
  dialog?: boolean;
  /** Office offers the dialog API (`Office.context.ui.displayDialogAsync`). */
  dialogApi?: boolean;
}

interface OpenedDialog {
  url: string;
  closed: boolean;
  handlers: Record<string, (arg: { message?: string; error?: number }) => void>;
}

type Cell = string | number | boolean;

/** The test's handle on the workbook behind the task pane. */
export interface FakeOfficeHandle {
  excel: FakeExcel;
  settings: FakeSettings;
  /** The customers sheet's header row and how many dropdown lists it has. */
  layout(): { header: string[]; dropdowns: number; hidden: number[] };
  /** Data rows of the customers sheet, each as header → value (hidden columns included). */
  table(): Record<string, Cell>[];
  /** Types into data row `row` (1 = first under the header) the column headed `header`. */
  type(row: number, header: string, value: Cell): void;
  /** The fill colour of a data cell, if any. */
  fill(row: number, header: string): string | undefined;
  /** What a dialog page sent its opener with `messageParent`, in order. */
  parentMessages: string[];
  /** The URLs of the dialogs the page opened, in order. */
  dialogUrls(): string[];
  /** The newest dialog's page sends `message` to the task pane, as `messageParent` would. */
  answerDialog(message: string): void;
}

function customersSheet(excel: FakeExcel): FakeSheetData {
  const names = [t('sheets.sheetName', 'zh-CN'), t('sheets.sheetName', 'en')];
  for (const name of names) {
    const sheet = excel.sheets.get(name);
    if (sheet !== undefined) return sheet;
  }
  throw new Error('fake-office: the task pane has not made the customers sheet yet');
}

function headers(sheet: FakeSheetData): string[] {
  return (sheet.cells[0] ?? []).map((cell) => String(cell?.value ?? ''));
}

function column(sheet: FakeSheetData, header: string): number {
  const index = headers(sheet).indexOf(header);
  if (index < 0) throw new Error(`fake-office: no column ${header}`);
  return index;
}

export function installFakeOfficeJs(options: FakeOfficeJsOptions = {}): FakeOfficeHandle {
  const excel = new FakeExcel();
  const settings = new FakeSettings();
  const parentMessages: string[] = [];
  const dialogs: OpenedDialog[] = [];
  const displayDialogAsync = (
    url: string,
    _options: unknown,
    callback: (result: { status: string; value: unknown }) => void,
  ) => {
    const dialog: OpenedDialog = { url, closed: false, handlers: {} };
    dialogs.push(dialog);
    const value = {
      addEventHandler: (type: string, handler: OpenedDialog['handlers'][string]) =>
        (dialog.handlers[type] = handler),
      close: () => (dialog.closed = true),
    };
    setTimeout(() => callback({ status: 'succeeded', value }), 0);
  };
  const scope = globalThis as Record<string, unknown>;
  scope['Office'] = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    EventType: {
      DialogMessageReceived: 'dialogMessageReceived',
      DialogEventReceived: 'dialogEventReceived',
    },
    // Office.js waits for its host; here the host is ready as soon as the page asks.
    onReady: () => Promise.resolve({ host: options.host ?? 'Excel', platform: 'OfficeOnline' }),
    context: {
      displayLanguage: options.displayLanguage ?? 'zh-CN',
      document: { settings },
      // No NestedAppAuth and no dialogs: API tokens, as on an Office without either.
      requirements: { isSetSupported: () => false },
      ...(options.dialog === true
        ? { ui: { messageParent: (message: string) => parentMessages.push(String(message)) } }
        : {}),
      ...(options.dialogApi === true ? { ui: { displayDialogAsync } } : {}),
    },
  };
  scope['Excel'] = { run: excel.run };

  const handle: FakeOfficeHandle = {
    excel,
    settings,
    parentMessages,
    dialogUrls: () => dialogs.map((d) => d.url),
    answerDialog: (message) => {
      const dialog = dialogs.at(-1);
      if (dialog === undefined || dialog.closed) throw new Error('fake-office: no open dialog');
      dialog.handlers['dialogMessageReceived']?.({ message });
    },
    layout: () => {
      const sheet = customersSheet(excel);
      return {
        header: headers(sheet),
        dropdowns: sheet.validations.filter((v) => v.rule !== undefined).length,
        hidden: [...sheet.hiddenColumns].sort((a, b) => a - b),
      };
    },
    table: () => {
      const sheet = customersSheet(excel);
      const names = headers(sheet);
      return sheet.cells.slice(1).map((line) => {
        const row: Record<string, Cell> = {};
        names.forEach((name, c) => (row[name] = line?.[c]?.value ?? ''));
        return row;
      });
    },
    type: (row, header, value) => {
      const sheet = customersSheet(excel);
      sheet.enter(row, column(sheet, header), value);
    },
    fill: (row, header) => {
      const sheet = customersSheet(excel);
      return sheet.fills.get(`${row}:${column(sheet, header)}`);
    },
  };
  scope['__fakeOffice'] = handle;
  return handle;
}

const pageOptions = (globalThis as { __fakeOfficeOptions?: FakeOfficeJsOptions })
  .__fakeOfficeOptions;
installFakeOfficeJs(pageOptions ?? {});
