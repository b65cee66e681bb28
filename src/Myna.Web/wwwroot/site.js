// Keyboard-first: "/" jumps to the search box from anywhere (unless typing in a field).
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement?.tagName ?? "")) {
    const box = document.getElementById("q-name");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
    else { window.location.href = "/"; }
  }
});

// Scanner desks: on a form marked data-hotkeys, a digit key presses the button with that data-key
// (unless typing in a text field), so a clerk never leaves the keyboard.
document.addEventListener("keydown", (e) => {
  const form = document.querySelector("form[data-hotkeys]");
  if (!form || e.ctrlKey || e.altKey || e.metaKey) return;
  if (["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement?.tagName ?? "")) return;
  const button = form.querySelector(`button[data-key="${e.key}"]`);
  if (button) { e.preventDefault(); button.click(); }
});

// The pages ask for behaviour with data- attributes, never with inline script or onclick= (the
// Content-Security-Policy runs only this file):
//   <button data-print>                  prints the section (or card) it stands in, else the page;
//   <button data-confirm="question">     goes on only when the question is answered OK;
//   <input type=checkbox data-shows=SEL>  shows the elements matching SEL while it is checked.
document.addEventListener("click", (e) => {
  if (!(e.target instanceof Element)) return;
  const print = e.target.closest("[data-print]");
  if (print) {
    const part = print.closest("main > section, main > .card");
    if (part) { part.classList.add("printing"); document.body.classList.add("print-part"); }
    window.print();
    return;
  }
  const asks = e.target.closest("[data-confirm]");
  if (asks && !window.confirm(asks.dataset.confirm)) e.preventDefault();
});
document.addEventListener("change", (e) => {
  const box = e.target;
  if (!(box instanceof HTMLInputElement) || !box.dataset.shows) return;
  document.querySelectorAll(box.dataset.shows).forEach((part) => { part.hidden = !box.checked; });
});
// After printing one section, the page shows whole again.
window.addEventListener("afterprint", () => {
  document.body.classList.remove("print-part");
  document.querySelectorAll("main > .printing").forEach((part) => part.classList.remove("printing"));
});

// A status that changes elsewhere (the PIN pad): an element with data-poll=URL asks the URL for JSON every 2 s and
// writes only its status words ([data-poll-status], [data-poll-refusals]); when the JSON says pinsSet it shows the
// elements matching data-poll-reveals and stops. The page is never reloaded, so what the clerk is typing stays.
document.querySelectorAll("[data-poll]").forEach((box) => {
  const every = 2000;
  const tick = async () => {
    let state = null;
    try {
      const answer = await fetch(box.dataset.poll, { headers: { Accept: "application/json" }, credentials: "same-origin", redirect: "error" });
      if (answer.ok && (answer.headers.get("content-type") ?? "").includes("json")) state = await answer.json();
    } catch { /* the network or the session: try again */ }
    if (state) {
      const status = box.querySelector("[data-poll-status]");
      if (status && state.status && status.textContent !== state.status) status.textContent = state.status;
      const refusals = box.querySelector("[data-poll-refusals]");
      if (refusals && state.refusals) { refusals.textContent = state.refusals; refusals.hidden = false; }
      if (state.pinsSet || state.ended) {
        if (state.pinsSet && !state.ended) {
          document.querySelectorAll(box.dataset.pollReveals).forEach((part) => { part.hidden = false; part.closest(".step.later")?.classList.replace("later", "current"); });
          box.closest(".step.current")?.classList.replace("current", "complete");
        }
        return;
      }
    }
    setTimeout(tick, every);
  };
  setTimeout(tick, every);
});
