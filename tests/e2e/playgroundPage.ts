/** The page object of the playground: what a test does and reads, by data-testid. */
import { expect, type Locator, type Page } from '@playwright/test';

export class PlaygroundPage {
  readonly editor: Locator;
  readonly services: Locator;
  readonly diagnostics: Locator;
  readonly scenarioPicker: Locator;
  readonly engineStatus: Locator;

  constructor(readonly page: Page) {
    this.editor = page.getByTestId('editor');
    this.services = page.getByTestId('service');
    this.diagnostics = page.getByTestId('diagnostic');
    this.scenarioPicker = page.getByTestId('scenario-picker');
    this.engineStatus = page.getByTestId('engine-status');
  }

  /** Opens the page (optionally on a shipped scenario) and waits for the editor and the engine. */
  async open(scenario?: string): Promise<void> {
    await this.page.goto(scenario ? `./?scenario=${scenario}` : './');
    await expect(this.editor.locator('.view-lines')).toBeVisible();
    await expect(this.engineStatus).toHaveAttribute('data-status', 'ready');
  }

  /** Shows a panel tab beside the graph (`services`, `problems`, ...). */
  async showPanel(id: string): Promise<void> {
    await this.page.getByTestId(`tab-${id}`).click();
    await expect(this.page.getByTestId(`tabpanel-${id}`)).toBeVisible();
  }

  /** The editor's editable element (Monaco types into an EditContext or a textarea). */
  private async focusEditor(): Promise<void> {
    await this.editor.locator('.view-lines').click();
  }

  /**
   * Pastes text at the end of the document, through the clipboard as a person would (typing it
   * key by key would let Monaco's auto-indent shift the YAML's lines).
   */
  async pasteAtEnd(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.paste(text);
  }

  /** Replaces the whole document by pasting text over it. */
  async replaceText(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.paste(text);
  }

  /** Double-clicks a word on the first editor line that contains `lineText`, and types over it. */
  async retypeWord(lineText: string, word: string, replacement: string): Promise<void> {
    const line = this.editor.locator('.view-line', { hasText: lineText }).first();
    await line.locator('span', { hasText: new RegExp(`^${word}$`) }).dblclick();
    await this.page.keyboard.type(replacement);
  }

  private async paste(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.page.keyboard.press('ControlOrMeta+V');
  }

  service(key: string): Locator {
    return this.page.locator(`[data-testid="service"][data-service="${key}"]`);
  }

  endpoints(key: string): Locator {
    return this.service(key).getByTestId('endpoint');
  }

  /** Moves the editor's cursor to a diagnostic (by clicking it in the list) and shows its hover. */
  async hoverDiagnostic(diagnostic: Locator): Promise<Locator> {
    await diagnostic.click();
    await this.page.keyboard.press('ControlOrMeta+K');
    await this.page.keyboard.press('ControlOrMeta+I');
    const hover = this.page.locator('.monaco-hover:not(.hidden)');
    await expect(hover).toBeVisible();
    return hover;
  }

  /** The line number of the editor's cursor, as Monaco highlights it in the gutter. */
  cursorLine(): Locator {
    return this.editor.locator('.line-numbers.active-line-number');
  }

  /** The line under the request bar: what happened to the selected request (data-verdict, data-pod...). */
  requestResult(): Locator {
    return this.page.getByTestId('request-result');
  }

  /** The columns of the batch's distribution chart (data-pod, data-count). */
  distributionRows(): Locator {
    return this.page.getByTestId('distribution-row');
  }

  /** The hops of the selected request in the Trace panel. */
  traceHops(): Locator {
    return this.page.getByTestId('trace-hop');
  }

  /**
   * Sends `count` requests from a source (`external:<ip>` or `pod:<namespace>/<name>`) to the
   * first destination whose label contains `to`, and waits for the engine's answer.
   */
  async sendRequests(from: string, to: string, count: 1 | 10 | 100): Promise<void> {
    await this.page.getByTestId('request-source').selectOption(from);
    const destination = this.page.getByTestId('request-destination');
    const option = destination.locator('option', { hasText: to }).first();
    const value = await option.getAttribute('value');
    if (value === null) throw new Error(`no destination option contains "${to}"`);
    await destination.selectOption(value);
    const before = await this.requestResult().getAttribute('data-batch');
    await this.page.getByTestId(`send-${count}`).click();
    await expect(this.requestResult()).not.toHaveAttribute('data-batch', before ?? '');
  }

  /** Squiggles Monaco draws for error markers. */
  errorSquiggles(): Locator {
    return this.editor.locator('.squiggly-error');
  }

  /** Squiggles Monaco draws for error markers. */
  errorSquiggles(): Locator {
    return this.editor.locator('.squiggly-error');
  }
}
