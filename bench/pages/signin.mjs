// Signs a page in through the real sign-in form, as a person does, and waits until it has left /account.
export async function signInPage(page, baseUrl, credential) {
  await page.goto(`${baseUrl}/account/login`);
  await page.fill('#email', credential.email);
  await page.fill('#password', credential.password);
  await page.click('[data-testid=sign-in]');
  await page.waitForURL(u => !u.pathname.startsWith('/account'), { timeout: 60000 });
}
