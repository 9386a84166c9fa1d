// Live preview of Markdown fields (the verdict's explanation): the server renders it exactly as
// the pages will, sanitised. Without JavaScript the preview shows after saving the draft.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  var label = (script && script.dataset.label) || "Preview";
  if (!url || !window.fetch) return;

  function attach(textarea, index) {
    var form = textarea.form;
    var token = form && form.querySelector('input[name$="csrf_token"]');
    if (!token) return;
    var box = document.createElement("section");
    box.className = "markdown-preview";
    box.id = "markdown-preview-" + index;
    box.setAttribute("aria-live", "polite");
    box.setAttribute("aria-label", label);
    var heading = document.createElement("h3");
    heading.textContent = label;
    var body = document.createElement("div");
    body.className = "explanation";
    box.appendChild(heading);
    box.appendChild(body);
    textarea.closest(".field").insertAdjacentElement("afterend", box);
    // The live preview replaces the one of the saved draft: one preview on the page.
    var panel = textarea.closest("article, details, section");
    var saved = panel && panel.querySelector(".saved-preview");
    if (saved) { saved.hidden = true; }
    box.hidden = !textarea.value.trim();
    var timer = null;
    var asked = 0;

    function render() {
      var mine = ++asked;
      box.hidden = !textarea.value.trim();
      if (box.hidden) { body.innerHTML = ""; return; }
      var data = new FormData();
      data.append("text", textarea.value);
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value, Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          // Only the latest answer counts: an earlier one may arrive last.
          if (answer && mine === asked) body.innerHTML = answer.html;
        })
        .catch(function () { /* the preview is a convenience; saving still works */ });
    }

    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(render, 250);
    });
    if (textarea.value.trim()) render();
  }

  document.querySelectorAll("textarea[data-markdown-preview]").forEach(attach);
})();
