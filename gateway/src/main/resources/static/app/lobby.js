// The lobby: every open auction, soonest to end first. New auctions and endings arrive live on the lobby channel.
// Prices and bid counts are refreshed from the REST list every few seconds instead of subscribing to every auction
// on the page: a busy lobby holds dozens of auctions, and a subscription to each would push every bid of every one
// of them to every person merely browsing, where a glance needs no more than a fresh price every few seconds. The
// room, where a bid is decided, is the place for every event as it happens. The show's statistics (stats.js) come
// with the list, and live from the lobby channel at most once a second.
import {serverNow} from './clock.js';
import {fill, h, setText} from './dom.js';
import {clockTime, money, timeLeft} from './format.js';
import {statsPanel} from './stats.js';

const REFRESH_MS = 5000;
const PAGE_SIZE = 50;
const FRESH_MS = 3000;

export function lobbyView({conn}) {
  const cards = new Map(); // auctionId -> {auction, node, parts}
  const ended = new Set(); // never re-added by a list fetched just before the end
  let order = [];
  let totalItems = 0;
  let refreshTimer;
  let inFlight = false;
  let disposed = false;
  let statsPushedAt = 0;

  const list = h('ul', {class: 'lobby-list', testid: 'lobby-list'});
  const showList = h('ul', {class: 'show-list', testid: 'show-list'});
  const showsSection = h('section', {class: 'lobby-shows', testid: 'lobby-shows', hidden: true, 'aria-labelledby': 'shows-heading'},
    h('h2', {id: 'shows-heading'}, 'Shows'), showList);
  const empty = h('p', {class: 'panel muted', testid: 'lobby-empty', hidden: true},
    'No live auctions right now. ', h('a', {href: '#/sell'}, 'Sell something!'));
  const status = h('p', {class: 'muted lobby-status', testid: 'lobby-status'});
  const stats = statsPanel();
  const node = h('section', {class: 'lobby', 'aria-labelledby': 'lobby-heading'},
    h('div', {class: 'lobby-head'},
      h('h1', {id: 'lobby-heading'}, 'Live auctions'),
      h('a', {class: 'button primary', href: '#/sell', testid: 'lobby-sell'}, 'Sell an item')),
    showsSection,
    stats.node,
    status,
    empty,
    list);

  const stopListening = conn ? conn.on(onMessage) : () => {};
  if (conn) {
    conn.watchLobby(true);
  }
  const ticker = setInterval(tick, 1000);
  const onVisible = () => document.visibilityState === 'visible' && refresh();
  document.addEventListener('visibilitychange', onVisible);
  refresh();

  async function refresh() {
    if (inFlight) {
      return;
    }
    inFlight = true;
    clearTimeout(refreshTimer);
    const requestedAt = Date.now();
    try {
      const [page, current, shows] = await Promise.all([
        getJson(`api/auctions?page=0&size=${PAGE_SIZE}`), getJson('api/stats'), getJson('api/shows?page=0&size=20')]);
      if (!disposed) {
        renderShows(shows.items.filter((show) => show.status !== 'ENDED'));
        totalItems = page.totalItems;
        merge(page.items, requestedAt);
        // A push that arrived while the request was out is newer.
        if (statsPushedAt < requestedAt) {
          stats.show(current);
        }
      }
    } catch (e) {
      setText(status, 'Could not load the auctions. Trying again…');
    }
    inFlight = false;
    // A hidden tab stops polling; coming back refreshes at once.
    if (!disposed && document.visibilityState === 'visible') {
      refreshTimer = setTimeout(refresh, REFRESH_MS);
    }
  }

  /** The fetched list wins, except over what the lobby channel told since the request left. */
  function merge(items, requestedAt) {
    const listed = new Set();
    for (const auction of items) {
      if (!ended.has(auction.id)) {
        listed.add(auction.id);
        upsert(auction, false);
      }
    }
    for (const [id, card] of cards) {
      if (!listed.has(id) && card.addedAt < requestedAt) {
        remove(id);
      }
    }
    render();
  }

  function onMessage(message) {
    if (message.type === 'stats') {
      statsPushedAt = Date.now();
      stats.show(message.stats);
      return;
    }
    const created = message.type === 'auction-created' && message.auction;
    if (created && created.status === 'OPEN' && !ended.has(created.id) && !cards.has(created.id)) {
      upsert(created, true);
      totalItems++;
      render();
    } else if (message.type === 'auction-ended' && cards.has(message.auctionId)) {
      ended.add(message.auctionId);
      remove(message.auctionId);
      totalItems--;
      render();
    }
  }

  function upsert(auction, live) {
    const card = cards.get(auction.id);
    if (card) {
      if (auction.seq >= card.auction.seq) {
        card.auction = auction;
        update(card);
      }
      return;
    }
    const created = makeCard(auction);
    created.addedAt = Date.now();
    if (live) {
      created.node.classList.add('fresh');
      setTimeout(() => created.node.classList.remove('fresh'), FRESH_MS);
    }
    cards.set(auction.id, created);
    update(created);
  }

  function remove(id) {
    const card = cards.get(id);
    if (card) {
      card.node.remove();
      cards.delete(id);
    }
  }

  function render() {
    const sorted = [...cards.values()].sort((a, b) => a.auction.endsAt - b.auction.endsAt || (a.auction.id < b.auction.id ? -1 : 1));
    const ids = sorted.map((card) => card.auction.id);
    // Re-append only when the order changed: moving a node would take the keyboard focus off it.
    if (ids.join() !== order.join()) {
      fill(list, ...sorted.map((card) => card.node));
      order = ids;
    }
    empty.hidden = cards.size > 0;
    const shown = cards.size;
    setText(status, totalItems > shown ? `Showing the ${shown} auctions ending soonest of ${totalItems}.` : '');
    tick();
  }

  /** Live and upcoming shows, as cards to join; refreshed with the list (a show changes a few times a minute). */
  function renderShows(shows) {
    showsSection.hidden = shows.length === 0;
    fill(showList, ...shows.map((show) => h('li', {class: 'card show-card', testid: 'show-item', 'data-show-id': show.id},
      h('a', {class: 'card-link', href: `#/show/${encodeURIComponent(show.id)}`},
        h('h3', {class: 'card-title', testid: 'show-item-title'}, show.title),
        h('div', {class: 'card-meta'},
          h('span', {class: show.status === 'LIVE' ? 'badge live' : 'badge', testid: 'show-item-status'},
            show.status === 'LIVE' ? 'LIVE' : `Starts ${clockTime(show.scheduledStart)}`),
          h('span', {}, `${show.lineup.length} lot${show.lineup.length === 1 ? '' : 's'}`)),
        h('div', {class: 'card-foot'}, h('span', {class: 'muted'}, `hosted by ${show.host.name}`))))));
  }

  function tick() {
    stats.tick();
    for (const card of cards.values()) {
      const left = card.auction.endsAt - serverNow();
      setText(card.parts.timeLeft, left > 0 ? timeLeft(left) : 'Closing…');
      card.parts.timeLeft.classList.toggle('urgent', left <= 10000);
    }
  }

  return {
    node,
    dispose() {
      disposed = true;
      clearTimeout(refreshTimer);
      clearInterval(ticker);
      document.removeEventListener('visibilitychange', onVisible);
      stopListening();
      if (conn) {
        conn.watchLobby(false);
      }
    },
  };
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  return response.json();
}

