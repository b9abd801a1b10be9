/// The dashboard's one script (`ui/dashboard.js`), compiled into the binary: no build chain,
/// nothing fetched from elsewhere. It does two things, and the pages work without it save for
/// those:
///
/// - **Live refresh.** Every second it reads `ui/stamp` (change counters of the store, the
///   journal and the control plane); when one the page watches (`<body data-watch>`) has moved,
///   it fetches the page again and swaps its `<main>`, keeping the `<details>` the reader
///   opened or closed. `<body data-refreshes>` counts the swaps (the browser test waits on it).
/// - **Control buttons.** A `<button data-post="../reset">` POSTs to the control plane with
///   `Authorization: Bearer` and the control token the page carries (when one is set),
///   `data-body` or, with `data-name-from`, `{"name": <that input's value>}` as the JSON body;
///   `data-confirm` asks first. The answer's message is shown in `#notice`.
enum DashboardScript {
    static let source = #"""
// qtest-emulator dashboard: live refresh and control-plane buttons. No dependencies.
(() => {
  "use strict";
  const body = document.body;
  const tokenMeta = document.querySelector('meta[name="control-token"]');
  const token = tokenMeta ? tokenMeta.content : "";
  const watched = (body.dataset.watch || "").split(" ").filter(Boolean);
  const live = document.getElementById("live");
  let paused = false, busy = false, last = null, refreshes = 0;

  function headers(extra) {
    const all = Object.assign({}, extra || {});
    if (token) all["Authorization"] = "Bearer " + token;
    return all;
  }

  function say(text, ok) {
    const notice = document.getElementById("notice");
    if (!notice) return;
    notice.textContent = text;
    notice.className = ok ? "notice ok" : "notice error";
  }

  async function refresh() {
    const response = await fetch(location.href, { headers: headers(), cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("main");
    const current = document.getElementById("main");
    if (!next || !current) return;
    // Keep what the reader opened or closed.
    for (const details of current.querySelectorAll("details[id]")) {
      const twin = next.querySelector('details[id="' + CSS.escape(details.id) + '"]');
      if (twin) twin.open = details.open;
    }
    current.replaceWith(document.adoptNode(next));
    refreshes += 1;
    body.dataset.refreshes = String(refreshes);
  }

  async function poll() {
    if (!paused && watched.length && !busy) {
      busy = true;
      try {
        const response = await fetch("stamp", { headers: headers(), cache: "no-store", credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        const stamp = await response.json();
        const key = watched.map((name) => String(stamp[name])).join("/");
        if (last !== null && key !== last) await refresh();
        last = key;
        if (live) live.classList.remove("stale");
      } catch (error) {
        if (live) live.classList.add("stale");
      }
      busy = false;
    }
    setTimeout(poll, 1000);
  }

  document.addEventListener("click", async (event) => {
    const pause = event.target.closest("#live");
    if (pause) {
      paused = !paused;
      pause.classList.toggle("paused", paused);
      pause.textContent = paused ? "paused" : "live";
      return;
    }
    const button = event.target.closest("button[data-post]");
    if (!button) return;
    event.preventDefault();
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    let payload = button.dataset.body || "";
    if (button.dataset.nameFrom) {
      const input = document.getElementById(button.dataset.nameFrom);
      const name = input ? input.value.trim() : "";
      if (!name) { say("Give the snapshot a name first", false); return; }
      payload = JSON.stringify({ name: name });
    }
    button.disabled = true;
    try {
      const response = await fetch(button.dataset.post, {
        method: button.dataset.method || "POST",
        headers: headers(payload ? { "Content-Type": "application/json" } : {}),
        body: payload || undefined,
        credentials: "same-origin",
      });
      let message = response.status + " " + response.statusText;
      try {
        const answer = await response.json();
        if (answer && answer.message) message = answer.message;
      } catch (error) { /* not JSON: keep the status line */ }
      say(message, response.ok);
      if (response.ok) await refresh();
    } catch (error) {
      say(String(error), false);
    }
    button.disabled = false;
  });

  if (watched.length) poll();
})();
"""#
}
