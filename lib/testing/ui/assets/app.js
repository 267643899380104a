// The emulator's page: a phone (chat, custom menu, H5 pane) and an inspector. Plain browser JS, no build step,
// nothing loaded from outside. Every string the app sends is put in the DOM with textContent, never as HTML.

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let appId = params.get('appId') || '';
let state = null;
const pushes = new Map();

/** Builds an element: h('div', { class: 'x', onclick: fn }, child, 'text'). Strings become text nodes. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

async function api(path, body) {
  const res = await fetch(`/ui/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ appId: appId || undefined, ...body }),
  });
  const data = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) {
    toast(data.error || `HTTP ${res.status}`);
    throw new Error(data.error);
  }
  return data;
}

let toastTimer;
function toast(text) {
  const el = $('toast');
  el.textContent = text;
  el.classList.add('show');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => el.classList.remove('show'), 3500);
}

// ---------- state ----------

let refreshing = null;
let refreshAgain = false;
async function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    const res = await fetch(`/ui/api/state${appId ? `?appId=${encodeURIComponent(appId)}` : ''}`);
    state = await res.json();
    appId = state.appId;
    for (const p of state.pushes) pushes.set(p.id, p);
    render();
  })().finally(() => {
    refreshing = null;
    if (refreshAgain) {
      refreshAgain = false;
      refresh();
    }
  });
  return refreshing;
}

function render() {
  renderConfig();
  renderFollowers();
  renderQrcodes();
  renderMenu();
  renderChat();
  renderPushes();
  renderApi();
  renderTokens();
}

function renderConfig() {
  $('account').textContent = `AppID ${state.appId} · API ${state.apiUrl}`;
  // an emulator with several accounts: one page per account (?appId=…)
  $('account-pick').hidden = state.accounts.length < 2;
  if (state.accounts.length > 1 && $('account-select').options.length !== state.accounts.length) {
    $('account-select').replaceChildren(...state.accounts.map((id) => h('option', { value: id, selected: id === state.appId }, id)));
  }
  $('phone-title').textContent = `公众号 ${state.appId}`;
  const form = $('app-form');
  if (!form.contains(document.activeElement)) {
    $('app-url').value = state.app ? state.app.url : '';
    $('app-mode').value = state.app ? state.app.mode : state.hasAesKey ? 'safe' : 'plain';
    $('app-format').value = state.app ? state.app.format : 'xml';
  }
}

function selectedFollower() {
  return state.followers.find((f) => f.openid === state.selected);
}

function renderFollowers() {
  const select = $('follower');
  select.replaceChildren(
    ...state.followers.map((f) =>
      h('option', { value: f.openid, selected: f.openid === state.selected }, `${f.nickname}${f.following ? '' : '（未关注）'} · ${f.openid.slice(0, 10)}…`),
    ),
  );
  const f = selectedFollower();
  $('follower-status').textContent = f ? `${f.nickname} ${f.following ? '已关注' : '未关注'} · OpenID ${f.openid}` : '';
  $('phone-user').textContent = f ? `以「${f.nickname}」的身份` : '';
  $('unsubscribe').disabled = !f || !f.following;
  $('resubscribe').disabled = !f || f.following;
}

function renderQrcodes() {
  const list = $('qrcodes');
  if (state.qrcodes.length === 0) {
    list.replaceChildren(h('li', { class: 'muted' }, '还没有二维码（公众号调用 qrcode/create 后出现在这里）'));
    return;
  }
  list.replaceChildren(
    ...state.qrcodes.map((q) =>
      h(
        'li',
        { class: q.expired ? 'expired' : '', 'aria-label': `二维码 ${q.scene}` },
        h('img', { src: q.image, alt: `二维码 场景 ${q.scene}` }),
        h(
          'div',
          {},
          h('div', { class: 'scene' }, q.scene),
          h('div', { class: 'muted' }, `${q.actionName}${q.expiresAt ? ` · ${q.expired ? '已过期' : `${Math.round((q.expiresAt - state.now) / 1000)} 秒后过期`}` : ' · 永久'}`),
          h(
            'div',
            { class: 'buttons' },
            h('button', { type: 'button', disabled: q.expired, onclick: () => api('api/scan', { ticket: q.ticket, openid: state.selected }) }, '扫码'),
            h(
              'button',
              { type: 'button', disabled: q.expired, onclick: () => api('api/scan', { ticket: q.ticket, asNew: true }).then(refresh) },
              '以新粉丝扫码',
            ),
          ),
        ),
      ),
    ),
  );
}

// ---------- menu ----------

let openSub = null;
function renderMenu() {
  const bar = $('menubar');
  const buttons = state.menu ? state.menu.button : [];
  if (buttons.length === 0) {
    bar.replaceChildren(h('span', { class: 'empty' }, '公众号还没有自定义菜单'));
    return;
  }
  bar.replaceChildren(
    ...buttons.map((b, i) => {
      const hasSub = Array.isArray(b.sub_button) && b.sub_button.length > 0;
      const top = h('div', { class: 'top' });
      const button = h(
        'button',
        {
          type: 'button',
          'aria-haspopup': hasSub ? 'menu' : undefined,
          'aria-expanded': hasSub ? String(openSub === i) : undefined,
          onclick: () => (hasSub ? toggleSub(i) : tapMenu(b, [i])),
        },
        hasSub ? `≡ ${b.name}` : b.name,
      );
      button.setAttribute('aria-label', b.name);
      top.append(button);
      if (hasSub && openSub === i) {
        top.append(
          h(
            'div',
            { role: 'menu', 'aria-label': b.name },
            ...b.sub_button.map((s, j) => h('button', { type: 'button', role: 'menuitem', onclick: () => tapMenu(s, [i, j]) }, s.name)),
          ),
        );
      }
      return top;
    }),
  );
}

function toggleSub(i) {
  openSub = openSub === i ? null : i;
  renderMenu();
}

/** Dialogs for the menu types whose event carries what the user picked (scan result, photos, place). */
const MENU_DIALOGS = {
  scancode_push: scanDialog,
  scancode_waitmsg: scanDialog,
  pic_sysphoto: picDialog,
  pic_photo_or_album: picDialog,
  pic_weixin: picDialog,
  location_select: (b) =>
    dialog(`${b.name}：选择位置`, [
      { name: 'x', label: '纬度 Location_X', value: '22.522807' },
      { name: 'y', label: '经度 Location_Y', value: '113.935338' },
      { name: 'label', label: '地址 Label', value: '广东省深圳市南山区海天二路33号' },
      { name: 'poiname', label: '地点 Poiname', value: '腾讯滨海大厦' },
    ]),
};

