// Show a source's archive result without reloading the claim page: while a source is being
// archived, ask for its state now and then (more and more slowly, and for a few minutes at
// most; the page says to reload after that), and put the server's block in place.
(function () {
  "use strict";
  var FIRST_WAIT = 700, GROWTH = 1.5, LONGEST_WAIT = 15000, GIVE_UP_AFTER = 5 * 60 * 1000;

  function follow(slot) {
    var block = slot.querySelector(".source-archive");
    var url = block && block.dataset.stateUrl;
    var started = Date.now();
    var wait = FIRST_WAIT;

    function show(state) {
      slot.innerHTML = state.html;  // rendered (and escaped) by the server's template
      var title = slot.closest(".source") && slot.closest(".source").querySelector(".source-title");
      if (title && state.title && title.textContent.trim() !== state.title) {
        title.textContent = state.title;
      }
    }

    function ask() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (state) {
          if (state.status !== "pending") { show(state); return; }
          again();
        })
        .catch(again);
    }

    function again() {
      if (Date.now() - started > GIVE_UP_AFTER) { return; }  // the hint says to reload
      wait = Math.min(wait * GROWTH, LONGEST_WAIT);
      window.setTimeout(ask, wait);
    }

    if (url) { window.setTimeout(ask, FIRST_WAIT); }
  }

  document.querySelectorAll(".archive-slot").forEach(function (slot) {
    if (slot.querySelector('.source-archive[data-status="pending"]')) { follow(slot); }
  });
}());
