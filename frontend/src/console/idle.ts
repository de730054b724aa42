// Locks the console after a stretch without keyboard, mouse or touch use.
// Checked against the wall clock, so a computer that slept past the limit
// locks as soon as it wakes.
//
// While the member uses the page, it says so to the server at most once a
// minute (`onUse`): the server ends a session that has not heard so for the
// lock's length, so a cookie taken from an unattended computer dies about
// when its console locked.

const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart", "scroll"] as const;
const CHECK_MS = 5000;
const REPORT_MS = 60_000;

export class IdleLock {
  #last = Date.now();
  #reported = Date.now();
  #timer: number | undefined;
  #limitMs = 0;
  readonly #onActivity = (): void => {
    this.#last = Date.now();
  };
  readonly #onVisible = (): void => {
    if (document.visibilityState === "visible") this.#check();
  };

  constructor(
    private readonly onIdle: () => void,
    private readonly onUse: () => void = () => undefined,
  ) {}

  start(minutes: number): void {
    this.stop();
    // Zero or a nonsense value from the server still locks, after the default.
    this.#limitMs = (Number.isFinite(minutes) && minutes > 0 ? minutes : 15) * 60_000;
    this.#last = Date.now();
    this.#reported = this.#last;
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

  /** A new lock length (the program's admins changed it), counted from the last use. */
  setMinutes(minutes: number): void {
    if (Number.isFinite(minutes) && minutes > 0) this.#limitMs = minutes * 60_000;
  }

  #check(): void {
    if (this.#timer === undefined) return;
    const now = Date.now();
    if (now - this.#last >= this.#limitMs) {
      this.stop();
      this.onIdle();
      return;
    }
    if (this.#last > this.#reported && now - this.#reported >= REPORT_MS) {
      this.#reported = now;
      this.onUse();
    }
  }
}
