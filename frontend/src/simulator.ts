// The demo's phone simulator: one panel per fictitious texter, texts sent
// through the server (which posts them, signed, to the demo channel's Twilio
// webhook) and the helpline's replies fetched every second.
//
// Everything here is demonstration data; nothing is secret.

interface Config {
  send_url: string;
  messages_url: string;
  csrf_token: string;
  default_phones: string[];
  max_text: number;
  ready: boolean;
}

interface Exchange {
  seq: number;
  sid: string;
  phone: string;
  direction: "in" | "out";
  body: string;
  media: number;
}

interface Phone {
  e164: string;
  label: string;
  thread: HTMLOListElement;
  section: HTMLElement;
  shown: Set<string>;
  // Texts from this phone still awaiting the server's answer: the poll may
  // list one before its bubble learns its id, so the poll leaves them be.
  pending: number;
}

const POLL_MS = 1000;
const STORAGE_KEY = "havre-simulator-phones";

function readJson<T>(id: string): T {
  return JSON.parse(document.getElementById(id)?.textContent ?? "null") as T;
}

const config = readJson<Config>("simulator-config");
const strings = readJson<Record<string, string>>("simulator-strings");

function t(key: string, values: Record<string, string> = {}): string {
  const text = strings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

const phones = new Map<string, Phone>();
let lastSeq = 0;

/** A loose E.164 form, for telling phones apart; the server checks the number. */
function compact(raw: string): string | null {
  const digits = raw.replace(/[\s().-]/g, "");
  return /^\+[1-9][0-9]{5,14}$/.test(digits) ? digits : null;
}

function savePhones(): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify([...phones.values()].map((p) => p.label)));
  } catch {
    // Storage may be off; the simulator works without it.
  }
}

function storedPhones(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

function bubble(fromTexter: boolean, body: string, media: number): HTMLLIElement {
  const item = document.createElement("li");
  item.className = `bubble ${fromTexter ? "from-texter" : "from-helpline"}`;
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = fromTexter ? t("you") : t("helpline");
  item.append(who);
  if (body) {
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = body;
    item.append(text);
  }
  if (media > 0) {
    const photo = document.createElement("span");
    photo.className = "photo";
    photo.textContent = t("photo");
    item.append(photo);
  }
  return item;
}

function setState(item: HTMLElement, text: string, refused = false): void {
  let state = item.querySelector<HTMLElement>(".state");
  if (!state) {
    state = document.createElement("span");
    state.className = "state";
    item.append(state);
  }
  state.classList.toggle("refused", refused);
  state.textContent = text;
}

function append(phone: Phone, item: HTMLLIElement): void {
  phone.thread.append(item);
  phone.thread.scrollTop = phone.thread.scrollHeight;
}

async function send(phone: Phone, form: HTMLFormElement): Promise<void> {
  const body = form.querySelector<HTMLTextAreaElement>("textarea")!;
  const photo = form.querySelector<HTMLInputElement>("input[name=photo]")!;
  const status = form.querySelector<HTMLElement>(".compose-status")!;
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]")!;
  if (!body.value.trim() && !photo.checked) {
    status.textContent = t("empty_text");
    body.focus();
    return;
  }
  status.textContent = "";
  const item = bubble(true, body.value, photo.checked ? 1 : 0);
  setState(item, t("sending"));
  append(phone, item);
  const payload = { phone: phone.e164, body: body.value, photo: photo.checked };
  body.value = "";
  photo.checked = false;
  button.disabled = true;
  phone.pending += 1;
  try {
    const response = await fetch(config.send_url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": config.csrf_token },
      body: JSON.stringify(payload),
      credentials: "same-origin",
    });
    const answer = (await response.json()) as { status?: number; sid?: string; error?: string };
    if (answer.sid) {
      phone.shown.add(answer.sid);
      item.dataset.sid = answer.sid;
    }
    if (response.ok && answer.status === 200) {
      setState(item, t("received"));
    } else if (answer.error === "invalid_phone") {
      setState(item, t("invalid_phone"), true);
    } else if (answer.error === "no_channel") {
      setState(item, t("no_channel"), true);
    } else {
      setState(item, t("refused", { status: String(answer.status ?? response.status) }), true);
    }
  } catch {
    setState(item, t("failed"), true);
  } finally {
    phone.pending -= 1;
    button.disabled = false;
    body.focus();
  }
}

