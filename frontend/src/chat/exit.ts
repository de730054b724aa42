// The quick exit: a button on every screen, Escape, or Shift pressed three
// times. The page wipes what it holds, tells the server the visitor left (a
// request that outlives the page), and is replaced, not pushed, by the
// program's neutral site, so that Back does not bring the chat back.

const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 1500;

export function watchQuickExit(leave: () => void): void {
  const button = document.getElementById("quick-exit");
  button?.addEventListener("click", (event) => {
    event.preventDefault();
    leave();
  });
  let presses: number[] = [];
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        leave();
        return;
      }
      if (event.key !== "Shift" || event.repeat) {
        if (event.key !== "Shift") presses = [];
        return;
      }
      const now = Date.now();
      presses = [...presses.filter((at) => now - at < SHIFT_WINDOW_MS), now];
      if (presses.length >= SHIFT_PRESSES) leave();
    },
    true,
  );
}

/** Empties every storage the page could reach (it keeps nothing there, but a script might). */
export function wipeStorage(): void {
  for (const storage of [window.sessionStorage, window.localStorage]) {
    try {
      storage.clear();
    } catch {
      // Storage may be switched off; then it holds nothing either.
    }
  }
}
