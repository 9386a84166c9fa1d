// A refused form comes back as a long page: open it at the first field in error (the one the
// message is beside) rather than at the top. Without JavaScript the messages are all there.
(function () {
  "use strict";
  var field = document.querySelector('[aria-invalid="true"]');
  if (field && !document.activeElement.matches("input, textarea, select")) {
    field.focus();
  }
})();
