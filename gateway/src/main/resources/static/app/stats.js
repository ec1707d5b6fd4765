// The show's live statistics at the top of the lobby: sales (gross merchandise value), sell-through, the highest bid
// of the latest minute and the hot auctions. They come from GET api/stats and, live, from the lobby channel's `stats`
// messages. Every text goes in as text (dom.js), titles and names included.
import {serverNow} from './clock.js';
import {fill, h, setText} from './dom.js';
import {clockTime, money} from './format.js';

export function statsPanel() {
  const gmv = h('strong', {class: 'stat-value', testid: 'stats-gmv'}, '—');
  const sellThrough = h('strong', {class: 'stat-value', testid: 'stats-sell-through'}, '—');
  const sellThroughDetail = h('small', {class: 'muted', testid: 'stats-sell-through-detail'});
  const highest = h('strong', {class: 'stat-value', testid: 'stats-highest-bid'}, '—');
  const highestDetail = h('small', {class: 'muted', testid: 'stats-highest-bid-detail'});
  const hotList = h('ol', {class: 'hot-list', testid: 'stats-hot'});
  const hotEmpty = h('p', {class: 'muted', testid: 'stats-hot-empty'}, 'No bids in the last minute.');
  const node = h('section', {class: 'stats panel', testid: 'stats', 'aria-label': 'Show statistics'},
    h('div', {class: 'stat'}, h('span', {class: 'label'}, 'Sales'), gmv),
    h('div', {class: 'stat'}, h('span', {class: 'label'}, 'Sell-through'), sellThrough, sellThroughDetail),
    h('div', {class: 'stat'}, h('span', {class: 'label'}, 'Highest bid'), highest, highestDetail),
    h('div', {class: 'stat stat-hot'}, h('span', {class: 'label'}, 'Hot right now'), hotList, hotEmpty));
  let hotEndsAt = 0;

  function show(stats) {
    const sales = stats.sales;
    setText(gmv, sales ? money(sales.gmv) : '—');
    if (sales && sales.ended > 0) {
      // The rate travels as two counts; a percentage is only for the eye.
      setText(sellThrough, `${Math.round((sales.sold * 100) / sales.ended)}%`);
      setText(sellThroughDetail, `${sales.sold} sold of ${sales.ended} ended`);
    } else {
      setText(sellThrough, '—');
      setText(sellThroughDetail, '');
    }
    const bid = stats.highestBid;
    setText(highest, bid ? money(bid.amount) : '—');
    setText(highestDetail, bid ? `${bid.title ?? 'an auction'}, minute to ${clockTime(bid.windowEnd)}` : '');
    const hot = stats.hotAuctions;
    hotEndsAt = hot ? hot.windowEnd : 0;
    fill(hotList, ...(hot ? hot.auctions : []).map((auction) =>
      h('li', {testid: 'stats-hot-item', 'data-auction-id': auction.auctionId},
        h('a', {href: `#/auction/${encodeURIComponent(auction.auctionId)}`}, auction.title ?? auction.auctionId),
        h('span', {class: 'muted'}, ` ${auction.bids} bid${auction.bids === 1 ? '' : 's'}`))));
    tick();
  }

  /** The ranking holds until its window ends; past that nobody has bid since, and nothing is hot. */
  function tick() {
    const stale = hotEndsAt <= serverNow();
    hotList.hidden = stale || hotList.childElementCount === 0;
    hotEmpty.hidden = !hotList.hidden;
  }

  return {node, show, tick};
}
