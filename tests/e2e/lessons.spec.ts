/** Lessons: checks that fail, then pass after the learner's edit; the gallery; lesson links. */
import { expect, test } from './fixtures';

const allThreeSelected = `apiVersion: v1
kind: Pod
metadata:
  name: web-pod-1
  labels:
    app: web-app
    tier: frontend
spec:
  containers:
  - name: web
    image: nginx:1.21
---
apiVersion: v1
kind: Pod
metadata:
  name: web-pod-2
  labels:
    app: web-app
    tier: frontend
spec:
  containers:
  - name: web
    image: nginx:1.21
---
apiVersion: v1
kind: Pod
metadata:
  name: web-pod-3
  labels:
    app: web-app
    tier: frontend
spec:
  containers:
  - name: web
    image: nginx:1.21
---
apiVersion: v1
kind: Service
metadata:
  name: web-service
spec:
  type: NodePort
  selector:
    app: web-app
    tier: frontend
  ports:
  - name: http
    port: 80
    targetPort: 80
    nodePort: 30080
`;

test('a lesson check fails, then passes after the right edit', async ({ playground, page }) => {
  await playground.openLesson('selectors-endpoints', 1);
  const check = playground.lessonCheck('three-endpoints');
  await expect(check).toHaveAttribute('data-pass', 'false');
  await expect(check).toContainText('web-service has 1 ready endpoint');
  await expect(check.getByText(/Labels of a selector are ANDed/)).toBeVisible();

  await playground.replaceText(allThreeSelected);
  await expect(check).toHaveAttribute('data-pass', 'true');
  await expect(check).toContainText('web-service has 3 ready endpoints');
  await expect(playground.lessonStep()).toHaveAttribute('data-done', 'true');

  // The next step starts from its own cluster: a selector with a typo, failing again.
  await page.getByTestId('lesson-next').click();
  await expect(playground.lessonStep()).toHaveAttribute('data-step', '2');
  await expect(page).toHaveURL(/lesson=selectors-endpoints&step=2/);
  await expect(playground.lessonCheck('fixed-selector')).toHaveAttribute('data-pass', 'false');
  await playground.retypeWord('app: webapp', 'webapp', 'web-app');
  await expect(playground.lessonCheck('fixed-selector')).toHaveAttribute('data-pass', 'true');
});

test("a step's button sends its requests, and the check reads the batch", async ({
  playground,
  page,
}) => {
  await playground.openLesson('iptables-vs-ipvs', 1);
  const spread = playground.lessonCheck('iptables-spread');
  await expect(spread).toHaveAttribute('data-pass', 'false');
  await page.getByTestId('lesson-send').click();
  await expect(spread).toHaveAttribute('data-pass', 'true');
  await expect(spread).toContainText(/my-webapp-\S+: \d+, my-webapp-\S+: \d+, my-webapp-\S+: \d+/);

  await page.getByTestId('lesson-next').click();
  await expect(playground.lessonCheck('mode-ipvs')).toHaveAttribute('data-pass', 'false');
  await page.getByTestId('proxy-mode').selectOption('ipvs');
  await expect(playground.lessonCheck('mode-ipvs')).toHaveAttribute('data-pass', 'true');
  await page.getByTestId('lesson-send').click();
  await expect(playground.lessonCheck('ipvs-even')).toHaveAttribute('data-pass', 'true');
});

test('DNS checks read lookups run in the browser', async ({ playground }) => {
  await playground.openLesson('dns-names', 1);
  await expect(playground.lessonCheck('namespaced')).toHaveAttribute('data-pass', 'true');
  await expect(playground.lessonCheck('short')).toHaveAttribute('data-pass', 'true');
  await expect(playground.lessonCheck('short')).toContainText('api → no address');
});

test('the gallery lists lessons and scenarios, and is used with the keyboard', async ({
  playground,
  page,
}) => {
  await playground.open();
  await page.getByTestId('open-gallery').click();
  const gallery = page.getByTestId('gallery');
  await expect(gallery.getByTestId('gallery-lesson')).toHaveCount(10);
  await expect(gallery.getByTestId('gallery-scenario').first()).toBeVisible();
  await expect(gallery.getByTestId('gallery-lesson').first()).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(gallery.getByTestId('gallery-lesson').nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(gallery).toBeHidden();
  await expect(playground.lessonStep()).toHaveAttribute('data-lesson', 'port-layers');
  await expect(page).toHaveURL(/\?lesson=port-layers&step=1/);

  // A scenario card leaves the lesson and loads the scenario.
  await page.getByTestId('open-gallery').click();
  await page.keyboard.press('End');
  const last = gallery.getByTestId('gallery-scenario').last();
  await expect(last).toBeFocused();
  const name = await last.getAttribute('data-id');
  await page.keyboard.press('Enter');
  await expect(playground.lessonStep()).toHaveCount(0);
  await expect(playground.scenarioPicker).toHaveValue(name ?? '');
});

test("a reload keeps the learner's edits on the step", async ({ playground, page }) => {
  await playground.openLesson('session-affinity', 2);
  await playground.retypeWord('replicas: 3', '3', '2');
  await expect(playground.editor.locator('.view-lines')).toContainText('replicas: 2');
  await page.waitForTimeout(500);
  await page.reload();
  await expect(playground.lessonStep()).toHaveAttribute('data-step', '2');
  await expect(playground.editor.locator('.view-lines')).toContainText('replicas: 2');
});
