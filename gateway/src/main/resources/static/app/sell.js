// Selling: every option of create-auction, in words a seller understands. The server checks everything again.
import {field, h} from './dom.js';
import {parseAmount} from './format.js';
import {explain} from './texts.js';

const UNITS = [['seconds', 1000], ['minutes', 60_000], ['hours', 3_600_000], ['days', 86_400_000]];
const MIN_DURATION_MS = 5000;
const MAX_DURATION_MS = 7 * 86_400_000;
const MAX_SOFT_CLOSE_S = 600;

export function sellView({conn}, navigate) {
  const title = h('input', {type: 'text', required: true, maxLength: 200, testid: 'sell-title', autocomplete: 'off'});
  const description = h('textarea', {rows: 3, maxLength: 5000, testid: 'sell-description'});
  const startingPrice = h('input', {type: 'text', inputMode: 'decimal', required: true, testid: 'sell-starting-price', placeholder: 'e.g. 25.00'});
  const durationValue = h('input', {id: 'sell-duration', type: 'number', min: 1, step: 1, value: 2, required: true, testid: 'sell-duration'});
  const durationUnit = unitSelect('sell-duration-unit', 'minutes', 'Duration unit');
  const reserve = h('input', {type: 'text', inputMode: 'decimal', testid: 'sell-reserve', placeholder: 'optional'});
  const buyNow = h('input', {type: 'text', inputMode: 'decimal', testid: 'sell-buy-now', placeholder: 'optional'});
  const standard = h('input', {type: 'radio', name: 'mode', value: 'standard', checked: true, testid: 'sell-mode-standard', onchange: syncMode});
  const suddenDeath = h('input', {type: 'radio', name: 'mode', value: 'sudden-death', testid: 'sell-mode-sudden-death', onchange: syncMode});
  const softClose = h('input', {type: 'number', min: 0, max: MAX_SOFT_CLOSE_S, step: 1, value: 10, testid: 'sell-soft-close'});
  const maxExtensionValue = h('input', {id: 'sell-max-extension', type: 'number', min: 0, step: 1, testid: 'sell-max-extension', placeholder: 'no limit'});
  const maxExtensionUnit = unitSelect('sell-max-extension-unit', 'minutes', 'Maximum extension unit');
  const submit = h('button', {type: 'submit', class: 'primary big', testid: 'sell-submit'}, 'Start the auction');
  const feedback = h('p', {class: 'feedback', testid: 'sell-feedback', role: 'status', 'aria-live': 'polite'});
  const softCloseField = field('Soft close (seconds)', softClose,
    'A bid in the last seconds resets the clock to this many seconds left. 0 turns it off.');
  const maxExtensionField = h('div', {class: 'field'},
    h('label', {for: 'sell-max-extension'}, 'Maximum extension'),
    h('div', {class: 'with-unit'}, maxExtensionValue, maxExtensionUnit),
    h('small', {class: 'hint'}, 'Soft close never pushes the end further than this past the planned end.'));

  const form = h('form', {class: 'sell-form panel', testid: 'sell-form', novalidate: true, onsubmit: onSubmit},
    h('h1', {}, 'Sell an item'),
    field('Title', title),
    field('Description', description),
    h('div', {class: 'field-row'},
      field('Starting price', startingPrice),
      h('div', {class: 'field'},
        h('label', {for: 'sell-duration'}, 'Duration'),
        h('div', {class: 'with-unit'}, durationValue, durationUnit))),
    h('div', {class: 'field-row'},
      field('Reserve price', reserve, 'Hidden minimum: below it the item does not sell.'),
      field('Buy-now price', buyNow, 'Anyone may buy at this price until the first bid.')),
    h('fieldset', {class: 'mode'},
      h('legend', {}, 'Ending'),
      h('label', {class: 'choice'}, standard, ' Standard: late bids extend the auction'),
      h('label', {class: 'choice'}, suddenDeath, ' Sudden death: the end never moves')),
    h('div', {class: 'field-row'}, softCloseField, maxExtensionField),
    submit,
    feedback);

  function syncMode() {
    const fixed = suddenDeath.checked;
    softClose.disabled = fixed;
    maxExtensionValue.disabled = fixed;
    maxExtensionUnit.disabled = fixed;
  }

  async function onSubmit(event) {
    event.preventDefault();
    const request = read();
    if (request.problem) {
      show(request.problem, 'error');
      request.input.focus();
      return;
    }
    submit.disabled = true;
    show('Starting the auction…', 'info');
    const reply = await conn.request(request);
    submit.disabled = false;
    if (reply.type === 'auction-created') {
      navigate(`#/auction/${encodeURIComponent(reply.auction.id)}`);
    } else {
      show(explain(reply), 'error');
    }
  }

  /** The create-auction message, or {problem, input}: what to fix, and where. */
  function read() {
    if (!title.value.trim()) {
      return fix(title, 'Give the item a title.');
    }
    const start = parseAmount(startingPrice.value);
    if (start === null) {
      return fix(startingPrice, 'Enter a starting price like 25 or 25.50.');
    }
    const durationMs = Number(durationValue.value) * Number(durationUnit.value);
    if (!Number.isInteger(durationMs) || durationMs < MIN_DURATION_MS || durationMs > MAX_DURATION_MS) {
      return fix(durationValue, 'The duration must be between 5 seconds and 7 days.');
    }
    const request = {type: 'create-auction', title: title.value.trim(), startingPrice: start, durationMs};
    if (description.value.trim()) {
      request.description = description.value.trim();
    }
    for (const [input, name, label] of [[reserve, 'reservePrice', 'reserve price'], [buyNow, 'buyNowPrice', 'buy-now price']]) {
      if (input.value.trim()) {
        const amount = parseAmount(input.value);
        if (amount === null) {
          return fix(input, `Enter the ${label} like 25 or 25.50, or leave it empty.`);
        }
        request[name] = amount;
      }
    }
    if (suddenDeath.checked) {
      request.mode = 'sudden-death';
      return request;
    }
    request.mode = 'standard';
    const softCloseSeconds = Number(softClose.value);
    if (!Number.isInteger(softCloseSeconds) || softCloseSeconds < 0 || softCloseSeconds > MAX_SOFT_CLOSE_S) {
      return fix(softClose, `Soft close must be 0 (off) or 1 to ${MAX_SOFT_CLOSE_S} seconds.`);
    }
    request.softCloseMs = softCloseSeconds * 1000;
    if (maxExtensionValue.value !== '') {
      const maxExtensionMs = Number(maxExtensionValue.value) * Number(maxExtensionUnit.value);
      if (!Number.isInteger(maxExtensionMs) || maxExtensionMs < 0 || maxExtensionMs > MAX_DURATION_MS) {
        return fix(maxExtensionValue, 'The maximum extension must be between 0 and 7 days.');
      }
      request.maxExtensionMs = maxExtensionMs;
    }
    return request;
  }

  function fix(input, problem) {
    return {problem, input};
  }

  function show(text, kind) {
    feedback.className = `feedback ${kind}`;
    feedback.textContent = text;
  }

  return {node: form, dispose() {}};
}

function unitSelect(testid, selected, label) {
  return h('select', {testid, 'aria-label': label},
    ...UNITS.map(([name, ms]) => h('option', {value: String(ms), selected: name === selected}, name)));
}
