// How amounts and times are shown. Amounts travel as JSON numbers in major units with at most two decimals; the
// protocol names no currency, so none is shown.

const MONEY = new Intl.NumberFormat('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});
const CLOCK = new Intl.DateTimeFormat('en-US', {hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false});

export function money(amount) {
  return amount === null || amount === undefined ? '—' : MONEY.format(amount);
}

/** Time left as a countdown: 0:07, 4:59, 1:02:03, 2d 04h. */
export function timeLeft(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) {
    return `${days}d ${String(hours).padStart(2, '0')}h`;
  }
  const mmss = `${String(minutes).padStart(hours > 0 ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

export function clockTime(epochMs) {
  return CLOCK.format(new Date(epochMs));
}

/** A duration as words, for settings: 10 s, 5 min, 2 h. */
export function duration(ms) {
  if (ms % 3_600_000 === 0 && ms > 0) {
    return `${ms / 3_600_000} h`;
  }
  if (ms % 60_000 === 0 && ms > 0) {
    return `${ms / 60_000} min`;
  }
  return `${ms / 1000} s`;
}

/**
 * Reads an amount typed by a person: digits with at most two decimals, "1,250.50" allowed.
 * @return the number, or null if it is not an amount
 */
export function parseAmount(text) {
  const cleaned = String(text).trim().replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) {
    return null;
  }
  const value = Number(cleaned);
  return value > 0 ? value : null;
}

/** Ids for requests and bids: the gateway accepts 1 to 64 of [A-Za-z0-9_-]; works without a secure context. */
export function randomId(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
