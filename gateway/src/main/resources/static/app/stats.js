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
  const hotDetail = h('small', {class: 'muted', testid: 'stats-hot-detail'});
  const node = h('section', {class: 'stats panel', testid: 'stats', 'aria-label': 'Show statistics'},
    h('div', {class: 'stat'}, h('span', {class: 'label'}, 'Sales'), gmv),
    h('div', {class: 'stat'}, h('span', {class: 'label'}, 'Sell-through'), sellThrough, sellThroughDetail),
    h('div', {class: 'stat'}, h('span', {class: 'label'}, 'Highest bid'), highest, highestDetail),
    h('div', {class: 'stat stat-hot'}, h('span', {class: 'label'}, 'Hot right now'), hotList, hotDetail, hotEmpty));
  let hotStartsAt = 0;
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
    hotStartsAt = hot ? hot.windowStart : 0;
    hotEndsAt = hot ? hot.windowEnd : 0;
    setText(hotDetail, hot ? `most bids in the minute to ${clockTime(hot.windowEnd)}` : '');
    fill(hotList, ...(hot ? hot.auctions : []).map((auction) =>
      h('li', {testid: 'stats-hot-item', 'data-auction-id': auction.auctionId},
        h('a', {href: `#/auction/${encodeURIComponent(auction.auctionId)}`}, auction.title ?? auction.auctionId),
        h('span', {class: 'muted'}, ` ${auction.bids} bid${auction.bids === 1 ? '' : 's'}`))));
    tick();
  }

  /**
   * A ranking is replaced as soon as anyone bids. One that has not been replaced a whole window after its window
   * ended says that nobody has bid for at least that long: nothing is hot any more.
   */
  function tick() {
    const stale = serverNow() >= hotEndsAt + (hotEndsAt - hotStartsAt);
    hotList.hidden = stale || hotList.childElementCount === 0;
    hotDetail.hidden = hotList.hidden;
    hotEmpty.hidden = !hotList.hidden;
  }

  return {node, show, tick};
}
