// Signing in: a display name gets a demo token where the server offers them; otherwise paste a JWT.
import {field, h} from './dom.js';
import {signInWithName, signInWithToken} from './auth.js';

export function signInView(onSignedIn, reason) {
  const name = h('input', {type: 'text', maxLength: 32, required: true, autocomplete: 'nickname', testid: 'signin-name'});
  const moderator = h('input', {type: 'checkbox', testid: 'signin-moderator'});
  const token = h('textarea', {rows: 3, testid: 'signin-token', spellcheck: 'false', autocomplete: 'off'});
  const error = h('p', {class: 'feedback error', testid: 'signin-error', role: 'alert', hidden: true});
  const nameButton = h('button', {type: 'submit', class: 'primary', testid: 'signin-submit'}, 'Join');
  const tokenButton = h('button', {type: 'submit', testid: 'signin-token-submit'}, 'Use this token');

  const node = h('section', {class: 'signin panel', testid: 'signin', 'aria-labelledby': 'signin-heading'},
    h('h1', {id: 'signin-heading'}, 'Join the auction'),
    reason ? h('p', {class: 'muted', testid: 'signin-reason'}, reason) : null,
    h('form', {class: 'signin-name', onsubmit: (event) => attempt(event, () => signInWithName(name.value.trim(), moderator.checked ? ['moderator'] : []))},
      field('Your display name', name, 'Shown to other bidders. Up to 32 characters.'),
      h('label', {class: 'checkbox'}, moderator, ' Moderator (may end or cancel any auction)'),
      nameButton),
    h('details', {class: 'signin-token'},
      h('summary', {}, 'Have a token from your identity provider?'),
      h('form', {onsubmit: (event) => attempt(event, () => signInWithToken(token.value))},
        field('Access token (JWT)', token),
        tokenButton)),
    error);

  async function attempt(event, signIn) {
    event.preventDefault();
    error.hidden = true;
    nameButton.disabled = tokenButton.disabled = true;
    try {
      onSignedIn(await signIn());
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      nameButton.disabled = tokenButton.disabled = false;
    }
  }

  return node;
}
