// Keep a job page (bulk import, report) up to date without reloading: poll the job's JSON once a second.
(function () {
  "use strict";
  var section = document.getElementById("job");
  if (!section || section.dataset.done === "true") { return; }
  var url = section.dataset.statusUrl;

  function setText(id, value) {
    var node = document.getElementById(id);
    if (node) { node.textContent = value; }
  }

  function showFailures(failures) {
    var table = document.getElementById("job-failures");
    var body = document.querySelector("#job-failures tbody");
    if (!body) { return; }
    table.hidden = failures.length === 0;
    document.getElementById("failures-heading").hidden = failures.length === 0;
    body.textContent = "";
    failures.forEach(function (failure) {
      var row = document.createElement("tr");
      [failure.line, failure.reason].forEach(function (value) {
        var cell = document.createElement("td");
        cell.textContent = value;
        row.appendChild(cell);
      });
      body.appendChild(row);
    });
  }

  function update(job) {
    var bar = document.getElementById("job-progress");
    if (bar) { bar.value = job.percent; bar.textContent = job.percent + "%"; }
    setText("job-percent", job.percent + "%");
    setText("job-status", job.status_label);
    setText("job-processed", job.processed);
    setText("job-total", job.total);
    setText("count-created", job.counts.created || 0);
    setText("count-duplicates", job.counts.duplicates || 0);
    setText("count-failed", job.counts.failed || 0);
    showFailures(job.failures);
    if (job.done) {
      window.location.reload();  // the final page, with the job's end state rendered
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (job) { update(job); if (!job.done) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 500);
})();
