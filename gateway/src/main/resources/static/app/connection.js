// The one WebSocket of the page. It reconnects by itself with growing, jittered delays, and on every (re)connect
// subscribes again to what the page watches, each auction from the last seq the page has applied, so the gateway
// replays what was missed (or sends a snapshot marked resync when it no longer can).
import {tokenRefused} from './auth.js';
import * as clock from './clock.js';
import {randomId} from './format.js';

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
const PING_EVERY_MS = 20000;
/** A connection that does not answer a ping within this time is dead even if the browser has not noticed. */
const PONG_WITHIN_MS = 8000;
/** The gateway answers every command within its reply timeout (10 s by default); this is the page's last resort. */
const REPLY_WITHIN_MS = 15000;
/** Close codes after which reconnecting at once would be refused again: wait for the person to ask. */
const NO_AUTOMATIC_RETRY = new Map([
  [4029, 'You have too many Gavel tabs open. Close some, then reconnect.'],
  [1008, 'The server closed the connection: too many requests.'],
]);

export class Connection {
  constructor(session, {onRefused}) {
    this.session = session;
    this.onRefused = onRefused;
    this.listeners = new Set();
    this.statusListeners = new Set();
    this.pending = new Map(); // requestId -> {message, resolve, timer, resend}
    this.auctions = new Map(); // auctionId -> {lastSeq: () => number, onError}
    this.shows = new Map(); // showId -> {lastSeq: () => number or null, onError}
    this.lobby = false;
    this.attempt = 0;
    this.ws = null;
    this.stopped = false;
    this.state = {name: 'connecting'};
    this.onOnline = () => this.retryNow();
  }

