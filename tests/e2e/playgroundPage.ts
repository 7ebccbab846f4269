/** The page object of the playground: what a test does and reads, by data-testid. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

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

  /** Selects a Service from its card in the Services panel (shows that panel first). */
  async selectService(key: string): Promise<void> {
    await this.showPanel('services');
    await this.service(key).getByTestId('service-select').click();
  }

  /** A pod's row in the Endpoints panel: why it is or is not an endpoint. */
  podExplanation(key: string): Locator {
    return this.page.locator(`[data-testid="pod-explanation"][data-pod="${key}"]`);
  }

  /** The lines of the Rules panel rendered now (the list is windowed). */
  ruleLines(): Locator {
    return this.page.getByTestId('rule-line');
  }

  /** Searches the Rules panel and returns the first rendered line containing `text`. */
  async findRule(text: string): Promise<Locator> {
    await this.page.getByTestId('rules-search').fill(text);
    const line = this.ruleLines().filter({ hasText: text }).first();
    await expect(line).toBeVisible();
    return line;
  }

  /** Resolves a name in the DNS panel, from a pod (`namespace/name`) or straight from CoreDNS. */
  async lookUp(name: string, from?: string, type = 'A'): Promise<Locator> {
    await this.showPanel('dns');
    await this.page.getByTestId('dns-name').fill(name);
    await this.page.getByTestId('dns-type').selectOption(type);
    await this.page.getByTestId('dns-from').selectOption(from ?? '');
    await this.page.getByTestId('dns-submit').click();
    return this.page.getByTestId('dns-lookup-result');
  }

  /** The object whose YAML the editor has selected, as `kind:key` (see selectionSync.ts). */
  editorSelectedObject(): Promise<string | null> {
    return this.editor.getAttribute('data-selected-object');
  }

  // --- Graph and what-ifs (graph.spec, whatif.spec, robustness.spec) ---

  /** The graph's pods; with `prefix`, those whose `namespace/name` starts with it. */
  graphPods(prefix = ''): Locator {
    return this.page.locator(`[data-testid="graph-pod"][data-pod^="${prefix}"]`);
  }

  graphPod(key: string): Locator {
    return this.page.locator(`[data-testid="graph-pod"][data-pod="${key}"]`);
  }

  /**
   * Pans the graph with the mouse wheel, as a person would, until `target` is in the middle of
   * the pane: a large cluster's pods start below its Services, out of view. (A click would have
   * Playwright scroll the pane's hidden overflow, which React Flow does not follow.)
   */
  async panGraphTo(target: Locator): Promise<void> {
    const pane = await this.page.locator('.react-flow').boundingBox();
    if (!pane) throw new Error('no graph pane');
    const clamp = (d: number) => Math.max(-400, Math.min(400, d));
    for (let i = 0; i < 50; i++) {
      const box = await target.boundingBox();
      if (!box) throw new Error('the target is not drawn');
      const dx = box.x + box.width / 2 - (pane.x + pane.width / 2);
      const dy = box.y + box.height / 2 - (pane.y + pane.height / 2);
      if (Math.abs(dx) < pane.width / 4 && Math.abs(dy) < pane.height / 4) return;
      await this.page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
      await this.page.mouse.wheel(clamp(dx), clamp(dy));
    }
    throw new Error('the graph did not pan to the target');
  }

  graphNode(name: string): Locator {
    return this.page.locator(`[data-testid="graph-node"][data-node="${name}"]`);
  }

  graphService(key: string): Locator {
    return this.page.locator(`[data-testid="graph-service"][data-service="${key}"]`);
  }

  /** The edge from a Service to one of its endpoints' pods. */
  graphEdge(service: string, pod: string): Locator {
    return this.page.locator(`.react-flow__edge[data-id="service:${service}->pod:${pod}"]`);
  }

  /** The `namespace/name` keys of the graph's pods (with `prefix`), sorted. */
  async graphPodKeys(prefix = ''): Promise<string[]> {
    const keys = await this.graphPods(prefix).evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-pod') ?? ''),
    );
    return keys.sort();
  }

  /** Runs a what-if of the selected object (`delete-pod`, `not-ready`, `scale-up`, `cordon`...). */
  async whatIf(id: string): Promise<void> {
    await this.page.getByTestId(`whatif-${id}`).click();
  }

  whatIfNotice(): Locator {
    return this.page.getByTestId('whatif-notice');
  }

  /** The document as the page saved it (localStorage, written 200 ms after each change). */
  async savedText(): Promise<string> {
    return this.page.evaluate(() => {
      const raw = localStorage.getItem('kube-service-playground:document:v1');
      return raw ? (JSON.parse(raw) as { text: string }).text : '';
    });
  }

  // --- Sharing, files, saved documents, snapshots (share.spec, persistence.spec, offline.spec) ---

  /** The whole document record the page saved (text, scenario, seed, admitted). */
  async savedRecord(): Promise<Record<string, unknown>> {
    return this.page.evaluate(() => {
      const raw = localStorage.getItem('kube-service-playground:document:v1');
      return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    });
  }

  /** Waits until the saved document is `text` (it is saved 200 ms after each change). */
  async expectSavedText(text: string): Promise<void> {
    await expect.poll(() => this.savedText()).toBe(text);
  }

  /** Opens the page at a share link (or any URL) and waits for the editor and the engine. */
  async openUrl(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.editor.locator('.view-lines')).toBeVisible();
    await expect(this.engineStatus).toHaveAttribute('data-status', 'ready');
  }

  /** Presses Share and returns the link it copied to the clipboard. */
  async copyShareLink(): Promise<string> {
    await this.page.getByTestId('copy-link').click();
    await expect(this.page.getByTestId('copy-link')).toHaveText(/Copied/);
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** The toast that says what happened to the document (data-tone: ok, warn, error). */
  documentNotice(): Locator {
    return this.page.getByTestId('document-notice');
  }

  /** Chooses an item of the File menu (`save-as`, `saved`, `download`, `upload`, `paste-cluster`, `snapshot`, `reset`). */
  async fileMenu(item: string): Promise<void> {
    await this.page.getByTestId('document-menu').click();
    await this.page.getByTestId(`menu-${item}`).click();
  }

  /** Downloads the document through the File menu. */
  async downloadDocument(): Promise<{ name: string; text: string }> {
    const downloading = this.page.waitForEvent('download');
    await this.fileMenu('download');
    return readDownload(await downloading);
  }

  /** Uploads a file as if the person chose it in the File menu's Upload. */
  async uploadDocument(
    name: string,
    content: string | Buffer,
    mimeType = 'application/yaml',
  ): Promise<void> {
    const buffer = typeof content === 'string' ? Buffer.from(content) : content;
    await this.page.getByTestId('upload-input').setInputFiles({ name, mimeType, buffer });
  }

  /** Saves the document under a name (File > Save as…). */
  async saveAs(name: string): Promise<void> {
    await this.fileMenu('save-as');
    await this.page.getByTestId('save-as-name').fill(name);
    await this.page.getByTestId('save-as').click();
    await expect(this.savedDocument(name)).toBeVisible();
    await this.page.keyboard.press('Escape');
  }

  /** A saved document's row in the Saved documents dialog. */
  savedDocument(name: string): Locator {
    return this.page.locator(`[data-testid="saved-document"][data-name="${name}"]`);
  }

  /** Pastes a real cluster's `kubectl get -o yaml` into the Paste your cluster dialog and loads it. */
  async pasteCluster(text: string): Promise<void> {
    await this.fileMenu('paste-cluster');
    await this.page.getByTestId('paste-cluster-text').fill(text);
    await this.page.getByTestId('paste-cluster-load').click();
    await expect(this.page.getByTestId('paste-dialog')).toBeHidden();
  }

  // --- Terminal (terminal.spec) ---

  /** The terminal's input line. */
  /** Pastes `text` into the Terminal panel's input, as Ctrl+V does (several lines run in turn). */
  async pasteInTerminal(text: string): Promise<void> {
    await this.page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await this.terminalInput().focus();
    await this.page.keyboard.press('ControlOrMeta+V');
  }

  terminalInput(): Locator {
    return this.page.getByTestId('terminal-input');
  }

  /** The terminal's screen lines of one kind (`input`, `stdout`, `stderr`, `info`), or all. */
  terminalLines(kind?: 'input' | 'stdout' | 'stderr' | 'info'): Locator {
    const lines = this.page.getByTestId('terminal-line');
    return kind ? lines.and(this.page.locator(`[data-kind="${kind}"]`)) : lines;
  }

  /**
   * Types a command into the Terminal panel (shown first), presses Enter and waits until it has
   * run, its edit is applied and the new simulation has arrived.
   */
  async runInTerminal(command: string): Promise<void> {
    if (!(await this.terminalInput().isVisible())) await this.showPanel('terminal');
    const typed = await this.terminalLines('input').count();
    await this.terminalInput().fill(command);
    await this.terminalInput().press('Enter');
    await expect(this.terminalLines('input')).toHaveCount(typed + 1);
    await expect(this.page.getByTestId('terminal')).toHaveAttribute('data-busy', 'false');
  }

  /** What the terminal printed after the last command typed. */
  async lastTerminalOutput(): Promise<string> {
    return this.page.getByTestId('terminal-screen').evaluate((screen) => {
      const lines = [...screen.querySelectorAll('[data-testid="terminal-line"]')];
      const last = lines.findLastIndex((l) => l.getAttribute('data-kind') === 'input');
      return lines
        .slice(last + 1)
        .map((l) => l.textContent ?? '')
        .join('');
    });
  }

  /** Opens a lesson at a step (counted from 1) by its link, and waits for the step and the engine. */
  async openLesson(id: string, step = 1, extra = ''): Promise<void> {
    await this.page.goto(`./?lesson=${id}&step=${step}${extra}`);
    await expect(this.lessonStep()).toHaveAttribute('data-step', String(step));
    await expect(this.page.getByTestId('lesson-checks')).toBeVisible();
  }

  /** The lesson step on screen (beside the graph, or large when presenting). */
  lessonStep(): Locator {
    return this.page.getByTestId('lesson-step');
  }

  /** One check of the step on screen, by its id; `data-pass` says whether it passes. */
  lessonCheck(id: string): Locator {
    return this.page.locator(`[data-testid="lesson-check"][data-check="${id}"]`);
  }
}

async function readDownload(download: Download): Promise<{ name: string; text: string }> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}
