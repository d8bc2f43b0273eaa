// Chat: rooms (new, rename, delete), messages with the figures each answer cites and its chart drawn.
import { h, replace, empty, failure, loading } from '../dom.js';
import { formatMoney, formatCount } from '../money.js';
import { figureElement } from '../charts.js';

/** A fact's value for people: amounts and counts with separators, ratios as percentages. */
export function factText(fact) {
  switch (fact.kind) {
    case 'amount': return formatMoney(fact.value, fact.currency || '');
    case 'count': return formatCount(fact.value);
    case 'ratio': return Number.isFinite(Number(fact.value)) ? `${(Number(fact.value) * 100).toFixed(1)} %` : fact.value;
    case 'percent': return `${fact.value} %`;
    default: return fact.value;
  }
}

export async function renderChat(main, { api, route, navigate, isCurrent }) {
  const roomID = route.params.id ? Number(route.params.id) : null;
  const [rooms, messages] = await Promise.all([
    api.get('/rooms'), roomID ? api.get(`/rooms/${roomID}/messages`, { limit: 200 }) : Promise.resolve(null),
  ]);
  if (!isCurrent()) return;
  const room = roomID ? rooms.rooms.find((candidate) => candidate.id === roomID) : null;
  const newRoom = h('button', {
    type: 'button', 'data-action': 'new-room',
    onclick: async () => {
      newRoom.disabled = true;
      try {
        const created = await api.post('/rooms', {});
        navigate('room', { id: created.id });
      } catch (error) { newRoom.disabled = false; list.append(failure(error)); }
    },
  }, 'New room');
  const list = h('nav', { class: 'rooms', 'aria-label': 'Rooms' }, newRoom,
    rooms.rooms.map((item) => h('a', { href: `#/chat/${item.id}`, 'aria-current': item.id === roomID ? 'true' : undefined }, item.title)));
  const pane = h('section', { class: 'panel', 'aria-label': room ? room.title : 'Chat' });
  replace(main, h('h1', {}, 'Chat'), h('div', { class: 'chat' }, list, pane));

  if (!roomID) {
    pane.append(rooms.rooms.length ? empty('Pick a room, or start a new one.') : empty('No rooms yet: start one with “New room”.'));
    return;
  }
  if (!room) { pane.append(failure(new Error('There is no such room.'))); return; }
  pane.append(roomHeader(room, { api, navigate }));
  const thread = h('div', { class: 'messages', 'aria-live': 'polite', 'data-testid': 'messages' });
  pane.append(thread);
  if (!messages.messages.length) thread.append(empty('Ask about spend, changes, findings or suppliers, e.g. “Why did spend change in the latest month?”'));
  for (const message of messages.messages) thread.append(messageElement(message));
  const input = h('input', { name: 'message', maxlength: 2000, required: true, 'aria-label': 'Your question', placeholder: 'Ask a question…', autocomplete: 'off' });
  const send = h('button', { type: 'submit' }, 'Ask');
  pane.append(h('form', {
    class: 'ask',
    onsubmit: async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      send.disabled = true;
      input.disabled = true;
      if (!messages.messages.length) replace(thread);
      thread.append(messageElement({ role: 'user', content: text }));
      const waiting = loading('Answering…');
      thread.append(waiting);
      try {
        const reply = await api.post(`/chat/${roomID}`, { message: text });
        waiting.replaceWith(messageElement(reply.answer));
        input.value = '';
        refreshTitle(list, roomID, api);
      } catch (error) {
        waiting.replaceWith(failure(error));
      } finally {
        send.disabled = false;
        input.disabled = false;
        input.focus();
      }
    },
  }, input, send));
  input.focus();
}

async function refreshTitle(list, roomID, api) {
  try {
    const room = await api.get(`/rooms/${roomID}`);
    const link = list.querySelector(`a[href="#/chat/${roomID}"]`);
    if (link) link.textContent = room.title;
  } catch { /* the title is cosmetic */ }
}

function roomHeader(room, { api, navigate }) {
  const title = h('h2', {}, room.title);
  const status = h('span', { class: 'muted', 'aria-live': 'polite' });
  const rename = h('button', {
    type: 'button', class: 'secondary', 'data-action': 'rename-room',
    onclick: () => {
      const field = h('input', { value: room.title, maxlength: 200, 'aria-label': 'Room title' });
      const form = h('form', {
        class: 'toolbar',
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            await api.patch(`/rooms/${room.id}`, { title: field.value.trim() });
            navigate('room', { id: room.id });
          } catch (error) { status.textContent = error.message; }
        },
      }, field, h('button', { type: 'submit' }, 'Save'), h('button', { type: 'button', class: 'secondary', onclick: () => form.replaceWith(bar) }, 'Cancel'));
      bar.replaceWith(form);
      field.focus();
      field.select();
    },
  }, 'Rename');
  let armed = false;
  const remove = h('button', {
    type: 'button', class: 'secondary', 'data-action': 'delete-room',
    onclick: async () => {
      if (!armed) { armed = true; remove.textContent = 'Delete: are you sure?'; return; }
      try {
        await api.delete(`/rooms/${room.id}`);
        navigate('chat');
      } catch (error) { status.textContent = error.message; }
    },
  }, 'Delete');
  const bar = h('div', { class: 'toolbar' }, title, rename, remove, status);
  return bar;
}

function messageElement(message) {
  const element = h('article', { class: `message ${message.role}`, 'data-role': message.role },
    h('div', { class: 'text' }, message.content));
  if (message.role !== 'assistant') return element;
  const currency = (message.facts || []).find((fact) => fact.currency)?.currency || '';
  if (message.chart && message.chart.data) element.append(figureElement(message.chart, currency));
  if (message.facts && message.facts.length) {
    element.append(h('details', { class: 'facts', open: true }, h('summary', {}, `Figures used (${message.facts.length})`),
      h('div', { class: 'table-wrap' }, h('table', { 'aria-label': 'Figures used' }, h('tbody', {}, message.facts.map((fact) => h('tr', {},
        h('th', { scope: 'row' }, fact.label), h('td', { class: fact.kind === 'amount' || fact.kind === 'count' ? 'num' : '' }, factText(fact)),
        h('td', { class: 'muted hide-narrow' }, fact.source))))))));
  }
  return element;
}
