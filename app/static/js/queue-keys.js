// Keyboard triage on the queue: j/k move, x selects, a accepts, d dismisses, m / n answer
// "possibly the same as …" (same claim / different), o opens, ? helps.
// Everything also works without JavaScript through the plain form.
// Keys are matched by their place on the keyboard (KeyboardEvent.code), so they work with the
// Thai layout active too (where the j key types "่"). Enter in the reason box dismisses.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll(".queue-item"));
  var help = document.getElementById("shortcuts");
  var toggle = document.getElementById("shortcuts-toggle");
  var form = document.getElementById("triage");
  var current = -1;

  function showHelp() {
    help.hidden = !help.hidden;
    toggle.setAttribute("aria-expanded", String(!help.hidden));
  }
  if (toggle) { toggle.addEventListener("click", showHelp); }
  if (!rows.length || !form) { return; }

  function focusRow(index) {
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].querySelector("a").focus();
  }

  function checkbox(row) { return row.querySelector("input[type=checkbox]"); }

  function selectCurrentIfNone() {
    var any = rows.some(function (row) { return checkbox(row).checked; });
    if (!any && current >= 0) { checkbox(rows[current]).checked = true; }
  }

  function submit(buttonName) {
    selectCurrentIfNone();
    var button = form.querySelector("[name='" + buttonName + "']");
    if (button) { button.click(); }
  }

  var KEYS = { KeyJ: "j", KeyK: "k", KeyX: "x", KeyA: "a", KeyD: "d", KeyM: "m", KeyN: "n", KeyO: "o" };

  function keyName(event) {
    if (event.code === "Slash" && event.shiftKey) { return "?"; }
    if (event.shiftKey) { return event.key; }
    return KEYS[event.code] || event.key;
  }

  var reasonBox = form.querySelector("[name='reason']");
  if (reasonBox) {
    reasonBox.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.isComposing) { return; }
      // The current row (or the ticked ones); with neither, the server says so and the
      // reason comes back in the box.
      event.preventDefault();
      submit("dismiss");
    });
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (target.matches("input:not([type=checkbox]), textarea, select")) {
      if (event.key === "Escape") { target.blur(); event.preventDefault(); }
      return;
    }
    var key = keyName(event);
    switch (key) {
      case "j": focusRow(current + 1); break;
      case "k": focusRow(current - 1); break;
      case "x": if (current >= 0) { checkbox(rows[current]).click(); } break;
      case "a": submit("accept"); break;
      case "d":
        var reason = form.querySelector("[name='reason']");
        if (reason && !reason.value.trim()) { reason.focus(); event.preventDefault(); return; }
        submit("dismiss");
        break;
      case "m":
      case "n":
        if (current < 0) { return; }
        var answer = rows[current].querySelector(
          "[data-match='" + (key === "m" ? "same" : "different") + "']");
        if (!answer) { return; }
        answer.click();
        break;
      case "o": if (current >= 0) { window.location = rows[current].dataset.claimUrl; } break;
      case "?": showHelp(); break;
      default: return;
    }
    event.preventDefault();
  });
})();
