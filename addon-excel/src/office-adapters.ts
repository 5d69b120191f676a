// Office's own objects (typed by @types/office-js) seen through the add-in's narrow interfaces,
// which the tests' fakes implement. Office's typings declare AsyncResultStatus and EventType as
// enums; at run time they are the strings 'succeeded' / 'failed' and 'dialogMessageReceived' …,
// which is what the narrow interfaces say.
import type { DocumentSettings, ExcelRun, RequestContext } from './excel-api';
import type { OfficeDialog, OfficeForSignIn } from './microsoft-sign-in';

/** `Excel.run` with the add-in's request context type (a subset of Excel's). */
export const excelRun: ExcelRun = (batch) =>
  Excel.run((context) => batch(context as unknown as RequestContext));

/** `Office.context.document.settings`, its save reporting a plain status. */
export function documentSettings(settings: Office.Settings): DocumentSettings {
  return {
    get: (name) => settings.get(name) as unknown,
    set: (name, value) => settings.set(name, value),
    remove: (name) => settings.remove(name),
    saveAsync: (callback) =>
      settings.saveAsync((result) =>
        callback?.({
          status: String(result.status),
          ...(result.error === undefined ? {} : { error: { message: result.error.message } }),
        }),
      ),
  };
}

/** `Office` as the Microsoft sign-in uses it: requirement sets and, where present, dialogs. */
export function officeForSignIn(): OfficeForSignIn {
  const ui = Office.context.ui as Office.UI | undefined;
  const dialog = (opened: Office.Dialog): OfficeDialog => ({
    addEventHandler: (eventType, handler) =>
      opened.addEventHandler(eventType as unknown as Office.EventType, (arg) =>
        handler('message' in arg ? { message: String(arg.message) } : { error: Number(arg.error) }),
      ),
    close: () => opened.close(),
  });
  return {
    EventType: {
      DialogMessageReceived: String(Office.EventType.DialogMessageReceived),
      DialogEventReceived: String(Office.EventType.DialogEventReceived),
    },
    context: {
      requirements: {
        isSetSupported: (name, minVersion) =>
          Office.context.requirements.isSetSupported(name, minVersion),
      },
      ...(ui === undefined
        ? {}
        : {
            ui: {
              displayDialogAsync: (url, options, callback) =>
                ui.displayDialogAsync(url, options, (result) =>
                  callback({
                    status: String(result.status),
                    value: dialog(result.value),
                    ...(result.error === undefined
                      ? {}
                      : { error: { code: result.error.code, message: result.error.message } }),
                  }),
                ),
            },
          }),
    },
  };
}