function addPhone(label: string, e164: string): Phone {
  const template = document.getElementById("phone-template") as HTMLTemplateElement;
  const section = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
  const id = `phone-${e164.slice(1)}`;
  section.id = id;
  section.setAttribute("aria-labelledby", `${id}-title`);
  const title = section.querySelector<HTMLElement>(".phone-title")!;
  title.id = `${id}-title`;
  title.textContent = t("phone_title", { phone: label });
  const thread = section.querySelector<HTMLOListElement>(".thread")!;
  thread.setAttribute("aria-label", t("thread_label", { phone: label }));
  const textarea = section.querySelector<HTMLTextAreaElement>("textarea")!;
  textarea.id = `${id}-body`;
  textarea.maxLength = config.max_text;
  const textLabel = section.querySelector<HTMLLabelElement>(".compose-label")!;
  textLabel.htmlFor = textarea.id;
  textLabel.textContent = t("message_label", { phone: label });
  const phone: Phone = { e164, label, thread, section, shown: new Set(), pending: 0 };
  const form = section.querySelector<HTMLFormElement>("form")!;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void send(phone, form);
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  section.querySelector<HTMLButtonElement>(".remove-phone")!.addEventListener("click", () => {
    phones.delete(e164);
    section.remove();
    savePhones();
    suggestNext();
    document.getElementById("new-phone")?.focus();
  });
  document.getElementById("phones")!.append(section);
  phones.set(e164, phone);
  savePhones();
  return phone;
}

function suggestNext(): void {
  const input = document.getElementById("new-phone") as HTMLInputElement | null;
  if (!input) return;
  input.value = config.default_phones.find((p) => !phones.has(compact(p) ?? "")) ?? "";
}

function onAddPhone(event: SubmitEvent): void {
  event.preventDefault();
  const input = document.getElementById("new-phone") as HTMLInputElement;
  const error = document.getElementById("add-phone-error") as HTMLElement;
  const e164 = compact(input.value);
  let problem = "";
  if (!e164) problem = t("invalid_phone");
  else if (phones.has(e164)) problem = t("duplicate_phone");
  error.textContent = problem;
  error.hidden = !problem;
  input.setAttribute("aria-invalid", problem ? "true" : "false");
  if (problem || !e164) {
    input.focus();
    return;
  }
  const phone = addPhone(input.value.trim(), e164);
  suggestNext();
  lastSeq = 0; // Fetch the new phone's earlier texts too.
  phone.section.querySelector<HTMLTextAreaElement>("textarea")?.focus();
}

function show(exchange: Exchange): void {
  const phone = phones.get(exchange.phone);
  if (!phone || phone.shown.has(exchange.sid)) return;
  const fromTexter = exchange.direction === "in";
  if (fromTexter && phone.pending > 0) return;
  phone.shown.add(exchange.sid);
  const item = bubble(fromTexter, exchange.body, exchange.media);
  item.dataset.sid = exchange.sid;
  append(phone, item);
  if (!fromTexter) {
    const announcer = document.getElementById("simulator-announcer");
    if (announcer) {
      announcer.textContent = t("reply_arrived", { phone: phone.label, text: exchange.body });
    }
  }
}

async function poll(): Promise<void> {
  if (phones.size > 0) {
    const query = new URLSearchParams({ after: String(lastSeq) });
    for (const e164 of phones.keys()) query.append("phone", e164);
    try {
      const response = await fetch(`${config.messages_url}?${query}`, {
        credentials: "same-origin",
      });
      if (response.ok) {
        const data = (await response.json()) as { last: number; messages: Exchange[] };
        for (const exchange of data.messages) show(exchange);
        lastSeq = data.last;
      }
    } catch {
      // The demo server may be restarting; try again at the next tick.
    }
  }
  window.setTimeout(() => void poll(), POLL_MS);
}

function start(): void {
  if (!config.ready) return;
  document.getElementById("add-phone")?.addEventListener("submit", onAddPhone);
  const saved = storedPhones();
  const initial = saved.length ? saved : config.default_phones.slice(0, 1);
  for (const label of initial) {
    const e164 = compact(label);
    if (e164 && !phones.has(e164)) addPhone(label, e164);
  }
  suggestNext();
  void poll();
}

start();
