// The server's clock, as seen from here. Countdowns compare endsAt with the server's time, not the device's: a
// phone whose clock is a few seconds off must still show the right time left.

let offset = 0; // server time minus local time, in ms
let bestRoundTrip = Infinity;
let sampled = false;

export function serverNow() {
  return Date.now() + offset;
}

/** Any message's serverTime gives a first estimate, off by the one-way delay. */
export function observe(serverTime) {
  if (!sampled && typeof serverTime === 'number') {
    offset = serverTime - Date.now();
    sampled = true;
  }
}

/**
 * A ping answered by a pong: the server wrote serverTime about halfway through the round trip. The sample with the
 * shortest round trip is the most accurate, so it wins until the connection is replaced.
 */
export function pong(sentAt, receivedAt, serverTime) {
  const roundTrip = receivedAt - sentAt;
  if (roundTrip <= bestRoundTrip) {
    bestRoundTrip = roundTrip;
    offset = serverTime - (sentAt + roundTrip / 2);
    sampled = true;
  }
}

/** A new connection may take another route: start measuring again. */
export function reset() {
  bestRoundTrip = Infinity;
}
