// The auction room: price, leader, countdown, bidding, history and the outcome, kept live over the WebSocket.
import {AuctionState} from './auction-state.js';
import {serverNow} from './clock.js';
import {field, fill, h, setText} from './dom.js';
import {clockTime, duration, money, parseAmount, randomId, timeLeft} from './format.js';
import {explain, outcome} from './texts.js';
import {moderates} from './auth.js';

/** How long a two-step button (buy now, cancel) waits for its confirming click. */
const CONFIRM_MS = 5000;
const EXTENDED_NOTICE_MS = 4000;

/** With {inShow: true} the room is the running lot of a show's page: no way back to the lobby of its own. */
export function roomView({conn, session}, auctionId, {inShow = false} = {}) {
  const me = session.user;
  const state = new AuctionState(auctionId, me.id);
  let pending = false;
  let extendedUntil = 0;

  const title = h('h1', {testid: 'auction-title'});
  const seller = h('span', {testid: 'seller-name'});
  const badges = h('ul', {class: 'badges', testid: 'auction-rules', 'aria-label': 'Auction rules'});
  const description = h('p', {class: 'description', testid: 'auction-description'});
  const priceLabel = h('span', {class: 'label'});
  const price = h('span', {class: 'price', testid: 'current-price'});
  const countdown = h('span', {class: 'countdown', testid: 'countdown', role: 'timer', 'aria-live': 'off'});
  const extendedNotice = h('span', {class: 'extended', testid: 'extended-notice', hidden: true});
  const leader = h('p', {class: 'leader', testid: 'leader'});
  const myStatus = h('p', {class: 'my-status', testid: 'my-status', role: 'status'});
  const endedBanner = h('div', {class: 'ended-banner', testid: 'ended-banner', role: 'status', hidden: true});
  const feedback = h('p', {class: 'feedback', testid: 'bid-feedback', role: 'status', 'aria-live': 'polite'});
  const history = h('ol', {class: 'history', testid: 'bid-history'});
  const historyEmpty = h('p', {class: 'muted', testid: 'bid-history-empty'}, 'No bids yet. Be the first!');
  const historyNote = h('p', {class: 'muted', testid: 'bid-history-note'}, 'Earlier bids are not shown.');

  const quickBid = h('button', {type: 'button', class: 'primary big', testid: 'quick-bid', onclick: () => bid({amount: state.auction.minimumNextBid})});
  const amountInput = h('input', {type: 'text', inputMode: 'decimal', autocomplete: 'off', testid: 'bid-amount', placeholder: 'e.g. 125.00'});
  const maxInput = h('input', {type: 'text', inputMode: 'decimal', autocomplete: 'off', testid: 'max-bid', placeholder: 'optional'});
  const placeBid = h('button', {type: 'submit', testid: 'place-bid'}, 'Place bid');
  const customForm = h('form', {class: 'custom-bid', testid: 'custom-bid-form', onsubmit: onCustomBid, novalidate: true},
    h('div', {class: 'field-row'},
      field('Your bid', amountInput),
      field('Max bid', maxInput, 'We bid for you, step by step, up to this.')),
    placeBid);
  const buyNow = twoStep('buy-now', 'secondary', () => `Buy now for ${money(state.auction.buyNowPrice)}`,
    () => `Tap again to buy for ${money(state.auction.buyNowPrice)}`, onBuyNow);
  const cancel = twoStep('cancel-auction', 'danger', () => 'Cancel auction', () => 'Tap again to cancel the auction', onCancel);
  const bidControls = h('div', {class: 'bid-controls', testid: 'bid-controls'}, quickBid, customForm, buyNow.button);
  const sellerControls = h('div', {class: 'seller-controls', testid: 'seller-controls'}, cancel.button);
  const endNow = twoStep('moderator-end', 'secondary', () => 'End now', () => 'Tap again to end the auction now',
    () => moderate('end', 'The auction is ended.'));
  const moderatorCancel = twoStep('moderator-cancel', 'danger', () => 'Cancel as moderator',
    () => 'Tap again to cancel the auction', () => moderate('cancel', 'The auction is cancelled.'));
  const moderatorControls = h('div', {class: 'moderator-controls', testid: 'moderator-controls'},
    endNow.button, moderatorCancel.button);

  const loading = h('p', {class: 'panel muted', testid: 'room-loading'}, 'Loading the auction…');
  const room = h('article', {class: 'room', testid: 'room', 'data-auction-id': auctionId, hidden: true},
    h('header', {class: 'room-head'},
      title,
      h('p', {class: 'seller'}, 'Sold by ', seller),
      badges),
    h('section', {class: 'bid-panel', 'aria-label': 'Bidding'},
      endedBanner,
      h('div', {class: 'price-row'},
        h('div', {class: 'price-box'}, priceLabel, price),
        h('div', {class: 'time-box'}, h('span', {class: 'label'}, 'Time left'), countdown, extendedNotice)),
      leader,
      myStatus,
      bidControls,
      sellerControls,
      moderatorControls,
      feedback),
    h('section', {class: 'room-details'},
      description,
      h('h2', {}, 'Bid history'),
      historyEmpty,
      history,
      historyNote));
  const back = inShow ? null : h('a', {class: 'back', href: '#/', testid: 'back-to-lobby'}, '← All auctions');
  const node = h('div', {class: 'room-page'}, back, loading, room);

  const stopListening = conn.on(onMessage);
  const stopStatus = conn.onStatus(() => render());
  conn.watch(auctionId, () => state.lastSeq, onSubscribeError);
  const ticker = setInterval(tick, 250);
  render();

  function onMessage(message) {
    const change = state.apply(message);
    if (!change) {
      return;
    }
    if (change.kind === 'gap') {
      conn.watch(auctionId, () => state.lastSeq, onSubscribeError); // asks for the missed events again
      return;
    }
    if (change.kind === 'bid' && change.bidder.id !== me.id && !feedback.classList.contains('error')) {
      show(feedback, '', ''); // "you're winning" is old news once someone else bids
    }
    if (change.extendedBy > 0 && state.auction.status === 'OPEN') {
      extendedUntil = Date.now() + EXTENDED_NOTICE_MS;
      setText(extendedNotice, `Extended +${Math.round(change.extendedBy / 1000)} s`);
    }
    render();
  }

  function onSubscribeError(reply) {
    if (reply.code === 'AUCTION_NOT_FOUND' && state.auction && state.auction.status === 'ENDED') {
      return; // the gateway forgot an ended auction; what this tab kept of it is all there is to show
    }
    if (reply.code === 'AUCTION_NOT_FOUND' && !state.auction) {
      fill(loading, 'This auction could not be found. Auctions are kept for a few minutes after they end. ',
        h('a', {href: '#/'}, 'Back to the lobby'));
      loading.dataset.testid = 'room-not-found';
    } else {
      show(feedback, explain(reply), 'error');
    }
  }

  function render() {
    const auction = state.auction;
    if (!auction) {
      return;
    }
    loading.hidden = true;
    room.hidden = false;
    document.title = `${auction.title} · Gavel`;
    setText(title, auction.title);
    setText(seller, auction.seller.name);
    setText(description, auction.description || 'No description.');
    fill(badges, ...rules(auction).map((rule) => h('li', {class: 'badge'}, rule)));
    const open = auction.status === 'OPEN';
    setText(priceLabel, auction.currentBid === null ? 'Starting price' : open ? 'Current bid' : 'Highest bid');
    setText(price, money(auction.currentBid ?? auction.startingPrice));
    if (auction.leader) {
      setText(leader, `${open ? 'Leading' : 'Highest bidder'}: ${auction.leader.name} · ${plural(auction.bidCount, 'bid')}`);
    } else {
      setText(leader, open ? 'No bids yet' : 'No bids');
    }
    setText(historyEmpty, open ? 'No bids yet. Be the first!' : 'No bids.');

    const isSeller = auction.seller.id === me.id;
    endedBanner.hidden = open;
    if (!open) {
      setText(endedBanner, outcome(auction, me));
      endedBanner.className = `ended-banner outcome-${auction.outcome.toLowerCase()}`;
    }
    renderMyStatus(auction, open, isSeller);

    bidControls.hidden = !open || isSeller;
    sellerControls.hidden = !open || !isSeller || auction.bidCount > 0;
    moderatorControls.hidden = !open || !moderates(session);
    buyNow.button.hidden = !auction.buyNowAvailable;
    const disabled = pending || !conn.online;
    for (const control of [quickBid, placeBid, buyNow.button, cancel.button, endNow.button, moderatorCancel.button]) {
      control.disabled = disabled;
    }
    // The leader cannot outbid themselves; raising one's maximum goes through the form.
    quickBid.disabled = disabled || (auction.leader !== null && auction.leader.id === me.id);
    setText(quickBid, `Bid ${money(auction.minimumNextBid)}`);
    buyNow.refresh();
    cancel.refresh();
    endNow.refresh();
    moderatorCancel.refresh();
    renderHistory();
    tick();
  }

  function renderMyStatus(auction, open, isSeller) {
    let text = '';
    let kind = '';
    if (open && isSeller) {
      text = 'This is your auction.';
      kind = 'seller';
    } else if (open && auction.leader && auction.leader.id === me.id) {
      text = "You're winning!";
      kind = 'winning';
    } else if (open && state.bidByMe) {
      text = 'Outbid! Bid again to take the lead.';
      kind = 'outbid';
    }
    setText(myStatus, text);
    myStatus.hidden = !text;
    myStatus.className = `my-status ${kind}`;
  }

  function renderHistory() {
    historyEmpty.hidden = state.auction.bidCount > 0;
    // A snapshot instead of a replay (events too old to keep) or a long history leaves earlier bids out.
    historyNote.hidden = state.history.length >= state.auction.bidCount;
    if (history.childElementCount === state.history.length && history.firstElementChild?.dataset.seq === String(state.history[0]?.seq)) {
      return;
    }
    fill(history, ...state.history.map((entry) => {
      const mine = entry.bidder.id === me.id;
      return h('li', {testid: 'bid-entry', 'data-seq': entry.seq, class: mine ? 'mine' : null},
        h('span', {class: 'who'}, mine ? `${entry.bidder.name} (you)` : entry.bidder.name),
        h('span', {class: 'amount'}, money(entry.amount)),
        h('time', {datetime: new Date(entry.at).toISOString()}, clockTime(entry.at)),
        entry.leader && entry.leader.id !== entry.bidder.id
          ? h('span', {class: 'muted proxy'}, `${entry.leader.name}'s max bid answered: ${money(entry.currentBid)}`)
          : null);
    }));
  }

  function tick() {
    const auction = state.auction;
    if (!auction) {
      return;
    }
    countdown.dataset.endsAt = auction.endsAt;
    if (auction.status !== 'OPEN') {
      setText(countdown, 'Ended');
      countdown.className = 'countdown ended';
      extendedNotice.hidden = true;
      return;
    }
    const left = auction.endsAt - serverNow();
    setText(countdown, left > 0 ? timeLeft(left) : 'Closing…');
    const finalWindow = Math.max(auction.softCloseMs, 10000);
    countdown.className = `countdown${left <= finalWindow ? ' urgent' : ''}`;
    extendedNotice.hidden = Date.now() > extendedUntil;
  }

  async function bid(amounts) {
    if (pending) {
      return;
    }
    pending = true;
    render();
    // A bidId makes the bid safe to send again if the connection drops before the answer.
    const reply = await conn.request({type: 'place-bid', auctionId, ...amounts, bidId: randomId('b')}, {resend: true});
    pending = false;
    if (reply.type === 'bid-accepted') {
      state.markBid();
      show(feedback, accepted(reply, amounts), reply.leading ? 'ok' : 'warn');
      amountInput.value = '';
      maxInput.value = '';
    } else {
      show(feedback, explain(reply), 'error');
    }
    render();
  }

  function onCustomBid(event) {
    event.preventDefault();
    const amountText = amountInput.value.trim();
    const maxText = maxInput.value.trim();
    const amount = amountText ? parseAmount(amountText) : null;
    const maxAmount = maxText ? parseAmount(maxText) : null;
    if (!amountText && !maxText) {
      show(feedback, 'Enter your bid, a maximum bid, or both.', 'error');
    } else if ((amountText && amount === null) || (maxText && maxAmount === null)) {
      show(feedback, 'Enter amounts like 125 or 125.50.', 'error');
    } else if (amount !== null && maxAmount !== null && amount > maxAmount) {
      show(feedback, 'Your bid cannot be above your maximum bid.', 'error');
    } else {
      bid(Object.fromEntries(Object.entries({amount, maxAmount}).filter(([, value]) => value !== null)));
    }
  }

  async function onBuyNow() {
    pending = true;
    render();
    const reply = await conn.request({type: 'buy-now', auctionId});
    pending = false;
    show(feedback, reply.type === 'bid-accepted' ? `You bought it for ${money(reply.amount)}!` : explain(reply),
      reply.type === 'bid-accepted' ? 'ok' : 'error');
    render();
  }

  async function onCancel() {
    pending = true;
    render();
    const reply = await conn.request({type: 'cancel-auction', auctionId});
    pending = false;
    show(feedback, reply.type === 'auction-cancelled' ? 'The auction is cancelled.' : explain(reply),
      reply.type === 'auction-cancelled' ? 'ok' : 'error');
    render();
  }

  async function moderate(action, done) {
    pending = true;
    render();
    const reply = await conn.request({type: 'moderate-auction', auctionId, action});
    pending = false;
    show(feedback, reply.type === 'moderated' ? done : explain(reply), reply.type === 'moderated' ? 'ok' : 'error');
    render();
  }

  /** A button that acts only on a second click, for what cannot be undone. */
  function twoStep(testid, style, label, confirmLabel, action) {
    let armedUntil = 0;
    let timer;
    const button = h('button', {type: 'button', class: style, testid, onclick: () => {
      if (Date.now() < armedUntil) {
        armedUntil = 0;
        clearTimeout(timer);
        action();
      } else {
        armedUntil = Date.now() + CONFIRM_MS;
        timer = setTimeout(refresh, CONFIRM_MS);
      }
      refresh();
    }});
    function refresh() {
      const armed = Date.now() < armedUntil;
      setText(button, armed ? confirmLabel() : label());
      button.classList.toggle('armed', armed);
    }
    return {button, refresh, dispose: () => clearTimeout(timer)};
  }

  return {
    node,
    dispose() {
      clearInterval(ticker);
      buyNow.dispose();
      cancel.dispose();
      endNow.dispose();
      moderatorCancel.dispose();
      stopListening();
      stopStatus();
      conn.unwatch(auctionId);
    },
  };
}

