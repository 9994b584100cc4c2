import type { Locator } from '@playwright/test';

/**
 * Moves the focus to `target` with the keyboard alone: Tab (or Shift+Tab when the target comes
 * before the focused element in the document) until it is focused. Fails when the target cannot be
 * reached that way (not in the tab order, hidden, or behind a trap), which `locator.focus()` would
 * never notice.
 */
export async function tabTo(target: Locator, maxPresses = 250): Promise<void> {
  const page = target.page();
  await target.waitFor({ state: 'visible' });
  for (let i = 0; i < maxPresses; i += 1) {
    const where = await target.evaluate((el) => {
      const active = document.activeElement;
      if (el === active) return 'here';
      if (!active || active === document.body) return 'after';
      return active.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING ? 'before' : 'after';
    });
    if (where === 'here') return;
    await page.keyboard.press(where === 'before' ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`not reachable by Tab within ${maxPresses} presses: ${target.toString()}`);
}
