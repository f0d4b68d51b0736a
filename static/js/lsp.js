/* The app's own behaviour. The Content-Security-Policy allows no inline script, so templates mark
   elements with data- attributes and this file (loaded on every page) acts on them. Listeners sit on
   the document, so content that htmx swaps in later works too. */
(function () {
  "use strict";

  // <select data-autosubmit>: choosing an option submits its form (the language switch).
  document.addEventListener("change", function (event) {
    var control = event.target.closest("[data-autosubmit]");
    if (control && control.form) {
      control.form.submit();
    }
  });

  // <form data-confirm="Question?">: ask before submitting; "Cancel" keeps the page as it is.
  document.addEventListener("submit", function (event) {
    var question = event.target.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <table class="table-cards">: below 576 px each row is a card (static/css/lsp.css); every cell is
  // labelled with its column's heading, taken from <thead> (also for rows htmx swaps in later).
  function labelCells(root) {
    root.querySelectorAll("table.table-cards").forEach(function (table) {
      var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && !cell.hasAttribute("colspan") && headings[index]) {
            cell.setAttribute("data-label", headings[index]);
          }
        });
      });
    });
  }
  labelCells(document);
  document.addEventListener("htmx:load", function () {
    labelCells(document);
  });
})();
