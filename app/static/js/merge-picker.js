// The claim page's merge picker: as words are typed, list the claims they find as radio buttons
// (the same markup the page renders without JavaScript after "Find").
(function () {
  "use strict";
  var finder = document.querySelector("form[data-choices-url]");
  var box = document.getElementById("merge-choices");
  if (!finder || !box) { return; }
  var input = document.getElementById("merge-find");
  var nameInput = box.closest("form").querySelector("[name$='-version']");
  var fieldName = nameInput ? nameInput.name.replace(/-version$/, "-into") : "merge-into";
  var timer = null;
  var asked = 0;

  function message(text) {
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "hint";
    p.textContent = text;
    box.appendChild(p);
  }

  function snippet(item) {
    // Highlight spans count characters (code points), as Array.from does, not UTF-16 units.
    var chars = Array.from(item.snippet);
    var span = document.createElement("span");
    var at = 0;
    item.highlights.forEach(function (mark) {
      span.appendChild(document.createTextNode(chars.slice(at, mark[0]).join("")));
      var m = document.createElement("mark");
      m.textContent = chars.slice(mark[0], mark[1]).join("");
      span.appendChild(m);
      at = mark[1];
    });
    span.appendChild(document.createTextNode(chars.slice(at).join("")));
    return span;
  }

  function show(items) {
    if (!items.length) { message(box.dataset.none); return; }
    box.textContent = "";
    items.forEach(function (item, index) {
      var row = document.createElement("div");
      row.className = "choice";
      var radio = document.createElement("input");
      radio.type = "radio";
      radio.name = fieldName;
      radio.id = "merge-into-" + item.id;
      radio.value = item.id;
      radio.checked = items.length === 1 && index === 0;
      var label = document.createElement("label");
      label.htmlFor = radio.id;
      var status = document.createElement("span");
      status.className = "status status-" + item.status;
      status.textContent = item.status_label;
      label.appendChild(document.createTextNode("#" + item.id + " "));
      label.appendChild(status);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(snippet(item));
      row.appendChild(radio);
      row.appendChild(label);
      box.appendChild(row);
    });
  }

  function lookUp() {
    var words = input.value.trim();
    if (!words) { message(box.dataset.hint); return; }
    var ticket = ++asked;
    fetch(finder.dataset.choicesUrl + "?q=" + encodeURIComponent(words), {
      credentials: "same-origin", headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.ok ? response.json() : { items: [] };
    }).then(function (data) {
      if (ticket === asked) { show(data.items); }  // an older answer never replaces a newer one
    }).catch(function () { /* the Find button still works */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 250);
  });
  finder.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    lookUp();
  });
})();
