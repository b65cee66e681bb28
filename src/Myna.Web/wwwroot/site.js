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
