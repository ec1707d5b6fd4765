// Starts the page: who is signed in, the connection, the offline banner and the hash routes
// #/ (lobby), #/sell, #/host, #/auction/<id> and #/show/<id>, so that a reload comes back to the same place.
import {currentSession, signOut} from './auth.js';
import {Connection} from './connection.js';
import {fill, setText} from './dom.js';
import {lobbyView} from './lobby.js';
import {roomView} from './room.js';
import {sellView} from './sell.js';
import {hostView, showView} from './show.js';
import {signInView} from './signin.js';

const main = document.getElementById('main');
const account = document.querySelector('[data-testid="account"]');
const accountName = document.querySelector('[data-testid="account-name"]');
const banner = document.querySelector('[data-testid="offline-banner"]');
const bannerText = document.querySelector('[data-testid="offline-text"]');

let session = currentSession();
let conn = null;
let view = null;
let bannerTimer;
let wasOffline = false;
let signInReason = null;

document.querySelector('[data-testid="sign-out"]').addEventListener('click', () => leave(null));
document.querySelector('[data-testid="reconnect-now"]').addEventListener('click', () => conn && conn.retryNow());
window.addEventListener('hashchange', route);

connect();
route();

function connect() {
  account.hidden = !session;
  if (!session) {
    document.body.dataset.connection = 'signed-out';
    return;
  }
  setText(accountName, session.user.name);
  conn = new Connection(session, {
    onRefused: () => leave('The server no longer accepts your sign-in. Please sign in again.'),
  });
  conn.onStatus(showStatus);
  conn.start();
}

function leave(reason) {
  if (view) {
    view.dispose();
    view = null;
  }
  conn.stop();
  conn = null;
  session = null;
  signOut();
  clearInterval(bannerTimer);
  banner.hidden = true;
  wasOffline = false;
  signInReason = reason;
  connect();
  route();
}

/** The banner says when the next attempt is due, and stays until the connection is back. */
function showStatus(state) {
  clearInterval(bannerTimer);
  document.body.dataset.connection = state.name;
  // The first connection is usually up in a blink: no banner for it unless it fails.
  wasOffline = state.name === 'offline' || (wasOffline && state.name !== 'online');
  banner.hidden = !wasOffline;
  if (!wasOffline) {
    return;
  }
  const update = () => {
    if (state.reason) {
      setText(bannerText, state.reason);
    } else if (state.retryAt) {
      const seconds = Math.max(0, Math.ceil((state.retryAt - Date.now()) / 1000));
      setText(bannerText, `You're offline. Reconnecting in ${seconds} s…`);
    } else {
      setText(bannerText, "You're offline. Reconnecting…");
    }
  };
  update();
  bannerTimer = setInterval(update, 500);
}

function route() {
  if (view) {
    view.dispose();
    view = null;
  }
  const path = location.hash.replace(/^#/, '') || '/';
  const auction = path.match(/^\/auction\/([A-Za-z0-9_-]{1,64})$/);
  const show = path.match(/^\/show\/([A-Za-z0-9-]{1,64})$/);
  const context = {conn, session};
  if (!session) {
    const reason = signInReason
      ?? (auction ? 'Sign in to join this auction.' : show ? 'Sign in to join this show.' : path === '/sell' || path === '/host' ? 'Sign in to sell.' : null);
    signInReason = null;
    const signIn = signInView((signedIn) => {
      session = signedIn;
      connect();
      route();
    }, reason);
    if (auction || show || path === '/sell' || path === '/host') {
      document.title = 'Sign in · Gavel';
      fill(main, signIn);
      return;
    }
    view = lobbyView(context);
    document.title = 'Gavel live auctions';
    fill(main, signIn, view.node);
    return;
  }
  if (auction) {
    view = roomView(context, auction[1]);
  } else if (show) {
    view = showView(context, show[1]);
    document.title = 'Show · Gavel';
  } else if (path === '/host') {
    view = hostView(context, (hash) => {
      location.hash = hash;
    });
    document.title = 'Host a show · Gavel';
  } else if (path === '/sell') {
    view = sellView(context, (hash) => {
      location.hash = hash;
    });
    document.title = 'Sell an item · Gavel';
  } else {
    view = lobbyView(context);
    document.title = 'Gavel live auctions';
  }
  fill(main, view.node);
}