function makeCard(auction) {
  const parts = {
    title: h('h2', {class: 'card-title', testid: 'lobby-title'}),
    priceLabel: h('span', {class: 'label'}),
    price: h('span', {class: 'price', testid: 'lobby-price'}),
    timeLeft: h('span', {class: 'time-left', testid: 'lobby-time-left'}),
    bids: h('span', {testid: 'lobby-bids'}),
    seller: h('span', {class: 'muted'}),
    buyNow: h('span', {class: 'badge', testid: 'lobby-buy-now'}),
  };
  const suddenDeath = auction.mode === 'sudden-death' ? h('span', {class: 'badge'}, 'Sudden death') : null;
  const link = h('a', {class: 'card-link', href: `#/auction/${encodeURIComponent(auction.id)}`},
    parts.title,
    h('div', {class: 'card-price'}, parts.priceLabel, parts.price),
    h('div', {class: 'card-meta'},
      h('span', {}, h('span', {class: 'sr-only'}, 'Time left: '), parts.timeLeft),
      parts.bids),
    h('div', {class: 'card-foot'}, parts.seller, h('span', {class: 'card-badges'}, suddenDeath, parts.buyNow)));
  const node = h('li', {class: 'card', testid: 'lobby-item', 'data-auction-id': auction.id}, link);
  return {auction, node, parts};
}

function update(card) {
  const {auction, parts} = card;
  setText(parts.title, auction.title);
  setText(parts.priceLabel, auction.currentBid === null ? 'Starting at' : 'Current bid');
  setText(parts.price, money(auction.currentBid ?? auction.startingPrice));
  setText(parts.bids, `${auction.bidCount} bid${auction.bidCount === 1 ? '' : 's'}`);
  setText(parts.seller, `by ${auction.seller.name}`);
  parts.buyNow.hidden = !auction.buyNowAvailable;
  setText(parts.buyNow, auction.buyNowAvailable ? `Buy now ${money(auction.buyNowPrice)}` : '');
}
