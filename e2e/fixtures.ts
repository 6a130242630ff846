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

  /** Replace the editor's text the way a person would: select all, then type (paste-like). */
  async setCode(code: string) {
    const editor = this.page.getByTestId('editor').locator('.monaco-editor textarea').first();
    await editor.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(code);
  }

  async editorText(): Promise<string> {
    return this.page.getByTestId('editor').locator('.view-lines').innerText();
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
}

export const test = base.extend<{ playground: Playground }>({
  playground: async ({ page }, use) => {
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
