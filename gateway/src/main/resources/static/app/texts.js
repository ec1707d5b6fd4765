// What a person is told when the server refuses something: one sentence per rejection reason and error code.
import {money} from './format.js';

const REJECTIONS = {
  AUCTION_NOT_FOUND: () => 'This auction does not exist any more.',
  AUCTION_ENDED: () => 'Too late: the auction has ended.',
  BID_TOO_LOW: (reply) =>
    reply.minimumBid !== null && reply.minimumBid !== undefined
      ? `Your bid is too low. The minimum bid is ${money(reply.minimumBid)}.`
      : 'Your bid is too low.',
  SELF_BID: () => 'You cannot bid on your own auction.',
  ALREADY_LEADING: () => 'You are already the highest bidder. To bid more, raise your maximum bid above your current one.',
  INVALID_AMOUNT: (reply) => `That amount is not valid: ${reply.message}.`,
  BUY_NOW_UNAVAILABLE: () => 'Buy now is no longer available: bidding has started.',
  NOT_SELLER: () => 'Only the seller can cancel this auction.',
  BIDS_PLACED: () => 'The auction cannot be cancelled: bids have been placed.',
  DUPLICATE_COMMAND_ID: () => 'That bid collided with an earlier one. Please bid again.',
  BIDDER_REMOVED: () => 'A moderator removed you from bidding on this auction.',
  BIDDER_LEADS: () => 'That bidder leads the auction: end or cancel it instead.',
  NOT_MODERATOR: () => 'Only moderators can do that.',
  INVALID_MODERATION: (reply) => `The request was refused: ${reply.message}.`,
};

const ERRORS = {
  UNAUTHORIZED: () => 'Sign in to bid or sell.',
  FORBIDDEN: (reply) => `You may not do that: ${reply.message}.`,
  TOO_MANY_OPEN_AUCTIONS: (reply) => `${reply.message}.`,
  TOKEN_EXPIRED: () => 'Your sign-in has expired. Sign in again to bid; you can keep watching.',
  RATE_LIMITED: () => 'You are going too fast. Wait a moment and try again.',
  UNAVAILABLE: () => 'The auction service cannot be reached right now. Try again in a moment.',
  TIMEOUT: () => 'No answer in time. Your request was recorded and will still be decided: watch the auction.',
  AUCTION_NOT_FOUND: () => 'This auction does not exist any more.',
  INVALID_AUCTION: (reply) => `Please check the auction: ${reply.message}.`,
  INVALID_MESSAGE: (reply) => `The request was refused: ${reply.message}.`,
  MESSAGE_TOO_LARGE: () => 'That is too much text. Please shorten it.',
  OFFLINE: () => 'You are offline. Wait for the connection to come back, then try again.',
  CONNECTION_LOST: () => 'The connection dropped before the answer came. Check the auction before trying again.',
  NO_REPLY: () => 'No answer yet. If it went through, the auction will show it.',
};

/** The sentence for a {@code bid-rejected} reply or an {@code error}, whatever its reason or code. */
export function explain(reply) {
  // A refused create or cancel comes as an error whose code is the processor's rejection reason.
  const key = reply.type === 'bid-rejected' ? reply.reason : reply.code;
  const known = REJECTIONS[key] ?? ERRORS[key];
  return known ? known(reply) : reply.message || 'Something went wrong. Please try again.';
}

/** The ended banner: how an auction ended, from the point of view of {@code me}. */
export function outcome(auction, me) {
  const winner = auction.winner;
  switch (auction.outcome) {
    case 'SOLD':
      return winner && me && winner.id === me.id
        ? `You won! SOLD to you for ${money(auction.finalPrice)}`
        : `SOLD to ${winner ? winner.name : 'a buyer'} for ${money(auction.finalPrice)}`;
    case 'UNSOLD':
      return 'UNSOLD: the auction ended without bids';
    case 'RESERVE_NOT_MET':
      return `RESERVE NOT MET: the highest bid (${money(auction.currentBid)}) was below the reserve price`;
    case 'CANCELLED':
      return 'CANCELLED: the auction was called off';
    default:
      return 'The auction has ended';
  }
}
