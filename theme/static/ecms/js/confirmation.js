/* The confirmation page: print it, or copy the reference or the tracking code. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.hidden = !(navigator.clipboard && window.isSecureContext);
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        var done = button.getAttribute("data-done");
        if (done) { button.textContent = done; }
      });
    });
  });
})();
