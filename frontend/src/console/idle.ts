// Locks the console after a stretch without keyboard, mouse or touch use.
// Checked against the wall clock, so a computer that slept past the limit
// locks as soon as it wakes.

const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart", "scroll"] as const;
const CHECK_MS = 5000;

export class IdleLock {
  #last = Date.now();
  #timer: number | undefined;
  #limitMs = 0;
  readonly #onActivity = (): void => {
    this.#last = Date.now();
  };
  readonly #onVisible = (): void => {
    if (document.visibilityState === "visible") this.#check();
  };

  constructor(private readonly onIdle: () => void) {}

  start(minutes: number): void {
    this.stop();
    // Zero or a nonsense value from the server still locks, after the default.
    this.#limitMs = (Number.isFinite(minutes) && minutes > 0 ? minutes : 15) * 60_000;
    this.#last = Date.now();
    for (const name of ACTIVITY_EVENTS) {
      window.addEventListener(name, this.#onActivity, { passive: true, capture: true });
    }
    document.addEventListener("visibilitychange", this.#onVisible);
    this.#timer = window.setInterval(() => this.#check(), CHECK_MS);
  }

  stop(): void {
    window.clearInterval(this.#timer);
    this.#timer = undefined;
    for (const name of ACTIVITY_EVENTS) {
      window.removeEventListener(name, this.#onActivity, { capture: true });
    }
    document.removeEventListener("visibilitychange", this.#onVisible);
  }

  #check(): void {
    if (this.#timer !== undefined && Date.now() - this.#last >= this.#limitMs) {
      this.stop();
      this.onIdle();
    }
  }
}
