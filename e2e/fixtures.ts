/**
 * The one fixture every end-to-end test uses: a page that fails the test on any console
 * error or uncaught exception, and a page object that drives the playground as a person does.
 */
import { test as base, expect, type Page } from '@playwright/test';

export class Playground {
  constructor(readonly page: Page) {}

  async open(path = '/') {
    await this.page.goto(path);
    await expect(this.page.getByTestId('build.button')).toBeVisible();
  }

  /**
   * Replace the editor's text the way a person would: select all and paste. (Typing it would
   * let Monaco auto-indent every line a second time.)
   */
  async setCode(code: string) {
    await this.page.evaluate((text) => navigator.clipboard.writeText(text), code);
    await this.focusEditor();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('ControlOrMeta+V');
    await expect.poll(async () => (await this.editorText()).trimEnd()).toBe(code.trimEnd());
  }

  /** Type at the start of the editor, key by key. */
  async typeAtTop(text: string) {
    await this.focusEditor();
    await this.page.keyboard.press('ControlOrMeta+Home');
    await this.page.keyboard.type(text);
  }

  /** Monaco 0.57 edits through a native edit context, not a textarea: click its text. */
  async focusEditor() {
    await this.page.getByTestId('editor').locator('.monaco-editor .view-lines').click();
  }

  /**
   * The editor's whole text, read off the screen: Monaco draws only the rows in view (spaces as
   * no-break spaces), so the reader starts at the top and pages down, keeping each numbered line
   * (a line word wrap split into rows has its number on its first row only: the rows join again;
   * a line cut off at the bottom of one page is read whole on the next).
   */
  async editorText(): Promise<string> {
    await this.focusEditor();
    await this.page.keyboard.press('ControlOrMeta+Home');
    const lines = new Map<number, string>();
    for (let page = 0; page < 500; page++) {
      const rows = await this.page.getByTestId('editor').evaluate((editor) => {
        const top = (el: HTMLElement) => Math.round(parseFloat(el.style.top || '0'));
        const numbers = new Map(
          [...editor.querySelectorAll<HTMLElement>('.margin-view-overlays > div')]
            .map((row) => [top(row), Number((row.querySelector('.line-numbers')?.textContent ?? '').trim())] as const)
            .filter(([, n]) => n > 0),
        );
        const read: [number, string][] = [];
        for (const row of [...editor.querySelectorAll<HTMLElement>('.view-line')].sort((a, b) => top(a) - top(b))) {
          const text = (row.textContent ?? '').replace(/\u00a0/g, ' ');
          const n = numbers.get(top(row));
          if (n) read.push([n, text]);
          else if (read.length > 0) read[read.length - 1]![1] += text;
        }
        return read;
      });
      let grew = false;
      for (const [n, text] of rows) {
        if ((lines.get(n)?.length ?? -1) < text.length) {
          lines.set(n, text);
          grew = true;
        }
      }
      if (!grew) break;
      await this.page.keyboard.press('PageDown');
    }
    return [...lines].sort(([a], [b]) => a - b).map(([, text]) => text).join('\n');
  }

  async setLanguage(language: 'c' | 'cpp' | 'wat') {
    await this.page.getByTestId('language.select').selectOption(language);
  }

  async setInput(text: string) {
    await this.page.getByTestId('input.field').fill(text);
  }

  async setLimit(ms: number) {
    await this.page.getByTestId('limit.field').fill(String(ms));
  }

  async build() {
    await this.page.getByTestId('build.button').click();
  }

  async run() {
    await this.page.getByTestId('run.button').click();
  }

  /** Wait until the output panel shows a finished call with this status. */
  async expectStatus(status: RegExp | string, timeout = 120_000) {
    await expect(this.page.getByTestId('output.status')).toHaveText(status, { timeout });
  }

  output(testId: string) {
    return this.page.getByTestId(testId);
  }

  functionItem(key: string) {
    return this.page.locator(`[data-testid="functions.item"][data-name="${key}"]`);
  }

  async selectFunction(key: string) {
    await this.functionItem(key).getByTestId('functions.select').click();
    await expect(this.page.getByTestId('function.current')).toHaveText(key);
  }

  /** Creates `user/name` (a function, or a library for dlopen) in C, C++ or WAT and puts this code in it. */
  async createFunction(key: string, code: string, kind: 'function' | 'library' = 'function', language: 'c' | 'cpp' | 'wat' = 'c') {
    await this.page.getByTestId('functions.new').click();
    await this.page.getByTestId('functions.new.name').fill(key);
    await this.page.getByTestId('functions.new.kind').selectOption(kind);
    await this.page.getByTestId('functions.new.language').selectOption(language);
    await this.page.getByTestId('functions.new.create').click();
    await expect(this.page.getByTestId('function.current')).toHaveText(key);
    await this.setCode(code);
  }

  /** Builds and uploads every function of the user; waits until the runtime lists them all. */
  async buildAll(user = 'demo', timeout = 180_000) {
    const button = this.page.locator(`[data-testid="functions.buildall"][data-user="${user}"]`);
    await button.click();
    await expect(button).toHaveText('Build all', { timeout });
    const items = this.page.locator(`[data-testid="functions.item"][data-name^="${user}/"]`);
    await expect(items.and(this.page.locator('[data-uploaded="false"]'))).toHaveCount(0);
  }

  /** Deletes a function through its hover actions. */
  async deleteFunction(key: string) {
    const item = this.functionItem(key);
    await item.hover();
    await item.getByTestId('functions.delete').click();
    await item.getByTestId('functions.delete.confirm').click();
    await expect(item).toHaveCount(0);
  }

  async showCalls() {
    await this.page.getByTestId('output.tab.calls').click();
  }

  callNodes() {
    return this.page.getByTestId('calls.node');
  }
}

export const test = base.extend<{ playground: Playground }>({
  playground: async ({ page, context }, use) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await use(new Playground(page));
    expect(errors, 'the page logged errors').toEqual([]);
  },
});

export { expect };
