// One auction as this tab knows it: the latest auction object, the bids seen, whether you bid, and so the last seq
// applied. Kept in sessionStorage, so a reload shows the room at once and resumes from lastSeq instead of starting
// over with an empty history.

const PREFIX = 'gavel.room.';
const HISTORY_LIMIT = 100;

export class AuctionState {
  constructor(auctionId, userId) {
    this.auctionId = auctionId;
    this.key = `${PREFIX}${userId}.${auctionId}`;
    const saved = load(this.key);
    this.auction = saved ? saved.auction : null;
    this.history = saved ? saved.history : [];
    this.bidByMe = saved ? saved.bidByMe : false;
    this.userId = userId;
  }

  /**
   * Where to resume. A newcomer asks from 0, so the gateway replays the auction from its creation, bid history
   * included, as long as it still keeps those events; otherwise it answers with a snapshot marked resync.
   */
  get lastSeq() {
    return this.auction ? this.auction.seq : 0;
  }

  /**
   * Applies a server message about this auction.
   * @return what changed: {kind: 'snapshot' | 'bid' | 'extended' | 'ended', ...}, {kind: 'gap'} when events are
   *     missing (resubscribe to get them), or null when the message is not about this auction or already applied
   */
  apply(message) {
    if (message.type === 'snapshot' || (message.type === 'auction-created' && !this.auction)) {
      if (message.auction.id !== this.auctionId) {
        return null;
      }
      this.auction = message.auction;
      this.save();
      return {kind: 'snapshot'};
    }
    if (message.auctionId !== this.auctionId || typeof message.seq !== 'number' || !this.auction) {
      return null;
    }
    // The lobby channel repeats auction-ended, and a replay may overlap what was already applied.
    if (message.seq <= this.auction.seq) {
      return null;
    }
    if (message.seq !== this.auction.seq + 1) {
      return {kind: 'gap'};
    }
    const change = this.fold(message);
    if (change) {
      this.save();
    }
    return change;
  }

  fold(message) {
    const auction = this.auction;
    switch (message.type) {
      case 'bid-updated': {
        const previousEndsAt = auction.endsAt;
        Object.assign(auction, {
          seq: message.seq,
          currentBid: message.currentBid,
          leader: message.leader,
          bidCount: message.bidCount,
          minimumNextBid: message.minimumNextBid,
          reserveMet: message.reserveMet,
          endsAt: message.endsAt,
          buyNowAvailable: false, // buy-now ends with the first bid
        });
        this.history.unshift({
          seq: message.seq,
          bidder: message.bidder,
          amount: message.amount,
          leader: message.leader,
          currentBid: message.currentBid,
          at: message.placedAt,
        });
        this.history.length = Math.min(this.history.length, HISTORY_LIMIT);
        if (message.bidder && message.bidder.id === this.userId) {
          this.bidByMe = true;
        }
        return {kind: 'bid', bidder: message.bidder, extendedBy: message.endsAt - previousEndsAt};
      }
      case 'auction-extended':
        auction.seq = message.seq;
        auction.endsAt = message.endsAt;
        return {kind: 'extended', extendedBy: message.endsAt - message.previousEndsAt};
      case 'auction-ended':
        Object.assign(auction, {
          seq: message.seq,
          status: 'ENDED',
          outcome: message.outcome,
          winner: message.winner,
          finalPrice: message.finalPrice,
          bidCount: message.bidCount,
          endedAt: message.endedAt,
          buyNowAvailable: false,
        });
        return {kind: 'ended'};
      default:
        return null;
    }
  }

  /** Your own bid was accepted, even if no public event showed it (a raised maximum moves no price). */
  markBid() {
    this.bidByMe = true;
    this.save();
  }

  save() {
    try {
      sessionStorage.setItem(this.key, JSON.stringify({
        auction: this.auction,
        history: this.history,
        bidByMe: this.bidByMe,
      }));
    } catch (e) {
      // Storage full or disabled: the room still works, a reload just starts from a snapshot.
    }
  }
}

function load(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key));
  } catch (e) {
    return null;
  }
}
