// The show room: the lot that runs now (an auction room of its own, which the gateway attaches this page to as each
// lot starts), the lineup with what is next and what sold, pre-bids on lots still to come, and the host's controls
// to go live, add lots and run them one after another.
import {field, fill, h, setText} from './dom.js';
import {clockTime, money, parseAmount, randomId} from './format.js';
import {roomView} from './room.js';
import {explain} from './texts.js';

/** The timers a host picks from when running a lot: a live show runs lots of 15 s to 2 min. */
const RUN_DURATIONS = [['15 s', 15_000], ['30 s', 30_000], ['1 min', 60_000], ['2 min', 120_000]];

export function showView(context, showId) {
  const {conn, session} = context;
  const me = session.user;
  let show = null;
  let lot = null; // {auctionId, view} of the running lot's room
  let pending = false;
  const lotRows = new Map(); // lotNo -> {key, node}
  let order = '';

  const title = h('h1', {testid: 'show-title'});
  const host = h('span', {testid: 'show-host'});
  const status = h('p', {class: 'show-status', testid: 'show-status', role: 'status'});
  const audience = h('span', {class: 'badge', testid: 'show-audience', hidden: true});
  const now = h('section', {class: 'show-now', testid: 'show-now', 'aria-label': 'Now running'});
  const lineup = h('ol', {class: 'lineup', testid: 'lineup'});
  const feedback = h('p', {class: 'feedback', testid: 'show-feedback', role: 'status', 'aria-live': 'polite'});

  const startButton = h('button', {type: 'button', class: 'primary', testid: 'start-show', onclick: () => hostCommand({type: 'start-show'}, 'You are live!')}, 'Go live');
  const endButton = h('button', {type: 'button', class: 'secondary', testid: 'end-show', onclick: () => hostCommand({type: 'end-show'}, 'The show has ended.')}, 'End the show');
  const runDuration = h('select', {testid: 'run-duration', 'aria-label': 'Timer of the next lot'},
    ...RUN_DURATIONS.map(([label, ms]) => h('option', {value: String(ms), selected: ms === 30_000}, label)));
  const lotTitle = h('input', {type: 'text', maxLength: 200, testid: 'lot-title', autocomplete: 'off'});
  const lotPrice = h('input', {type: 'text', inputMode: 'decimal', testid: 'lot-starting-price', placeholder: 'e.g. 20.00'});
  const addLot = h('form', {class: 'add-lot', testid: 'add-lot-form', novalidate: true, onsubmit: onAddLot},
    h('div', {class: 'field-row'}, field('Lot title', lotTitle), field('Starting price', lotPrice)),
    h('button', {type: 'submit', testid: 'add-lot'}, 'Add to the lineup'));
  const hostPanel = h('section', {class: 'host-panel panel', testid: 'host-panel', hidden: true, 'aria-label': 'Host controls'},
    h('h2', {}, 'Host controls'),
    h('div', {class: 'host-actions'}, startButton, field('Timer for the next lot', runDuration), endButton),
    addLot);

  const loading = h('p', {class: 'panel muted', testid: 'show-loading'}, 'Loading the show…');
  const page = h('article', {class: 'show-page', testid: 'show', 'data-show-id': showId, hidden: true},
    h('header', {class: 'show-head'}, title, h('p', {class: 'seller'}, 'Hosted by ', host, ' ', audience), status),
    now,
    h('section', {class: 'show-lineup', 'aria-labelledby': 'lineup-heading'}, h('h2', {id: 'lineup-heading'}, 'Lineup'), lineup),
    hostPanel,
    feedback);
  const node = h('div', {class: 'show-room'}, h('a', {class: 'back', href: '#/', testid: 'back-to-lobby'}, '← Lobby'), loading, page);

  const stopListening = conn.on(onMessage);
  const stopStatus = conn.onStatus(() => render());
  conn.watchShow(showId, () => (show ? show.seq : null), onSubscribeError);

  function onMessage(message) {
    if (message.type === 'show-viewers' && message.showId === showId) {
      audience.hidden = false;
      setText(audience, `${message.viewers.toLocaleString('en-US')} watching`);
      return;
    }
    const changed = (message.type === 'show-snapshot' || message.type === 'show-updated' || message.type === 'show-accepted')
      && message.show && message.show.id === showId;
    // Every message carries the whole show; an older one (a reply overtaken by a change) is ignored.
    if (changed && (!show || message.show.seq >= show.seq)) {
      show = message.show;
      render();
    }
  }

  function onSubscribeError(reply) {
    if (reply.code === 'SHOW_NOT_FOUND' && !show) {
      fill(loading, 'This show could not be found. ', h('a', {href: '#/'}, 'Back to the lobby'));
      loading.dataset.testid = 'show-not-found';
    } else {
      say(explain(reply), 'error');
    }
  }

  function render() {
    if (!show) {
      return;
    }
    loading.hidden = true;
    page.hidden = false;
    const hosting = show.host.id === me.id;
    setText(title, show.title);
    setText(host, show.host.name);
    setText(status, statusText(show));
    renderNow();
    renderLineup(hosting);
    hostPanel.hidden = !hosting || show.status === 'ENDED';
    startButton.hidden = show.status !== 'SCHEDULED';
    endButton.disabled = pending || !conn.online || show.currentLotNo !== null;
  }

  /** The running lot's room, or what the viewer waits for; a new lot gets a new room. */
  function renderNow() {
    const auctionId = show.currentAuctionId;
    // The lot that just ended stays on screen, with its outcome, until the next one starts.
    const keep = lot && (lot.auctionId === auctionId || (auctionId === null && show.status === 'LIVE'));
    if (lot && !keep) {
      lot.view.dispose();
      lot = null;
    }
    if (auctionId && !lot) {
      lot = {auctionId, lotNo: show.currentLotNo, heading: h('h2', {testid: 'now-heading'}), view: roomView(context, auctionId, {inShow: true})};
      fill(now, lot.heading, lot.view.node);
    }
    if (lot) {
      setText(lot.heading, auctionId ? `Lot ${lot.lotNo} is on` : `Lot ${lot.lotNo} has ended · the next lot is coming up`);
      return;
    }
    fill(now, h('p', {class: 'panel muted', testid: 'show-waiting'}, waitingText(show)));
  }

  /** Rows are rebuilt only when what they show changed, so that a pre-bid being typed survives other updates. */
  function renderLineup(hosting) {
    const shared = [hosting, pending, conn.online, show.status, show.currentLotNo].join();
    const rows = show.lineup.map((item) => {
      const key = shared + JSON.stringify(item);
      let row = lotRows.get(item.lotNo);
      if (!row || row.key !== key) {
        row = {key, node: lotRow(item, hosting)};
        lotRows.set(item.lotNo, row);
      }
      return row.node;
    });
    const shown = show.lineup.map((item) => item.lotNo).join();
    if (shown !== order || rows.some((row, i) => lineup.children[i] !== row)) {
      fill(lineup, ...rows);
      order = shown;
    }
  }

  function lotRow(item, hosting) {
    const runnable = item.status === 'SCHEDULED' || item.status === 'UNSOLD';
    const actions = [];
    if (hosting && runnable && show.status === 'LIVE' && show.currentLotNo === null) {
      actions.push(h('button', {type: 'button', class: 'primary', testid: `run-lot-${item.lotNo}`, disabled: pending,
        onclick: () => hostCommand({type: 'run-lot', lotNo: item.lotNo, durationMs: Number(runDuration.value)}, `Lot ${item.lotNo} is on.`)},
        item.runs > 0 ? 'Run again' : 'Run now'));
    }
    if (hosting && runnable && show.currentLotNo !== item.lotNo) {
      actions.push(h('button', {type: 'button', class: 'link-button', testid: `remove-lot-${item.lotNo}`, disabled: pending,
        onclick: () => hostCommand({type: 'remove-lot', lotNo: item.lotNo}, `Lot ${item.lotNo} is out of the lineup.`)}, 'Remove'));
    }
    if (!hosting && runnable && show.status !== 'ENDED') {
      actions.push(preBidForm(item));
    }
    return h('li', {class: `lot lot-${item.status.toLowerCase()}`, testid: `lot-${item.lotNo}`, 'data-status': item.status},
      h('span', {class: 'lot-no'}, `#${item.lotNo}`),
      h('span', {class: 'lot-title', testid: 'lot-name'}, item.title),
      h('span', {class: 'lot-price'}, `from ${money(item.startingPrice)}`),
      h('span', {class: 'lot-state', testid: 'lot-state'}, lotText(item, me)),
      h('span', {class: 'lot-actions'}, actions));
  }

  function preBidForm(item) {
    const amount = h('input', {type: 'text', inputMode: 'decimal', autocomplete: 'off', testid: `pre-bid-amount-${item.lotNo}`,
      placeholder: 'max bid', 'aria-label': `Your maximum bid on lot ${item.lotNo}`});
    return h('form', {class: 'pre-bid', testid: `pre-bid-form-${item.lotNo}`, novalidate: true, onsubmit: async (event) => {
      event.preventDefault();
      const maxAmount = parseAmount(amount.value);
      if (maxAmount === null) {
        say('Enter an amount, like 25 or 25.50.', 'error');
        return;
      }
      pending = true;
      const reply = await conn.request({type: 'place-pre-bid', showId, lotNo: item.lotNo, maxAmount, bidId: randomId('pb')}, {resend: true});
      pending = false;
      if (reply.type === 'pre-bid-accepted') {
        say(`Your pre-bid of up to ${money(reply.maxAmount)} on lot ${reply.lotNo} is in. We bid for you when it runs.`, 'ok');
      } else {
        say(explain(reply), 'error');
      }
      render();
    }}, amount, h('button', {type: 'submit', testid: `pre-bid-${item.lotNo}`}, 'Pre-bid'));
  }

  async function onAddLot(event) {
    event.preventDefault();
    const startingPrice = parseAmount(lotPrice.value);
    if (!lotTitle.value.trim() || startingPrice === null) {
      say('A lot needs a title and a starting price.', 'error');
      return;
    }
    const added = await hostCommand({type: 'add-lot', title: lotTitle.value.trim(), startingPrice}, 'Added to the lineup.');
    if (added) {
      lotTitle.value = '';
      lotPrice.value = '';
    }
  }

  async function hostCommand(message, done) {
    pending = true;
    render();
    const reply = await conn.request({...message, showId});
    pending = false;
    const ok = reply.type === 'show-accepted';
    say(ok ? done : explain(reply), ok ? 'ok' : 'error');
    if (ok) {
      onMessage(reply);
    }
    render();
    return ok;
  }

  function say(text, kind) {
    setText(feedback, text);
    feedback.className = `feedback ${kind}`;
  }

  return {
    node,
    dispose() {
      stopListening();
      stopStatus();
      if (lot) {
        lot.view.dispose();
      }
      conn.unwatchShow(showId);
    },
  };
}

