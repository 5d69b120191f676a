// The parts of the `Office` global the task pane uses, in memory: requirement sets, the dialog
// API (a test plays the dialog page's part) and a user store standing in for localStorage.
// Office's own rules kept: one dialog at a time (error 12007), messages only while it is open.
import type { OfficeDialog, OfficeForSignIn } from '../../../addon-excel/src/microsoft-sign-in';

/** `localStorage` for one origin, in memory. */
export class FakeUserStore {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, String(value));
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

type Handler = (arg: { message?: string; error?: number }) => void;

/** An open dialog: the test sends what the dialog page would. */
export class FakeDialog implements OfficeDialog {
  readonly handlers = new Map<string, Handler>();
  open = true;

  constructor(
    readonly url: string,
    private readonly onClose: () => void,
  ) {}

  addEventHandler(eventType: string, handler: Handler): void {
    this.handlers.set(eventType, handler);
  }
  close(): void {
    this.open = false;
    this.onClose();
  }
  /** The dialog page calls `Office.context.ui.messageParent(message)`. */
  messageParent(message: string): void {
    if (!this.open) throw new Error('fake-office: the dialog is closed');
    this.handlers.get(fakeEventTypes.DialogMessageReceived)?.({ message });
  }
  /** The user closes the dialog window (Office reports 12006). */
  closedByUser(): void {
    this.open = false;
    this.onClose();
    this.handlers.get(fakeEventTypes.DialogEventReceived)?.({ error: 12006 });
  }
}

export const fakeEventTypes = {
  DialogMessageReceived: 'dialogMessageReceived',
  DialogEventReceived: 'dialogEventReceived',
} as const;

export interface FakeOfficeOptions {
  /** Requirement sets this Office supports, e.g. `{ NestedAppAuth: '1.1' }`. */
  sets?: Record<string, string>;
  /** Whether `Office.context.ui` (the dialog API) exists. */
  dialogs?: boolean;
}

/** `Office` as the sign-in sees it; `dialogs` lists every dialog opened, newest last. */
export function fakeOffice(options: FakeOfficeOptions = {}): OfficeForSignIn & {
  dialogs: FakeDialog[];
} {
  const sets = options.sets ?? {};
  const dialogs: FakeDialog[] = [];
  let openDialog: FakeDialog | undefined;
  const ui: NonNullable<OfficeForSignIn['context']['ui']> = {
    displayDialogAsync: (url, _size, callback) => {
      queueMicrotask(() => {
        if (openDialog?.open === true) {
          callback({
            status: 'failed',
            value: undefined as unknown as OfficeDialog,
            error: { code: 12007, message: 'A dialog box is already opened from this add-in.' },
          });
          return;
        }
        const dialog = new FakeDialog(url, () => (openDialog = undefined));
        openDialog = dialog;
        dialogs.push(dialog);
        callback({ status: 'succeeded', value: dialog });
      });
    },
  };
  return {
    dialogs,
    EventType: fakeEventTypes,
    context: {
      requirements: {
        isSetSupported: (name, minVersion = '1.1') => {
          const have = sets[name];
          return have !== undefined && Number(have) >= Number(minVersion);
        },
      },
      ...(options.dialogs === false ? {} : { ui }),
    },
  };
}