function scanDialog(b) {
  return dialog(`${b.name}：扫码结果`, [
    { name: 'scanType', label: '码类型 ScanType', options: [['qrcode', '二维码 qrcode'], ['barcode', '条形码 barcode']] },
    { name: 'scanResult', label: '扫描结果 ScanResult', value: 'https://example.com/scanned' },
  ]);
}

function picDialog(b) {
  return dialog(`${b.name}：发送图片`, [{ name: 'count', label: '图片张数', value: '1', type: 'number' }]);
}

async function tapMenu(button, path) {
  openSub = null;
  renderMenu();
  let payload = {};
  const ask = MENU_DIALOGS[button.type];
  if (ask) {
    payload = await ask(button);
    if (!payload) return;
  }
  await api('api/menu', { openid: state.selected, path, ...payload });
  if (button.type === 'view') openH5(button.url, button.name);
  if (button.type === 'miniprogram') toast(`打开小程序 ${button.appid} ${button.pagepath}`);
}

// ---------- dialog ----------

function dialog(title, fields) {
  const dlg = $('dialog');
  $('dialog-title').textContent = title;
  $('dialog-fields').replaceChildren(
    ...fields.map((f) =>
      h(
        'label',
        {},
        f.label,
        f.options
          ? h('select', { name: f.name }, ...f.options.map(([value, label]) => h('option', { value }, label)))
          : h('input', { name: f.name, value: f.value ?? '', type: f.type ?? 'text', required: f.required }),
      ),
    ),
  );
  return new Promise((resolve) => {
    dlg.addEventListener(
      'close',
      () => {
        if (dlg.returnValue !== 'ok') return resolve(null);
        const data = {};
        for (const f of fields) data[f.name] = $('dialog-form').elements[f.name].value;
        resolve(data);
      },
      { once: true },
    );
    dlg.returnValue = '';
    dlg.showModal();
  });
}

