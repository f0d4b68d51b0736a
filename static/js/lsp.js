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

  // The one form-error pattern (templates/_form_errors.html): a page that comes back with errors
  // scrolls to the summary above the form and focuses it, so a screen reader reads it and nobody is
  // left looking at the top of a long page; without a summary, the first invalid field gets the focus.
  // A link to a field (e.g. "Ubah email" → /asesi/profil/#id_email) focuses it when there is no error.
  function focusFirstError() {
    var target = document.querySelector("[data-form-errors]") ||
      document.querySelector("form .is-invalid, form [aria-invalid=true]");
    if (!target && window.location.hash.length > 1) {
      target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target && !target.matches("input, select, textarea")) {
        target = null;
      }
    }
    if (!target) {
      return;
    }
    target.scrollIntoView({block: "start"});
    target.focus({preventScroll: true});
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusFirstError);
  } else {
    focusFirstError();
  }

  // A link in the summary moves the focus to its field (an anchor alone only scrolls).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-error-for]");
    var field = link && document.getElementById(link.getAttribute("data-error-for"));
    if (field) {
      event.preventDefault();
      field.scrollIntoView({block: "center"});
      field.focus({preventScroll: true});
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
