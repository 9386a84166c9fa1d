// On a phone, long blocks marked data-collapse="Label" (the main navigation, list filters) fold
// behind a button, so the page's content shows in the first screen. data-collapse-open keeps
// one open (filters in use). Without JavaScript everything simply stays visible.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 48rem)");
  document.querySelectorAll("[data-collapse]").forEach(function (box, index) {
    if (!box.id) { box.id = "collapsible-" + index; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "collapse-toggle";
    button.setAttribute("aria-controls", box.id);
    button.textContent = box.getAttribute("data-collapse");
    box.parentNode.insertBefore(button, box);

    function show(open) {
      button.setAttribute("aria-expanded", String(open));
      box.classList.toggle("collapsed", !open);
    }
    function fit() {
      button.hidden = !narrow.matches;
      show(!narrow.matches || box.hasAttribute("data-collapse-open"));
    }
    button.addEventListener("click", function () { show(box.classList.contains("collapsed")); });
    narrow.addEventListener("change", fit);
    fit();
  });
})();