// ---------- chat ----------

function visible(entry) {
  if (entry.openid === state.selected) return true;
  return entry.openid === null && Array.isArray(entry.recipients) && entry.recipients.includes(state.selected);
}

function renderChat() {
  const chat = $('chat');
  const atBottom = chat.scrollHeight - chat.scrollTop - chat.clientHeight < 60;
  chat.replaceChildren(...state.chat.filter(visible).map(renderEntry));
  if (atBottom || true) chat.scrollTop = chat.scrollHeight;
}

const SOURCE_LABELS = { custom: '客服消息', mass: '群发消息', template: '模板消息' };

function renderEntry(entry) {
  if (entry.from === 'system' && entry.source === 'note') {
    return h('div', { class: 'note' }, h('span', {}, entry.bubble.text), statusLine(entry.pushId));
  }
  if (entry.source === 'error') {
    return h('div', { class: 'row app' }, h('div', { class: 'avatar', 'aria-hidden': 'true', style: 'background:#d93025' }, '!'), h('div', { class: 'stack' }, bubble(entry.bubble, entry)));
  }
  const mine = entry.from === 'user';
  return h(
    'div',
    { class: `row ${mine ? 'user' : 'app'}` },
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, mine ? '我' : '公'),
    h(
      'div',
      { class: 'stack' },
      SOURCE_LABELS[entry.source] ? h('div', { class: 'source' }, SOURCE_LABELS[entry.source]) : null,
      bubble(entry.bubble, entry),
      mine ? statusLine(entry.pushId) : null,
    ),
  );
}

/** Under the follower's message: how its push went, including WeChat's retries. */
function statusLine(pushId) {
  if (!pushId) return null;
  return h('div', { class: 'status', 'data-push': pushId }, pushStatus(pushes.get(pushId)));
}

function pushStatus(p) {
  if (!p) return '';
  const tries = p.attempts.length;
  const retries = p.attempts.filter((a) => a.outcome !== 'answered').map((a) => (a.outcome === 'timeout' ? `超时 ${a.elapsedMs}ms` : a.outcome === 'server_error' ? `HTTP ${a.status}` : '连接失败'));
  if (p.state === 'sending') return tries === 0 ? '发送中…' : `${retries.join('，')}，微信重试中（第 ${tries + 1} 次投递）…`;
  const error = p.answer && p.answer.error;
  const retryNote = tries > 1 ? `，${tries} 次投递（${retries.join('，')}）` : '';
  if (error) return `✗ ${error.reason}${p.answer.status ? ` · HTTP ${p.answer.status}` : ''}${retryNote}`;
  return `✓ HTTP ${p.answer ? p.answer.status : ''}${retryNote}${p.answer && (p.answer.reply === '' || p.answer.reply === 'success') ? ' · 无回复' : ''}`;
}

