// Builds DOM nodes. Text always goes in through text nodes, never innerHTML, so titles, names and messages from
// other users can never become markup.

/**
 * h('button', {testid: 'bid', class: 'primary', onclick: fn, disabled: true}, 'Bid ', amount)
 * Strings and numbers among the children become text nodes; null, undefined and false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'testid') {
      node.dataset.testid = value;
    } else if (key === 'class') {
      node.className = value;
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else if (key in node && typeof value !== 'string') {
      node[key] = value;
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces everything inside {@code node}. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** Sets a node's text only when it changed, so a ticking view does not disturb selection or screen readers. */
export function setText(node, text) {
  if (node.textContent !== text) {
    node.textContent = text;
  }
}

/** A form field with its label, hint and input tied together for assistive technology. */
export function field(label, input, hint) {
  const id = input.id || (input.id = 'f-' + Math.random().toString(36).slice(2, 10));
  const hintNode = hint ? h('small', {class: 'hint', id: id + '-hint'}, hint) : null;
  if (hintNode) {
    input.setAttribute('aria-describedby', hintNode.id);
  }
  return h('div', {class: 'field'}, h('label', {for: id}, label), input, hintNode);
}
