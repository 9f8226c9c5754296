// The Workflow steps page: the steps as the manifest declares them
// (deploy/slack-app-manifest.yaml), a form for the chosen one, and its result.
"use strict";

const STEPS = {
  log_contribution: {
    title: "Log a contribution",
    desc: "As /partner log: logs what we brought a partner (gave) or what they brought us (got), and gives the new balance.",
    inputs: [
      { name: "partner", title: "Partner", hint: "ID or name, or its start", required: true },
      { name: "direction", title: "Direction", options: ["gave", "got"], required: true },
      { name: "amount", title: "Amount", hint: "12500, 12 500,50, 12.5k", required: true },
      { name: "currency", title: "Currency", hint: "EUR, USD, €, $", required: true },
      { name: "kind", title: "Kind", options: ["lead", "deal", "revenue", "resale", "co-marketing", "introduction"], required: true },
      { name: "note", title: "Note" },
      { name: "date", title: "Date", type: "date", hint: "today when empty" },
    ],
  },
  get_partner_health: {
    title: "Get partner health",
    desc: "As /partner health <partner>: the score out of 100, its verdict and the weakest part.",
    inputs: [{ name: "partner", title: "Partner", hint: "ID or name, or its start", required: true }],
  },
  book_webinar: {
    title: "Book a joint webinar",
    desc: "As /partner webinar, in the time zone of the person running the workflow.",
    inputs: [
      { name: "partner", title: "Partner", hint: "ID or name, or its start", required: true },
      { name: "date", title: "Date", type: "date", required: true },
      { name: "time", title: "Time", hint: "14:30, 2pm, 14h30", required: true },
      { name: "title", title: "Title", hint: "“Joint webinar with …” when empty" },
      { name: "host", title: "Host", options: ["", "us", "partner", "both"], hint: "whose turn it is when empty" },
      { name: "link", title: "Link" },
    ],
  },
  add_partner: {
    title: "Add a partner",
    desc: "As /partner add: adds a partner with its default reminders.",
    inputs: [
      { name: "name", title: "Name", required: true },
      { name: "channel", title: "Channel", type: "channel", required: true },
      { name: "kind", title: "Kind", options: ["", "reseller", "distributor", "integrator", "software-publisher", "msp", "cloud-operator", "technology"], hint: "reseller when empty" },
      { name: "owner", title: "Owner", type: "user", hint: "the person running the workflow when empty" },
      { name: "stage", title: "Stage", options: ["", "prospect", "evaluating", "onboarding", "active", "at-risk", "ended"], hint: "prospect when empty" },
    ],
  },
};

const $ = (id) => document.getElementById(id);
let meta = { users: [], channels: [] };

function option(value, text) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}

function field(input) {
  const label = document.createElement("label");
  label.textContent = input.title + (input.required ? " *" : "");
  let el;
  if (input.options || input.type === "user" || input.type === "channel") {
    el = document.createElement("select");
    if (input.type === "user") {
      el.append(option("", ""), ...meta.users.map((u) => option(u.ID, "@" + u.Name)));
    } else if (input.type === "channel") {
      el.append(...meta.channels.map((c) => option(c.ID, "#" + c.Name)));
    } else {
      el.append(...input.options.map((v) => option(v, v)));
    }
  } else {
    el = document.createElement("input");
    el.type = input.type === "date" ? "date" : "text";
  }
  el.name = input.name;
  el.dataset.input = input.name;
  label.append(el);
  if (input.hint) {
    const small = document.createElement("small");
    small.textContent = input.hint;
    label.append(small);
  }
  return label;
}

function showStep() {
  const step = STEPS[$("wf-step").value];
  $("wf-desc").textContent = step.desc;
  $("wf-inputs").replaceChildren(...step.inputs.map(field));
}

function showResult(res) {
  const status = $("wf-status");
  const table = $("wf-outputs");
  const err = $("wf-error");
  table.hidden = err.hidden = true;
  if (res.status === "completed") {
    status.textContent = `Completed in ${res.millis} ms with these outputs:`;
    status.className = "wf-status ok";
    const rows = Object.keys(res.outputs || {}).sort().map((k) => {
      const tr = document.createElement("tr");
      const name = document.createElement("td");
      const value = document.createElement("td");
      name.textContent = k;
      value.textContent = String(res.outputs[k]);
      tr.append(name, value);
      return tr;
    });
    table.tBodies[0].replaceChildren(...rows);
    table.hidden = false;
  } else {
    status.textContent = "Failed. Slackbot shows the person who ran the workflow:";
    status.className = "wf-status failed";
    err.textContent = res.error;
    err.hidden = false;
  }
}

async function run(ev) {
  ev.preventDefault();
  const inputs = {};
  for (const el of $("wf-inputs").querySelectorAll("[data-input]")) {
    inputs[el.dataset.input] = el.value;
  }
  $("wf-run").disabled = true;
  $("wf-status").textContent = "Running…";
  $("wf-status").className = "wf-status";
  try {
    const resp = await fetch("/api/workflow/run", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ user: $("wf-user").value, step: $("wf-step").value, inputs }),
    });
    const body = await resp.json();
    if (!body.ok) {
      throw new Error(body.error);
    }
    showResult(body.result);
  } catch (e) {
    $("wf-status").textContent = "The sandbox could not run the step: " + e.message;
    $("wf-status").className = "wf-status failed";
  } finally {
    $("wf-run").disabled = false;
  }
}

async function init() {
  const resp = await fetch("/api/workflow/meta");
  meta = await resp.json();
  $("wf-user").append(...meta.users.map((u) => option(u.ID, "@" + u.Name)));
  $("wf-step").append(...Object.entries(STEPS).map(([id, s]) => option(id, s.title)));
  $("wf-step").addEventListener("change", showStep);
  $("wf-form").addEventListener("submit", run);
  showStep();
}

init();