function updateStatusLines(p) {
  for (const el of document.querySelectorAll(`[data-push="${p.id}"]`)) {
    el.textContent = pushStatus(p);
    el.classList.toggle('bad', Boolean(p.answer && p.answer.error));
  }
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//i;
/** Images the app names are shown only from this machine: the page never fetches from the internet. */
const localSrc = (url) => (typeof url === 'string' && (LOOPBACK.test(url) || url.startsWith(location.origin)) ? url : null);

function bubble(b, entry) {
  switch (b.type) {
    case 'text':
      return h('div', { class: 'bubble text' }, ...linkify(b.text));
    case 'image':
      return b.src
        ? h('div', { class: 'bubble media-wrap' }, h('img', { class: 'media', src: b.src, alt: '图片' }))
        : h('div', { class: 'bubble' }, `[图片] media_id ${b.mediaId}（不在模拟器里）`);
    case 'voice':
      return h('div', { class: 'bubble' }, '🔊 语音', b.src ? h('audio', { controls: true, src: b.src, 'aria-label': '语音' }) : h('div', { class: 'muted' }, `media_id ${b.mediaId}`));
    case 'video':
      return h(
        'div',
        { class: 'card' },
        b.src ? h('video', { controls: true, src: b.src, width: 250, 'aria-label': '视频' }) : h('div', { class: 'cover' }, h('div', { class: 'title' }, '▶ 视频')),
        h('div', { class: 'one-title' }, b.title || '视频'),
        b.description ? h('div', { class: 'desc' }, b.description) : null,
      );
    case 'music':
      return h(
        'div',
        { class: 'bubble music' },
        h('span', { class: 'icon', 'aria-hidden': 'true' }, '♪'),
        h('div', {}, h('div', {}, b.title || '音乐'), h('div', { class: 'muted' }, b.description || b.url)),
      );
    case 'news':
      return newsCard(b);
    case 'location':
      return h('div', { class: 'card' }, h('div', { class: 'one-title' }, `📍 ${b.label}`), h('div', { class: 'desc' }, `${b.x}, ${b.y}`));
    case 'link':
      return h(
        'div',
        { class: 'card', role: 'link', tabindex: 0, onclick: () => openH5(b.url, b.title) },
        h('div', { class: 'one-title' }, b.title),
        h('div', { class: 'desc' }, b.description || b.url),
      );
    case 'template':
      return h(
        'div',
        { class: 'card' },
        h('div', { class: 'one-title' }, b.title),
        h('div', { class: 'lines' }, ...b.lines.map(([k, v]) => h('div', {}, h('span', {}, `${k}：`), v))),
        b.url ? h('div', { class: 'foot link', role: 'link', tabindex: 0, onclick: () => openH5(b.url, b.title) }, '详情') : null,
      );
    case 'menu':
      return h('div', { class: 'bubble' }, b.head, ...b.items.map((item) => h('div', { class: 'link' }, item)), b.tail);
    case 'error':
      return h(
        'div',
        { class: 'error-bubble', role: 'alert' },
        h('strong', {}, `推送失败：${b.reason}`),
        h('div', {}, b.message),
        b.status ? h('div', {}, `HTTP ${b.status}`) : null,
        b.body ? h('pre', {}, b.body) : null,
      );
    case 'event':
      return h('div', { class: 'bubble' }, b.text);
    default:
      return h('div', { class: 'bubble' }, h('strong', {}, `[${b.label}] `), b.detail);
  }
}

function newsCard(b) {
  const [first, ...rest] = b.articles;
  if (!first) return h('div', { class: 'bubble' }, '[空图文]');
  const cover = (a) => (localSrc(a.picUrl) ? `background-image:url("${CSS.escape(localSrc(a.picUrl))}")` : undefined);
  const open = (a) => () => a.url && openH5(a.url, a.title);
  const card = h('div', { class: 'card', role: 'group', 'aria-label': `图文 ${first.title}` });
  if (rest.length === 0) {
    card.append(
      h('div', { class: 'one-title link', role: 'link', tabindex: 0, onclick: open(first) }, first.title),
      h('div', { class: 'desc' }, first.description),
      // append() would print a null as "null": no cover, no element
      ...(first.picUrl ? [h('div', { class: 'cover', style: cover(first), title: localSrc(first.picUrl) ? undefined : `图片未加载（外部地址）：${first.picUrl}` })] : []),
    );
  } else {
    card.append(h('div', { class: 'cover', style: cover(first), role: 'link', tabindex: 0, onclick: open(first) }, h('div', { class: 'title' }, first.title)));
    for (const a of rest) card.append(h('div', { class: 'item', role: 'link', tabindex: 0, onclick: open(a) }, h('span', {}, a.title), h('span', { class: 'thumb', style: cover(a) })));
  }
  if (b.hidden > 0) card.append(h('div', { class: 'hidden-note' }, `另有 ${b.hidden} 篇图文微信不显示（回复用户消息时只显示第 1 篇）`));
  return card;
}

/**
 * Text as WeChat shows it: `<a href="…">label</a>` becomes a link, bare http(s) URLs too, and every other character
 * (other tags included) is text.
 */
function linkify(text) {
  const out = [];
  const pattern = /<a\s+[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>(.*?)<\/a>|(https?:\/\/[^\s<>"']+)/gis;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const url = m[2] ?? m[4];
    const label = m[3] ?? m[4];
    if (/^https?:\/\//i.test(url)) out.push(h('a', { href: url, onclick: (e) => (e.preventDefault(), openH5(url, label)) }, label));
    else out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

// ---------- H5 pane ----------

/**
 * Hosts the emulator plays inside the H5 pane: a page's OAuth redirect to open.weixin.qq.com goes to the emulator's
 * own `/connect/oauth2/*` (the consent screen), so no request leaves the machine. Add hosts here, not in openH5.
 */
const H5_REWRITES = [{ host: 'open.weixin.qq.com', paths: /^\/connect\/oauth2\// }];

function h5Url(url) {
  try {
    const u = new URL(url, location.href);
    const rule = H5_REWRITES.find((r) => r.host === u.hostname && r.paths.test(u.pathname));
    return rule ? `${location.origin}${u.pathname}${u.search}${u.hash}` : u.toString();
  } catch {
    return null;
  }
}

/** The URL the pane was opened with (what ⟳ loads again; later hops may hold a one-time OAuth code). */
let h5Opened = '';

function clearH5Debug() {
  $('h5-debug').replaceChildren();
  $('h5-debug').hidden = true;
}

function openH5(url, title) {
  const target = h5Url(url);
  if (!target) return toast(`不是网址：${url}`);
  h5Opened = target;
  $('h5-title').textContent = title || '';
  $('h5-url').textContent = target;
  $('h5-frame').src = target;
  clearH5Debug();
  $('h5').hidden = false;
  $('h5-close').focus();
}

$('h5-open').addEventListener('submit', (e) => {
  e.preventDefault();
  const url = $('h5-address').value.trim();
  if (url) openH5(url, '');
});

$('h5-close').addEventListener('click', () => {
  $('h5').hidden = true;
  $('h5-frame').src = 'about:blank';
});
$('h5-reload').addEventListener('click', () => {
  clearH5Debug();
  $('h5-frame').src = h5Opened;
});
$('h5-frame').addEventListener('load', () => {
  try {
    const doc = $('h5-frame').contentDocument;
    if (doc && doc.title) $('h5-title').textContent = doc.title;
    if (doc && doc.location.href !== 'about:blank') $('h5-url').textContent = doc.location.href;
  } catch {
    // the app's own origin: its page tells us its title and address if it loads the emulator's jweixin script
    $('h5-title').textContent = '';
  }
});

/** The address line hides an OAuth `code` (single-use, but still a credential until the app redeems it). */
function withoutCode(href) {
  try {
    const u = new URL(href);
    if (u.searchParams.has('code')) u.searchParams.set('code', '***');
    return u.toString();
  } catch {
    return href;
  }
}

/**
 * Messages from the page inside the H5 pane. The emulator's jweixin-compatible script posts
 * `{ source: 'wechat-mp-emulator', kind: 'page', title, href }` when it loads (the app's origin is not readable from
 * here), and `{ source: 'wechat-mp-emulator', kind: 'jssdk', ok, api, message }` for each JS-SDK result (e.g.
 * wx.config), shown as text in the "JS-SDK 调试" strip as WeChat's debug mode shows them.
 */
window.addEventListener('message', (e) => {
  const data = e.data;
  if (!data || typeof data !== 'object' || data.source !== 'wechat-mp-emulator' || e.source !== $('h5-frame').contentWindow) return;
  if (data.kind === 'page') {
    $('h5-title').textContent = String(data.title ?? '');
    $('h5-url').textContent = withoutCode(String(data.href ?? ''));
    return;
  }
  const box = $('h5-debug');
  box.hidden = false;
  box.append(h('div', { class: data.ok === false ? 'bad' : 'ok' }, `${String(data.api ?? data.kind ?? '')} ${data.ok === false ? '✗' : '✓'} ${String(data.message ?? '')}`));
  box.scrollTop = box.scrollHeight;
});

// ---------- inspector ----------

function pre(label, text) {
  if (text === undefined || text === null || text === '') return null;
  return [h('h3', {}, label), h('pre', {}, typeof text === 'string' ? text : JSON.stringify(text, null, 2))];
}

function renderPushes() {
  const list = [...pushes.values()].filter((p) => p.appId === state.appId).sort((a, b) => b.id - a.id).slice(0, 100);
  const open = new Set([...document.querySelectorAll('#panel-pushes details[open]')].map((d) => d.dataset.id));
  if (list.length === 0) {
    $('panel-pushes').replaceChildren(h('p', { class: 'muted' }, '还没有推送。在手机里发消息或点菜单试试。'));
    return;
  }
  $('panel-pushes').replaceChildren(
    ...list.map((p) => {
      const a = p.answer;
      const bad = a && a.error;
      return h(
        'details',
        { 'data-id': p.id, open: open.has(String(p.id)) },
        h(
          'summary',
          {},
          `#${p.id} ${p.label} · ${p.mode}/${p.format} → `,
          h('span', { class: bad ? 'bad' : 'ok' }, p.state === 'sending' ? '发送中' : bad ? `${a.error.reason}` : `HTTP ${a.status}`),
          ` · ${p.attempts.length} 次投递`,
        ),
        pre('请求 URL', p.request && p.request.url),
        pre('查询参数', p.request && p.request.query),
        pre(`发送的 body（${p.request ? p.request.contentType : ''}）`, p.request && p.request.body),
        p.mode !== 'plain' ? pre('解密后的 body', p.request && p.request.plaintext) : null,
        pre('投递', p.attempts.map((t, i) => `${i + 1}. ${t.outcome} HTTP ${t.status || '-'} ${t.elapsedMs} ms`).join('\n')),
        pre('回复（原文）', a && (a.raw || '（空）')),
        pre('回复（解密后）', a && a.decrypted),
        pre('解析的回复', a && a.reply !== '' ? a.reply : undefined),
        pre('错误', a && a.error ? `${a.error.reason}: ${a.error.message}` : undefined),
      );
    }),
  );
}

const time = (ms) => new Date(ms).toLocaleTimeString('zh-CN', { hour12: false });

function renderApi() {
  const rows = [...state.requests].reverse();
  $('panel-api').replaceChildren(
    rows.length === 0
      ? h('p', { class: 'muted' }, '公众号还没有调用 API。')
      : h(
          'table',
          { 'aria-label': 'API 调用' },
          h('thead', {}, h('tr', {}, h('th', {}, '时间'), h('th', {}, '接口'), h('th', {}, 'errcode'), h('th', {}, 'HTTP'))),
          h(
            'tbody',
            {},
            ...rows.map((r) =>
              h(
                'tr',
                {},
                h('td', {}, time(r.at)),
                h('td', {}, `${r.method} ${r.path}`),
                h('td', { class: r.errcode ? 'bad' : 'ok' }, r.errcode === null ? '-' : String(r.errcode)),
                h('td', {}, `${r.status}${r.fault ? ` (${r.fault})` : ''}`),
              ),
            ),
          ),
        ),
  );
}

function renderTokens() {
  const line = (name, t) =>
    h(
      'tr',
      {},
      h('td', {}, name),
      t
        ? [
            h('td', { class: t.alive ? 'ok' : 'bad' }, t.alive ? '有效' : t.stale ? '已作废' : '已失效'),
            h('td', {}, time(t.issuedAt)),
            h('td', {}, t.alive ? `${Math.round((t.expiresAt - state.now) / 1000)} 秒` : '—'),
          ]
        : h('td', { colspan: 3, class: 'muted' }, '尚未获取'),
    );
  $('panel-tokens').replaceChildren(
    h(
      'table',
      { 'aria-label': '令牌状态' },
      h('thead', {}, h('tr', {}, h('th', {}, '令牌'), h('th', {}, '状态'), h('th', {}, '签发于'), h('th', {}, '剩余'))),
      h(
        'tbody',
        {},
        line('access_token（/cgi-bin/token）', state.tokens.classic),
        line('stable_token', state.tokens.stable),
        line('jsapi_ticket（JS-SDK）', state.tokens.jsapi),
      ),
    ),
    h('p', { class: 'muted' }, '令牌和 ticket 的值不会显示在这里（它们是机密）。时间是模拟器时钟。'),
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { type: 'button', disabled: !(state.tokens.jsapi && state.tokens.jsapi.alive), onclick: revokeTickets },
        '作废 jsapi_ticket',
      ),
    ),
    h('p', { class: 'muted' }, '作废后，用旧 ticket 签名的 wx.config 会报「stale jsapi_ticket」，直到公众号重新获取 ticket。'),
  );
}

async function revokeTickets() {
  await api('api/revoke-tickets', {});
  toast('jsapi_ticket 已作废');
  refresh();
}

for (const tab of document.querySelectorAll('[role=tab]')) {
  tab.addEventListener('click', () => {
    for (const other of document.querySelectorAll('[role=tab]')) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      $(other.getAttribute('aria-controls')).hidden = !selected;
    }
  });
}

// ---------- controls ----------

$('app-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  await api('api/app', { url: $('app-url').value.trim(), mode: $('app-mode').value, format: $('app-format').value });
  toast('已保存');
  $('message').focus();
  refresh();
});

$('account-select').addEventListener('change', (e) => {
  location.search = `?${new URLSearchParams({ appId: e.target.value })}`;
});
$('follower').addEventListener('change', async (e) => {
  await api('api/select', { openid: e.target.value });
  refresh();
});
$('new-follower').addEventListener('click', async () => {
  await api('api/follow', {});
  refresh();
});
$('unsubscribe').addEventListener('click', () => api('api/unsubscribe', { openid: state.selected }));
$('resubscribe').addEventListener('click', () => api('api/subscribe', { openid: state.selected }));

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('message');
  const content = input.value;
  if (!content.trim()) return;
  await api('api/send', { openid: state.selected, kind: 'text', content });
  input.value = '';
});

$('more').addEventListener('click', () => {
  const panel = $('more-panel');
  panel.hidden = !panel.hidden;
  $('more').setAttribute('aria-expanded', String(!panel.hidden));
});
$('send-location').addEventListener('click', async () => {
  const place = await dialog('发送位置', [
    { name: 'x', label: '纬度', value: '22.522807' },
    { name: 'y', label: '经度', value: '113.935338' },
    { name: 'label', label: '地址', value: '广东省深圳市南山区海天二路33号' },
  ]);
  if (place) await api('api/send', { openid: state.selected, kind: 'location', ...place });
});
$('send-link').addEventListener('click', async () => {
  const link = await dialog('发送链接', [
    { name: 'title', label: '标题', value: '一篇文章' },
    { name: 'description', label: '描述', value: '' },
    { name: 'url', label: '网址', value: 'https://example.com/article', required: true },
  ]);
  if (link) await api('api/send', { openid: state.selected, kind: 'link', ...link });
});
$('pick-image').addEventListener('click', () => $('send-image').click());
$('send-image').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  e.target.value = '';
  if (!file) return;
  const res = await fetch(`/ui/api/upload?${new URLSearchParams({ appId, filename: file.name })}`, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  const data = await res.json();
  if (!res.ok) return toast(data.error);
  await api('api/send', { openid: state.selected, kind: 'image', mediaId: data.mediaId });
});

// ---------- live updates ----------

let refreshTimer;
const refreshSoon = () => {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 80);
};

const events = new EventSource('/ui/events');
events.addEventListener('chat', (e) => {
  const entry = JSON.parse(e.data);
  if (!state || entry.appId !== state.appId) return;
  if (!state.chat.some((c) => c.id === entry.id)) state.chat.push(entry);
  renderChat();
});
events.addEventListener('push', (e) => {
  const p = JSON.parse(e.data);
  pushes.set(p.id, p);
  if (!state || p.appId !== state.appId) return;
  updateStatusLines(p);
  renderPushes();
});
events.addEventListener('api', refreshSoon);
events.addEventListener('state', refreshSoon);
events.addEventListener('open', refreshSoon);

refresh();
