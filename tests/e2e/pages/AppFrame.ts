import type { Locator, Page } from '@playwright/test';

/** Page object of the app frame: header, navigation, main region. */
export class AppFramePage {
  constructor(readonly page: Page) {}

  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Hauptnavigation' });
  }

  navLink(label: string): Locator {
    return this.nav().getByRole('link', { name: label });
  }

  heading(): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 1 });
  }

  menuButton(): Locator {
    return this.page.getByRole('button', { name: /^Navigation (öffnen|schließen)$/ });
  }

  async open(baseUrl: string, hash = ''): Promise<void> {
    await this.page.goto(baseUrl + hash);
    await this.heading().waitFor();
  }
}
