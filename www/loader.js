// Trunk initializer (index.html `data-initializer`): while the simulator's wasm downloads, the skeleton in
// index.html shows how much has arrived; if loading fails it says so and offers a reload. The app removes the
// skeleton when it mounts.
export default function initializer() {
  const el = (id) => document.getElementById(id);
  return {
    onStart: () => {
      el("boot")?.setAttribute("data-state", "loading");
    },
    onProgress: ({ current, total }) => {
      if (!(total > 0)) return;
      const pct = Math.min(100, Math.round((current * 100) / total));
      const bar = el("boot-bar");
      if (bar) {
        bar.style.width = `${pct}%`;
        bar.parentElement?.setAttribute("aria-valuenow", String(pct));
      }
      const text = el("boot-text");
      if (text) text.textContent = pct < 100 ? `Loading the simulator… ${pct} %` : "Starting the simulator…";
    },
    onComplete: () => {},
    onSuccess: () => {},
    onFailure: (error) => {
      el("boot")?.setAttribute("data-state", "failed");
      const text = el("boot-text");
      if (text) text.textContent = "The simulator could not load. Check your connection, then reload the page.";
      console.error(error);
    },
  };
}
