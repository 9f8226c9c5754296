// The sandbox page: acts as a Slack client for the simulator. Every action
// is a POST to the sandbox's JSON API; the view follows /api/state (a long poll).
"use strict";

const $ = (sel) => document.querySelector(sel);
const state = { user: $("#user").value, view: "C0PARTNERS", etag: "", poll: null, speed: 1, clock: 0, clockAt: 0, sentAt: 0 };

// ---- the page's own text, in the current user's language (CHROME comes
// from the server, one table per language the bot speaks)

const lang = () => $("#user").selectedOptions[0].dataset.lang;
const t = (key) => (CHROME[lang()] || CHROME.en)[key] || CHROME.en[key];

// ---- dates: Slack's clients show a <!date> token in the reader's own
// language and time zone; the simulator renders it as <time class="date">.

function localizeDates(root) {
  const opt = $("#user").selectedOptions[0];
  const locale = lang() === "fr" ? "fr-FR" : "en-US", timeZone = opt.dataset.tz || "UTC";
  const fmt = (d, o) => new Intl.DateTimeFormat(locale, Object.assign({ timeZone }, o)).format(d);
  const dayKey = (d) => fmt(d, { year: "numeric", month: "2-digit", day: "2-digit" });
  const pretty = (d, other) => {
    const today = simNow(), rel = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    for (const n of [-1, 0, 1]) {
      if (dayKey(d) === dayKey(new Date(today.getTime() + n * 864e5))) {
        const w = rel.format(n, "day");
        return w.charAt(0).toUpperCase() + w.slice(1);
      }
    }
    return other;
  };
  const token = {
    date_num: (d) => new Intl.DateTimeFormat("sv-SE", { timeZone }).format(d),
    date_slash: (d) => fmt(d, { day: "2-digit", month: "2-digit", year: "numeric" }),
    date: (d) => fmt(d, { day: "numeric", month: "long", year: "numeric" }),
    date_short: (d) => fmt(d, { day: "numeric", month: "short", year: "numeric" }),
    date_long: (d) => fmt(d, { weekday: "long", day: "numeric", month: "long", year: "numeric" }),
    time: (d) => fmt(d, { hour: "2-digit", minute: "2-digit" }),
    time_secs: (d) => fmt(d, { hour: "2-digit", minute: "2-digit", second: "2-digit" }),
  };
  token.date_pretty = (d) => pretty(d, token.date(d));
  token.date_short_pretty = (d) => pretty(d, token.date_short(d));
  token.date_long_pretty = (d) => pretty(d, token.date_long(d));
  root.querySelectorAll("time.date").forEach((el) => {
    const d = new Date(Number(el.dataset.ts) * 1000);
    let known = true;
    const text = el.dataset.format.replace(/\{(\w+)\}/g, (m, k) => (token[k] ? token[k](d) : ((known = false), m)));
    if (known) { el.title = el.textContent; el.textContent = text; } // else keep the fallback, as Slack does
  });
  // Block Kit's client-side defaults ("Select an option", "(optional)"…),
  // which Slack's client says in its reader's language.
  root.querySelectorAll("[data-default]").forEach((el) => { el.textContent = t("default_" + el.dataset.default); });
}

function applyChrome() {
  document.documentElement.lang = lang();
  document.querySelectorAll("[data-t]").forEach((el) => { el.textContent = t(el.dataset.t); });
  // Our own constants with a little markup, never user text.
  document.querySelectorAll("[data-t-html]").forEach((el) => { el.innerHTML = t(el.dataset.tHtml); });
  document.querySelectorAll("[data-t-title]").forEach((el) => { el.title = t(el.dataset.tTitle); });
  $("#send").setAttribute("aria-label", t("send"));
}

function toast(msg) {
  const t = $("#toast");
  t.textContent = msg;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 6000);
}

async function api(path, body) {
  const res = await fetch("/api/" + path, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(Object.assign({ user: state.user }, body)),
  });
  const out = await res.json().catch(() => ({ ok: false, error: res.statusText }));
  if (!out.ok) toast(out.error || t("failed"));
  return out;
}

// ---- view and live updates