/** Hosting a show: its title and when it starts; lots are added in the show room. */
export function hostView({conn}, navigate) {
  const title = h('input', {type: 'text', required: true, maxLength: 200, testid: 'show-title-input', autocomplete: 'off'});
  const startsIn = h('input', {type: 'number', min: 0, step: 1, value: 10, testid: 'show-starts-in'});
  const submit = h('button', {type: 'submit', class: 'primary big', testid: 'host-submit'}, 'Announce the show');
  const feedback = h('p', {class: 'feedback', testid: 'host-feedback', role: 'status', 'aria-live': 'polite'});
  const form = h('form', {class: 'sell-form panel', testid: 'host-form', novalidate: true, onsubmit: onSubmit},
    h('h1', {}, 'Host a show'),
    field('Title', title),
    field('Starts in (minutes)', startsIn, 'Viewers can join and pre-bid before it starts.'),
    submit,
    feedback);

  async function onSubmit(event) {
    event.preventDefault();
    if (!title.value.trim()) {
      setText(feedback, 'A show needs a title.');
      feedback.className = 'feedback error';
      return;
    }
    submit.disabled = true;
    const scheduledStart = Date.now() + Math.max(0, Number(startsIn.value) || 0) * 60_000;
    const reply = await conn.request({type: 'create-show', title: title.value.trim(), scheduledStart});
    submit.disabled = false;
    if (reply.type === 'show-accepted') {
      navigate(`#/show/${reply.showId}`);
    } else {
      setText(feedback, explain(reply));
      feedback.className = 'feedback error';
    }
  }

  return {node: form, dispose() {}};
}

