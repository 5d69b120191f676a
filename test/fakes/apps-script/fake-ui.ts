import type {
  HtmlOutput,
  Menu,
  PromptResponse,
  Ui,
} from '../../../addon-sheets/src/apps-script-api';

/** The menu an add-on built, and what the UI showed. */
export class FakeUi implements Ui {
  readonly menus: { items: { caption: string; functionName: string }[] }[] = [];
  readonly sidebars: HtmlOutput[] = [];
  readonly alerts: string[] = [];
  /** Answers the next prompts get: text, and whether OK was pressed. */
  readonly answers: { text: string; ok: boolean }[] = [];
  readonly Button = { OK: 'OK', CANCEL: 'CANCEL' };
  readonly ButtonSet = { OK_CANCEL: 'OK_CANCEL' };

  createAddonMenu(): Menu {
    const menu = { items: [] as { caption: string; functionName: string }[] };
    const api: Menu = {
      addItem: (caption, functionName) => {
        menu.items.push({ caption, functionName });
        return api;
      },
      addSeparator: () => api,
      addToUi: () => {
        this.menus.push(menu);
      },
    };
    return api;
  }

  showSidebar(userInterface: HtmlOutput): void {
    this.sidebars.push(userInterface);
  }

  prompt(_title: string, _prompt: string, _buttons: unknown): PromptResponse {
    const answer = this.answers.shift() ?? { text: '', ok: false };
    return {
      getResponseText: () => answer.text,
      getSelectedButton: () => (answer.ok ? this.Button.OK : this.Button.CANCEL),
    };
  }

  alert(prompt: string): unknown {
    this.alerts.push(prompt);
    return this.Button.OK;
  }
}
