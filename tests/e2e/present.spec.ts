/** Presentation mode: large type, one step at a time, moved with the keyboard; paced requests. */
import { expect, test } from './fixtures';

test('presentation mode steps with the keyboard, and leaves with Escape', async ({
  playground,
  page,
}) => {
  await playground.openLesson('external-traffic-policy', 1, '&present=1');
  const presentation = page.getByTestId('presentation');
  await expect(presentation).toBeVisible();
  await expect(page.locator('header.toolbar')).toHaveCount(0);
  const step = playground.lessonStep();
  await expect(step).toHaveClass(/large/);
  await expect(page.getByTestId('playback-speed')).toHaveValue('0.5');

  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', '2');
  await page.keyboard.press('PageDown');
  await expect(step).toHaveAttribute('data-step', '3');
  await page.keyboard.press('ArrowRight');
  await expect(step).toHaveAttribute('data-step', '3');
  await page.keyboard.press('ArrowLeft');
  await expect(step).toHaveAttribute('data-step', '2');
  await page.keyboard.press('PageUp');
  await expect(step).toHaveAttribute('data-step', '1');
  await page.keyboard.press('Space');
  await expect(step).toHaveAttribute('data-step', '2');
  await expect(page).toHaveURL(/lesson=external-traffic-policy&step=2&present=1/);

  await page.keyboard.press('Escape');
  await expect(presentation).toHaveCount(0);
  await expect(page.locator('header.toolbar')).toBeVisible();
  await expect(step).toHaveAttribute('data-step', '2');
  await expect(page.getByTestId('playback-speed')).toHaveValue('1');
  await expect(page).not.toHaveURL(/present=/);
});

test('keys typed in the editor are not the presentation’s', async ({ playground, page }) => {
  await playground.openLesson('selectors-endpoints', 1, '&present=1');
  await page.getByTestId('present-yaml').click();
  await playground.editor.locator('.view-lines').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(playground.lessonStep()).toHaveAttribute('data-step', '1');
});

test('the toolbar starts presenting the first lesson; the layout reads at 1920x1080', async ({
  playground,
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await playground.open();
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await expect(playground.lessonStep()).toHaveAttribute('data-lesson', 'service-types');
  const title = playground.lessonStep().locator('.step-title');
  const size = await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(32);
  const stepBox = await playground.lessonStep().boundingBox();
  const graphBox = await page.getByTestId('graph').boundingBox();
  expect(stepBox && graphBox && stepBox.x + stepBox.width <= graphBox.x).toBe(true);

  await page.getByTestId('lesson-send').click();
  await expect(playground.lessonCheck('reached-from-pod')).toHaveAttribute('data-pass', 'true');
  await expect(page.getByTestId('packet-layer')).not.toHaveAttribute('data-in-flight', '0');
});
