import { html, type SafeHtml } from '../../shared/domain/html';

/** The form that asks for a sign-in link; every refusal page offers it, so there is always a way on. */
export function askForLinkForm(input: { csrf: string; next?: string; email?: string; error?: string }): SafeHtml {
  const error = input.error ? html`<p class="error" id="email-error">${input.error}</p>` : '';
  const described = input.error ? html` aria-describedby="email-error" aria-invalid="true"` : '';
  return html`<form method="post" action="/console/sign-in"><input type="hidden" name="csrf" value="${input.csrf}">
${input.next ? html`<input type="hidden" name="next" value="${input.next}">` : ''}${error}
<label for="email">Email address</label>
<input type="email" id="email" name="email" autocomplete="email" spellcheck="false" required maxlength="254" value="${input.email ?? ''}"${described}>
<button type="submit">Email me a sign-in link</button></form>`;
}

/** "Sign out" and "Sign out everywhere", for a page shown to someone signed in. */
export function signOutForms(csrf: string): SafeHtml {
  return html`<form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" class="secondary">Sign out</button></form>
<form method="post" action="/console/sign-out"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="everywhere" value="yes">
<button type="submit" class="danger">Sign out everywhere</button><small>Ends every session of yours, on every device and browser.</small></form>`;
}