function statusText(show) {
  switch (show.status) {
    case 'SCHEDULED':
      return `Starts at ${clockTime(show.scheduledStart)} · pre-bids open`;
    case 'LIVE':
      return show.currentLotNo === null ? 'Live · the next lot is coming up' : `Live · lot ${show.currentLotNo} is on`;
    default:
      return `Ended · ${show.lineup.filter((item) => item.status === 'SOLD').length} of ${show.lineup.length} lots sold`;
  }
}

function waitingText(show) {
  if (show.status === 'SCHEDULED') {
    return `The show starts at ${clockTime(show.scheduledStart)}. Pre-bid on the lots below while you wait.`;
  }
  return show.status === 'LIVE' ? 'The next lot is coming up…' : 'The show has ended. Thanks for watching!';
}

function lotText(item, me) {
  switch (item.status) {
    case 'RUNNING':
      return 'On now';
    case 'SOLD':
      return item.winner && item.winner.id === me.id
        ? `Sold to you for ${money(item.finalPrice)}`
        : `Sold to ${item.winner ? item.winner.name : 'a buyer'} for ${money(item.finalPrice)}`;
    case 'UNSOLD':
      return item.runs > 0 ? 'Unsold · may run again' : 'Up next';
    default:
      return 'Up next';
  }
}
