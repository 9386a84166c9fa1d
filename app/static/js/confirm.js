// Ask before a destructive form is sent: <form data-confirm="Question?">. Without JavaScript the
// form is sent directly (the server still refuses what must not happen).
document.addEventListener("submit", function (event) {
  "use strict";
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