function select(view) {
  state.view = view;
  state.etag = "";
  document.querySelectorAll(".nav").forEach((a) => a.classList.toggle("on", a.dataset.view === view));
  const a = document.querySelector(`.nav[data-view="${view}"]`);
  $("#title").textContent = a ? a.dataset.title : view;
  const home = view === "home";
  $("#tabs").hidden = !home;
  $("#composer").hidden = home || view === "dm"; // the app's DM shows what it sent (exports)
  $("#topic").textContent = home ? "" : a && a.dataset.shared === "true" ? t("shared_topic") : t("team_topic");
  $("#box").placeholder = home ? "" : t("placeholder").replace("%s", a.dataset.title);
  $("#main").innerHTML = "";
  if (home) api("home/open", {}); // app_home_opened, as Slack sends on every visit
  restartPoll();
}

function restartPoll() {
  if (state.poll) state.poll.abort();
  state.poll = new AbortController();
  poll(state.poll.signal);
}

async function poll(signal) {
  while (!signal.aborted) {
    try {
      const q = new URLSearchParams({ user: state.user, view: state.view, since: state.etag });
      const res = await fetch("/api/state?" + q, { signal });
      const st = await res.json();
      if (signal.aborted) return;
      state.speed = st.speed; state.clock = st.clock; state.clockAt = Date.now();
      $("#fast").checked = st.speed > 1;
      if (st.etag !== state.etag) {
        state.etag = st.etag;
        draw(st);
      }
    } catch (e) {
      if (signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function draw(st) {
  const main = $("#main");
  const atBottom = main.scrollHeight - main.scrollTop - main.clientHeight < 80;
  if (state.view === "home" && st.empty) {
    main.innerHTML = '<div class="empty"></div>';
    main.firstChild.textContent = t("opening_home");
  } else if (!st.main) {
    main.innerHTML = '<div class="empty">' + t("empty_channel") + "</div>"; // our constant, with markup
  } else if (state.view === "home" || !main.querySelector(".msg")) {
    main.innerHTML = st.main;
    localizeDates(main);
  } else {
    patchMessages(main, st.main);
  }
  // Just after sending, the answer is scrolled into view wherever the
  // reader was, as in Slack.
  if (atBottom || !draw.done || Date.now() - state.sentAt < 10000) main.scrollTop = main.scrollHeight;
  draw.done = true;
  drawModal(st.modal);
}

// patchMessages replaces only the messages that changed, so a menu or a
// checkbox the user is using in another message is left alone.
function patchMessages(main, html) {
  const next = document.createElement("div");
  next.innerHTML = html;
  localizeDates(next); // before comparing: the messages on screen are localized
  const old = new Map([...main.querySelectorAll(":scope > .msg")].map((m) => [m.dataset.ts, m]));
  const keep = new Set();
  let prev = null;
  for (const m of [...next.children]) {
    const cur = old.get(m.dataset.ts);
    let node = m;
    if (cur && cur.innerHTML === m.innerHTML && cur.className === m.className) node = cur;
    else if (cur) cur.replaceWith(m);
    keep.add(node);
    if (node.parentNode !== main || node.previousElementSibling !== prev) {
      if (prev) prev.after(node); else main.prepend(node);
    }
    prev = node;
  }
  for (const m of [...main.children]) if (!keep.has(m)) m.remove();
}

function drawModal(html) {
  const ov = $("#overlay");
  const open = ov.querySelector(".modal");
  if (!html) { ov.hidden = true; ov.innerHTML = ""; return; }
  // Keep what the user typed when the same view is redrawn (e.g. with errors).
  const keep = open && open.dataset.viewId === new DOMParser().parseFromString(html, "text/html").querySelector(".modal").dataset.viewId ? viewState(open) : null;
  ov.innerHTML = html;
  localizeDates(ov);
  ov.hidden = false;
  if (keep) restoreState(ov.querySelector(".modal"), keep);
}

// simNow is the sandbox's clock (the one the bot and its reminders use),
// advanced locally between two polls at the clock's speed.
function simNow() {
  return state.clockAt ? new Date(state.clock + (Date.now() - state.clockAt) * state.speed) : new Date();
}

// The header shows the clock in the current user's language and time zone.
function tickClock() {
  if (state.clockAt) {
    const timeZone = $("#user").selectedOptions[0].dataset.tz || "UTC";
    const el = $("#clock-now");
    el.dataset.tz = timeZone;
    el.textContent = t("clock") + simNow().toLocaleString(lang() === "fr" ? "fr-FR" : "en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
  }
}
setInterval(tickClock, 250);

// ---- modals: Slack's view.state.values from the form

function viewState(modal) {
  const values = {};
  modal.querySelectorAll(".input[data-block-id]").forEach((blk) => {
    const c = blk.querySelector(".control");
    if (!c) return;
    const type = c.dataset.type, v = {};
    v.type = type;
    const input = c.querySelector("input, textarea, select");
    const opt = (o) => ({ text: { type: "plain_text", text: o.textContent, emoji: true }, value: o.value });
    switch (type) {
      case "plain_text_input": case "number_input": v.value = input.value === "" ? null : input.value; break;
      case "datepicker": v.selected_date = input.value || null; break;
      case "timepicker": v.selected_time = input.value || null; break;
      case "static_select": v.selected_option = input.value ? opt(input.selectedOptions[0]) : null; break;
      case "multi_static_select": v.selected_options = [...input.selectedOptions].filter((o) => o.value).map(opt); break;
      case "file_input": v.files = c.dataset.fileId ? [{ id: c.dataset.fileId }] : []; break;
      case "users_select": v.selected_user = input.value || null; break;
      case "conversations_select": v.selected_conversation = input.value || null; break;
      case "channels_select": v.selected_channel = input.value || null; break;
      case "checkboxes": v.selected_options = [...c.querySelectorAll("input:checked")].map((i) => ({ text: { type: "mrkdwn", text: i.nextElementSibling.textContent }, value: i.value })); break;
      case "radio_buttons": { const i = c.querySelector("input:checked"); v.selected_option = i ? { text: { type: "plain_text", text: i.nextElementSibling.textContent }, value: i.value } : null; break; }
      default: return;
    }
    values[blk.dataset.blockId] = { [c.dataset.actionId]: v };
  });
  return values;
}

// A file input's chosen file is uploaded first, as Slack's client does when
// the file is attached; the submission then names it (issue 17).
async function uploadFiles(modal) {
  for (const c of modal.querySelectorAll('.control[data-type="file_input"]')) {
    const input = c.querySelector("input[type=file]");
    const f = input && input.files[0];
    if (!f || c.dataset.fileName === f.name + "/" + f.size + "/" + f.lastModified) continue;
    const bytes = new Uint8Array(await f.arrayBuffer());
    let bin = "";
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    const out = await api("upload", { name: f.name, content: btoa(bin) });
    if (!out.ok) return false;
    c.dataset.fileId = out.result.id;
    c.dataset.fileName = f.name + "/" + f.size + "/" + f.lastModified;
  }
  return true;
}

// Like Slack's client, refuse to submit while a required input is empty,
// saying so under it; the app never sees such a submission.
function requiredFilled(modal) {
  const values = viewState(modal);
  let ok = true;
  modal.querySelectorAll(".input[data-block-id]").forEach((blk) => {
    if (blk.querySelector(".optional")) return;
    const c = blk.querySelector(".control");
    const v = c && values[blk.dataset.blockId] && values[blk.dataset.blockId][c.dataset.actionId];
    if (!v) return;
    const empty = ["value", "selected_date", "selected_time", "selected_option", "selected_user", "selected_conversation", "selected_channel"]
      .every((k) => v[k] == null) && !(v.selected_options && v.selected_options.length) && !(v.files && v.files.length);
    let err = blk.querySelector(".error.required");
    if (empty && !err) {
      err = document.createElement("div");
      err.className = "error required";
      err.textContent = t("required");
      blk.appendChild(err);
    }
    if (!empty && err) err.remove();
    blk.classList.toggle("invalid", empty);
    if (empty) ok = false;
  });
  return ok;
}

function restoreState(modal, values) {
  modal.querySelectorAll(".input[data-block-id]").forEach((blk) => {
    const c = blk.querySelector(".control");
    const v = c && values[blk.dataset.blockId] && values[blk.dataset.blockId][c.dataset.actionId];
    if (!v) return;
    const input = c.querySelector("input, textarea, select");
    if ("value" in v && v.value != null) input.value = v.value;
    if (v.selected_date) input.value = v.selected_date;
    if (v.selected_time) input.value = v.selected_time;
    if (v.selected_option && input.tagName === "SELECT") input.value = v.selected_option.value;
    for (const k of ["selected_user", "selected_conversation", "selected_channel"]) if (v[k]) input.value = v[k];
  });
}

// ---- interactions

document.addEventListener("click", async (ev) => {
  const nav = ev.target.closest(".nav");
  if (nav) { ev.preventDefault(); select(nav.dataset.view); return; }
  const modal = ev.target.closest(".modal");
  if (modal && ev.target.closest("[data-submit]")) {
    if (!(await uploadFiles(modal))) return;
    if (!requiredFilled(modal)) return;
    const out = await api("view/submit", { view_id: modal.dataset.viewId, state: viewState(modal) });
    if (out.ok) state.etag = "", restartPoll();
    return;
  }
  if (modal && ev.target.closest("[data-close]")) {
    await api("view/close", { view_id: modal.dataset.viewId });
    return;
  }
  const btn = ev.target.closest('.el[data-type="button"] button');
  if (!btn) return;
  const el = btn.closest(".el");
  btn.classList.add("busy");
  const act = { action_id: el.dataset.actionId, value: el.dataset.value };
  if (modal) {
    await api("view/action", Object.assign(act, { view_id: modal.dataset.viewId, state: viewState(modal) }));
  } else if (ev.target.closest(".home")) {
    await api("home/click", act);
  } else {
    const msg = el.closest(".msg");
    await api("click", Object.assign(act, { channel: msg.dataset.channel, ts: msg.dataset.ts }));
  }
  btn.classList.remove("busy");
});

// Selections in messages (checkboxes, menus, pickers) send their values at once.
document.addEventListener("change", (ev) => {
  if (ev.target.id === "user") { state.user = ev.target.value; applyChrome(); select(state.view); return; }
  if (ev.target.id === "fast") { api("clock", { fast: ev.target.checked }); return; }
  const el = ev.target.closest(".msg .el");
  if (!el) return;
  const msg = el.closest(".msg");
  let values;
  if (el.dataset.type === "checkboxes") values = [...el.querySelectorAll("input:checked")].map((i) => i.value);
  else if (el.dataset.type === "radio_buttons") values = [ev.target.value];
  else values = ev.target.value ? [ev.target.value] : [];
  if (el.dataset.type === "overflow") ev.target.value = "";
  if (values.length === 0 && el.dataset.type !== "checkboxes") return;
  api("choose", { channel: msg.dataset.channel, ts: msg.dataset.ts, action_id: el.dataset.actionId, values });
});

$("#demo").addEventListener("click", async (ev) => {
  ev.target.disabled = true;
  ev.target.textContent = t("demo_busy");
  const out = await api("demo", {});
  ev.target.disabled = false;
  ev.target.textContent = t("demo");
  if (out.ok) toast(t(out.result && out.result.already ? "demo_already" : "demo_done"));
});

// ---- composer with the /partner usage hint

const box = $("#box"), hint = $("#hint");
let hintSel = -1;

// The hint rows in the current user's language.
function rows() {
  return [...hint.querySelectorAll(".hint-row")].filter((r) => r.dataset.lang === lang());
}

function updateHint() {
  const t = box.value;
  const show = t.startsWith("/") && "/partner".startsWith(t.split(" ")[0]) && !t.includes("\n");
  hint.hidden = !show;
  if (!show) return;
  hint.querySelectorAll(".hint-row").forEach((r) => { r.hidden = true; });
  const sub = t.replace(/^\/\S*\s*/, "").split(" ")[0].toLowerCase();
  let first = -1;
  rows().forEach((r, i) => {
    const vis = r.dataset.usage.toLowerCase().startsWith(sub);
    r.hidden = !vis;
    if (vis && first < 0) first = i;
  });
  if (hintSel < 0 || rows()[hintSel].hidden) hintSel = first;
  rows().forEach((r, i) => r.classList.toggle("sel", i === hintSel));
}

async function send() {
  const text = box.value.trim();
  if (!text) return;
  if (!text.startsWith("/")) {
    toast(t("slash_only"));
    return;
  }
  box.value = "";
  updateHint();
  refs.hidden = true;
  state.sentAt = Date.now(); // the drawings that follow scroll to the answer
  const out = await api("command", { channel: state.view, text });
  if (out.ok) { state.etag = ""; restartPoll(); }
}

// ---- @ and # autocomplete, as Slack's client: pick a member or a channel;
// the sandbox sends it as Slack does (<@U…|alice>, <#C…|partners>).

const refs = $("#refs");
let refSel = 0;

// refToken is the @name or #name being typed just before the caret.
function refToken() {
  const m = /(^|[\s(])([@#])([\w.-]*)$/.exec(box.value.slice(0, box.selectionStart));
  return m ? { sigil: m[2], prefix: m[3].toLowerCase(), start: box.selectionStart - m[2].length - m[3].length } : null;
}

function refCandidates(tok) {
  const out = tok.sigil === "@"
    ? [...$("#user").options].map((o) => ({ name: o.textContent.replace(/^@/, "").split(" ")[0], id: o.value }))
    : [...document.querySelectorAll('.nav[data-view^="C"]')].map((a) => ({ name: a.dataset.title.replace(/^#/, ""), id: a.dataset.view }));
  return out.filter((c) => c.name.toLowerCase().startsWith(tok.prefix));
}

function updateRefs() {
  const tok = refToken();
  const list = tok ? refCandidates(tok) : [];
  refs.hidden = list.length === 0;
  if (refs.hidden) return;
  refSel = Math.min(refSel, list.length - 1);
  refs.innerHTML = "";
  list.forEach((c, i) => {
    const row = document.createElement("div");
    row.className = "hint-row ref-row" + (i === refSel ? " sel" : "");
    row.dataset.name = tok.sigil + c.name;
    const code = document.createElement("code");
    code.textContent = tok.sigil + c.name;
    const id = document.createElement("span");
    id.textContent = c.id;
    row.append(code, id);
    refs.appendChild(row);
  });
  hint.hidden = true;
}

function completeRef(name) {
  const tok = refToken();
  if (!tok) return;
  const rest = box.value.slice(box.selectionStart);
  box.value = box.value.slice(0, tok.start) + name + " " + rest.replace(/^ /, "");
  box.selectionStart = box.selectionEnd = tok.start + name.length + 1;
  refs.hidden = true;
  refSel = 0;
  box.focus();
}

refs.addEventListener("mousedown", (ev) => {
  const r = ev.target.closest(".ref-row");
  if (!r) return;
  ev.preventDefault();
  completeRef(r.dataset.name);
  updateHint();
});

box.addEventListener("input", () => { hintSel = -1; updateHint(); refSel = 0; updateRefs(); });
box.addEventListener("keydown", (ev) => {
  if (!refs.hidden) {
    const rowsR = [...refs.querySelectorAll(".ref-row")];
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      refSel = (refSel + (ev.key === "ArrowDown" ? 1 : rowsR.length - 1)) % rowsR.length;
      updateRefs();
      return;
    }
    if ((ev.key === "Tab" || ev.key === "Enter") && rowsR[refSel]) {
      ev.preventDefault();
      completeRef(rowsR[refSel].dataset.name);
      updateHint();
      return;
    }
    if (ev.key === "Escape") { refs.hidden = true; return; }
  }
  const visible = rows().filter((r) => !r.hidden);
  if (!hint.hidden && (ev.key === "ArrowDown" || ev.key === "ArrowUp") && visible.length) {
    ev.preventDefault();
    let i = visible.indexOf(rows()[hintSel]);
    i = (i + (ev.key === "ArrowDown" ? 1 : visible.length - 1)) % visible.length;
    hintSel = rows().indexOf(visible[i]);
    rows().forEach((r, j) => r.classList.toggle("sel", j === hintSel));
    return;
  }
  if (!hint.hidden && ev.key === "Tab" && hintSel >= 0) {
    ev.preventDefault();
    box.value = "/partner " + rows()[hintSel].dataset.usage.split(" ")[0] + " ";
    updateHint();
    return;
  }
  if (ev.key === "Escape") { hint.hidden = true; return; }
  if (ev.key === "Enter" && !ev.shiftKey) { ev.preventDefault(); send(); }
});
hint.addEventListener("click", (ev) => {
  const r = ev.target.closest(".hint-row");
  if (!r) return;
  box.value = "/partner " + (r.dataset.example || r.dataset.usage.split(" ")[0]);
  box.focus();
  updateHint();
});
$("#send").addEventListener("click", send);

applyChrome();
select(location.hash === "#home" ? "home" : location.hash.length > 1 && document.querySelector(`.nav[data-view="${location.hash.slice(1)}"]`) ? location.hash.slice(1) : "C0PARTNERS");
