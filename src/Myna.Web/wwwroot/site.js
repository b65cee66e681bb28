// Keyboard-first: "/" jumps to the search box from anywhere (unless typing in a field).
document.addEventListener("keydown", (e) => {
  if (e.key === "/" && !["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement?.tagName ?? "")) {
    const box = document.getElementById("q-name");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
    else { window.location.href = "/"; }
  }
});