function accepted(reply, amounts) {
  if (reply.leading && amounts.maxAmount !== undefined) {
    return `You're winning at ${money(reply.currentBid)}. We'll bid for you up to ${money(amounts.maxAmount)}.`;
  }
  if (reply.leading) {
    return `Bid placed: you're winning at ${money(reply.currentBid)}.`;
  }
  return `Bid placed, but another bidder's maximum is higher: the price is now ${money(reply.currentBid)}.`;
}

function rules(auction) {
  const list = [];
  if (auction.mode === 'sudden-death') {
    list.push('Sudden death: the end never moves');
  } else if (auction.softCloseMs > 0) {
    list.push(`Soft close: a late bid resets the clock to ${duration(auction.softCloseMs)}`);
  }
  if (auction.maxExtensionMs !== null && auction.maxExtensionMs !== undefined && auction.mode !== 'sudden-death') {
    list.push(`Extends at most ${duration(auction.maxExtensionMs)}`);
  }
  if (auction.hasReserve) {
    list.push(auction.reserveMet ? 'Reserve met' : 'Reserve not met yet');
  }
  if (auction.buyNowPrice !== null && auction.buyNowPrice !== undefined) {
    list.push(auction.buyNowAvailable ? `Buy now: ${money(auction.buyNowPrice)}` : 'Buy now ended');
  }
  list.push(`Starting price ${money(auction.startingPrice)}`);
  return list;
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function show(node, text, kind) {
  node.className = `feedback ${kind}`;
  node.textContent = text;
}
