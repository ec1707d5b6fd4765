// Who is signed in: a token and the user it names, kept in localStorage so that a reload keeps you signed in.

const KEY = 'gavel.auth';

/** {token, user: {id, name}, roles, expiresAt} or null. */
export function currentSession() {
  try {
    const session = JSON.parse(localStorage.getItem(KEY));
    if (session && session.token && session.user && session.expiresAt > Date.now()) {
      return session;
    }
  } catch (e) {
    // A damaged entry is as good as none.
  }
  localStorage.removeItem(KEY);
  return null;
}

export function signOut() {
  localStorage.removeItem(KEY);
}

/** Demo sign-in: the server hands out a token for a display name, with the roles asked for (only where it is enabled). */
export async function signInWithName(name, roles = []) {
  const response = await fetch('api/demo/token', {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({name, roles}),
  });
  if (response.status === 404 || response.status === 401 || response.status === 403) {
    throw new Error('This server does not hand out demo sign-ins. Paste a token from your identity provider instead.');
  }
  if (!response.ok) {
    throw new Error(`Sign-in failed: ${await problem(response)}`);
  }
  const body = await response.json();
  return save({token: body.token, user: body.user, roles: body.roles || [], expiresAt: body.expiresAt});
}

/**
 * Sign-in with a JWT issued elsewhere. The user is read from its claims the way the gateway reads them; the server
 * is asked to check it before it is kept (any request with a bad token is refused with 401).
 */
export async function signInWithToken(token) {
  const claims = decode(token.trim());
  if (!claims || !claims.sub || typeof claims.exp !== 'number') {
    throw new Error('That is not a JWT with a subject and an expiry.');
  }
  if (claims.exp * 1000 <= Date.now()) {
    throw new Error('That token has expired.');
  }
  if (await tokenRefused(token.trim())) {
    throw new Error('The server refused that token.');
  }
  const name = [claims.name, claims.preferred_username, claims.sub].find((n) => typeof n === 'string' && n.trim());
  // The page only shows what the roles allow; the gateway decides from the token itself.
  const roles = Array.isArray(claims.roles) ? claims.roles.map((role) => String(role).toLowerCase()) : [];
  return save({token: token.trim(), user: {id: claims.sub, name: name.slice(0, 64)}, roles, expiresAt: claims.exp * 1000});
}

/** Whether the session may end, cancel and remove bidders from any auction. */
export function moderates(session) {
  const roles = session.roles || [];
  return roles.includes('moderator') || roles.includes('admin');
}

/** Whether the server refuses {@code token}: any request that carries a bad token is answered 401. */
export async function tokenRefused(token) {
  try {
    const check = await fetch('api/auctions?size=1', {headers: {Authorization: `Bearer ${token}`}});
    return check.status === 401;
  } catch (e) {
    return false; // unreachable is not refused
  }
}

function save(session) {
  localStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

function decode(token) {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    return null;
  }
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.detail || body.message || `HTTP ${response.status}`;
  } catch (e) {
    return `HTTP ${response.status}`;
  }
}
