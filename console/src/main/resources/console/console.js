// Tollgate review console: the only script the pages load (Content-Security-Policy: script-src 'self').
(function () {
  "use strict";
  // A form is sent once: its buttons are disabled on submit (the server ignores a repeat anyway).
  document.querySelectorAll("form.decide").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var chosen = event.submitter;
      if (chosen && chosen.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden";
        hidden.name = chosen.name;
        hidden.value = chosen.value;
        form.appendChild(hidden);
      }
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    });
  });
  // While a decision is on its way, poll the order's newest verdict and reload when a new version arrives.
  var verdict = document.getElementById("verdict");
  if (verdict && verdict.dataset.awaiting === "true") {
    var shown = parseInt(verdict.dataset.version, 10);
    var url = "/order/state?id=" + encodeURIComponent(verdict.dataset.order);
    var poll = function () {
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (state) {
          if (state && state.version > shown) {
            window.location.replace("/order?id=" + encodeURIComponent(verdict.dataset.order));
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 1000);
  }
})();
