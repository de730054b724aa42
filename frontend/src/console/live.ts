// Live updates over the console websocket, reconnecting with exponential
// backoff. The socket only says "conversation X is now at seq N"; what
// changed is fetched over the JSON API, so a lost event only delays a screen.

export interface ConversationEvent {
  type: "conversation";
  conversation: string;
  seq: number;
}

export type LiveState = "connecting" | "connected" | "offline";

export interface LiveHandlers {
  /** Every (re)connection: the page refetches what it may have missed meanwhile. */
  onOpen(): void;
  onEvent(event: ConversationEvent): void;
  /** Any other event the server pushes (e.g. a crisis alert); checked by its receiver. */
  onOther?(event: Record<string, unknown>): void;
  onState(state: LiveState, retryInSeconds: number): void;
  /** The server closed the socket because the session ended. */
  onSignedOut(): void;
}

const CLOSE_SIGNED_OUT = 4401;
const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30000;
const PING_MS = 25000;

export class LiveConnection {
  #socket: WebSocket | null = null;
  #failures = 0;
  #retryTimer: number | undefined;
  #pingTimer: number | undefined;
  #running = false;

  constructor(
    private readonly path: string,
    private readonly handlers: LiveHandlers,
  ) {}

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#failures = 0;
    this.#connect();
  }

  stop(): void {
    this.#running = false;
    window.clearTimeout(this.#retryTimer);
    window.clearInterval(this.#pingTimer);
    const socket = this.#socket;
    this.#socket = null;
    if (socket !== null) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.onopen = null;
      socket.close(1000);
    }
  }

  /** Reconnect now rather than at the end of the backoff (the page came back online). */
  retryNow(): void {
    if (!this.#running || this.#socket !== null) return;
    window.clearTimeout(this.#retryTimer);
    this.#connect();
  }

  #connect(): void {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    this.handlers.onState("connecting", 0);
    let socket: WebSocket;
    try {
      socket = new WebSocket(`${scheme}//${location.host}${this.path}`);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.#failures = 0;
      this.handlers.onState("connected", 0);
      window.clearInterval(this.#pingTimer);
      this.#pingTimer = window.setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: "ping" }));
      }, PING_MS);
      this.handlers.onOpen();
    };
    socket.onmessage = (message: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (isConversationEvent(data)) this.handlers.onEvent(data);
      else if (typeof data === "object" && data !== null) this.handlers.onOther?.(data as Record<string, unknown>);
    };
    socket.onclose = (close: CloseEvent) => {
      window.clearInterval(this.#pingTimer);
      this.#socket = null;
      if (!this.#running) return;
      if (close.code === CLOSE_SIGNED_OUT) {
        this.#running = false;
        this.handlers.onSignedOut();
        return;
      }
      // A refused handshake (a session that ended while offline) looks like
      // any failure here; the page's next API call tells it apart.
      if (!opened) this.#failures += 1;
      else this.#failures = 1;
      this.#scheduleRetry();
    };
  }

  #scheduleRetry(): void {
    const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, this.#failures - 1));
    // Jitter, so that every console of a program does not come back at once.
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.handlers.onState("offline", Math.ceil(delay / 1000));
    this.#retryTimer = window.setTimeout(() => this.#connect(), delay);
  }
}

function isConversationEvent(data: unknown): data is ConversationEvent {
  if (typeof data !== "object" || data === null) return false;
  const event = data as Record<string, unknown>;
  return event.type === "conversation" && typeof event.conversation === "string" && Number.isSafeInteger(event.seq);
}
