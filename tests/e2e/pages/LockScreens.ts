import type { Locator, Page } from '@playwright/test';

/** Page object of the first-run and unlock screens. */
export class LockScreensPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  passphrase(): Locator {
    return this.page.getByRole('textbox', { name: 'Passphrase', exact: true });
  }

  confirmation(): Locator {
    return this.page.getByRole('textbox', { name: 'Passphrase wiederholen', exact: true });
  }

  alert(): Locator {
    return this.page.getByRole('alert');
  }

  async createVault(passphrase: string): Promise<void> {
    await this.passphrase().fill(passphrase);
    await this.confirmation().fill(passphrase);
    await this.page.getByRole('button', { name: 'Lotse einrichten' }).click();
  }

  async unlock(passphrase: string): Promise<void> {
    await this.passphrase().fill(passphrase);
    await this.page.getByRole('button', { name: 'Entsperren' }).click();
  }
}