  start() {
    window.addEventListener('online', this.onOnline);
    this.open();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    clearTimeout(this.retryTimer);
    this.stopTimers();
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.close(1000, 'signed out');
    }
    for (const id of [...this.pending.keys()]) {
      this.settle(id, localError('OFFLINE'));
    }
  }

  /** Every message from the server, replies included. Returns the function that stops listening. */
  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** {name: 'connecting' | 'online' | 'offline', retryAt?, reason?}, now and on every change. */
  onStatus(listener) {
    this.statusListeners.add(listener);
    listener(this.state);
    return () => this.statusListeners.delete(listener);
  }

  get online() {
    return this.state.name === 'online';
  }

  retryNow() {
    if (!this.stopped && !this.ws) {
      this.attempt = 0;
      this.open();
    }
  }

  /**
   * Sends a request and resolves with its one reply, or with a local error (type 'error', local: true) when it
   * cannot be sent or no reply comes. With {resend: true} a request cut off by a dropped connection is sent again
   * once connected: only for messages that are safe to repeat, such as a bid with a bidId.
   */
  request(message, {resend = false} = {}) {
    const requestId = randomId('r');
    const full = {...message, requestId};
    return new Promise((resolve) => {
      if (!this.online) {
        resolve(localError('OFFLINE'));
        return;
      }
      const timer = setTimeout(() => this.settle(requestId, localError('NO_REPLY')), REPLY_WITHIN_MS);
      this.pending.set(requestId, {message: full, resolve, timer, resend});
      this.send(full);
    });
  }

  /** Follows an auction until unwatch; lastSeq tells where to resume after a reconnect. */
  watch(auctionId, lastSeq, onError) {
    this.auctions.set(auctionId, {lastSeq, onError});
    if (this.online) {
      this.subscribe(auctionId);
    }
  }

  unwatch(auctionId) {
    if (this.auctions.delete(auctionId) && this.online) {
      this.send({type: 'unsubscribe', auctionId});
    }
  }

  /** Follows a show until unwatchShow; the gateway also follows its running lot for the page. */
  watchShow(showId, lastSeq, onError) {
    this.shows.set(showId, {lastSeq, onError});
    if (this.online) {
      this.subscribeShow(showId);
    }
  }

  unwatchShow(showId) {
    if (this.shows.delete(showId) && this.online) {
      this.send({type: 'unsubscribe-show', showId});
    }
  }

  watchLobby(on) {
    if (this.lobby !== on) {
      this.lobby = on;
      if (this.online) {
        this.send({type: on ? 'subscribe-lobby' : 'unsubscribe-lobby'});
      }
    }
  }

  open() {
    clearTimeout(this.retryTimer);
    const url = new URL('ws', location.href);
    url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    url.hash = '';
    // Browsers cannot set headers on a WebSocket handshake; the gateway reads the token from the query instead.
    url.searchParams.set('access_token', this.session.token);
    const ws = new WebSocket(url);
    let opened = false;
    this.ws = ws;
    this.setState({name: 'connecting'});
    ws.onopen = () => {
      if (ws !== this.ws) {
        return;
      }
      opened = true;
      this.attempt = 0;
      clock.reset();
      this.setState({name: 'online'});
      if (this.lobby) {
        this.send({type: 'subscribe-lobby'});
      }
      for (const auctionId of this.auctions.keys()) {
        this.subscribe(auctionId);
      }
      for (const showId of this.shows.keys()) {
        this.subscribeShow(showId);
      }
      for (const entry of this.pending.values()) {
        this.send(entry.message);
      }
      this.ping();
      this.heartbeat = setInterval(() => this.ping(), PING_EVERY_MS);
    };
    ws.onmessage = (event) => {
      if (ws !== this.ws) {
        return;
      }
      const message = JSON.parse(event.data);
      if (message.type === 'events') {
        // Several events of one auction that came close together, in order: each is handled as if sent alone.
        message.events.forEach((inner) => this.receive(inner));
      } else {
        this.receive(message);
      }
    };
    ws.onclose = (event) => {
      if (ws === this.ws) {
        this.dropped(event.code, opened);
      }
    };
  }

  subscribe(auctionId) {
    const entry = this.auctions.get(auctionId);
    this.request({type: 'subscribe', auctionId, lastSeq: entry.lastSeq()}).then((reply) => {
      if (reply.type === 'error' && !reply.local && this.auctions.get(auctionId) === entry) {
        entry.onError(reply);
      }
    });
  }

  subscribeShow(showId) {
    const entry = this.shows.get(showId);
    const lastSeq = entry.lastSeq();
    this.request({type: 'subscribe-show', showId, ...(lastSeq === null ? {} : {lastSeq})}).then((reply) => {
      if (reply.type === 'error' && !reply.local && this.shows.get(showId) === entry) {
        entry.onError(reply);
      }
    });
  }

  ping() {
    if (this.pongTimer || !this.online) {
      return;
    }
    const requestId = randomId('ping');
    const sentAt = Date.now();
    this.pingRequest = {requestId, sentAt};
    this.pongTimer = setTimeout(() => this.forceDrop(), PONG_WITHIN_MS);
    this.send({type: 'ping', requestId});
  }

  receive(message) {
    clock.observe(message.serverTime);
    if (message.type === 'pong' && this.pingRequest && message.requestId === this.pingRequest.requestId) {
      clock.pong(this.pingRequest.sentAt, Date.now(), message.serverTime);
      clearTimeout(this.pongTimer);
      this.pongTimer = null;
      return;
    }
    for (const listener of [...this.listeners]) {
      listener(message);
    }
    if (message.requestId) {
      this.settle(message.requestId, message);
    }
  }

  settle(requestId, reply) {
    const entry = this.pending.get(requestId);
    if (entry) {
      this.pending.delete(requestId);
      clearTimeout(entry.timer);
      entry.resolve(reply);
    }
  }

  send(message) {
    this.ws.send(JSON.stringify(message));
  }

  /** The browser may take minutes to notice a dead network; a missed pong is enough to start again. */
  forceDrop() {
    const ws = this.ws;
    this.ws = null;
    ws.close(4000, 'no answer to ping');
    this.dropped(4000, true);
  }

  async dropped(code, opened) {
    this.ws = null;
    this.stopTimers();
    this.setState({name: 'offline'});
    for (const [requestId, entry] of [...this.pending]) {
      if (!entry.resend) {
        this.settle(requestId, localError('CONNECTION_LOST'));
      }
    }
    if (this.stopped) {
      return;
    }
    // A refused handshake looks like any failed connection; only a REST call with the token tells them apart.
    if (!opened && (await tokenRefused(this.session.token))) {
      this.stopped = true;
      this.onRefused();
      return;
    }
    if (this.stopped || this.ws) {
      return; // signed out, or reconnected by hand, while the token was being checked
    }
    const reason = NO_AUTOMATIC_RETRY.get(code);
    if (reason) {
      this.setState({name: 'offline', reason});
      return;
    }
    const base = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    // Jitter, so that thousands of viewers dropped together do not all come back in the same millisecond.
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.attempt++;
    this.setState({name: 'offline', retryAt: Date.now() + delay});
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  stopTimers() {
    clearInterval(this.heartbeat);
    clearTimeout(this.pongTimer);
    this.pongTimer = null;
  }

  setState(state) {
    this.state = state;
    for (const listener of [...this.statusListeners]) {
      listener(state);
    }
  }
}

function localError(code) {
  return {type: 'error', code, local: true};
}
