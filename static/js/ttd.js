/* Drawn signatures and the IA.05 countdown. No inline script (CSP): templates mark elements with data-
   attributes. A signature box is <div data-ttd> holding <canvas data-ttd-canvas>, a clear button
   [data-ttd-clear] and <input type=hidden data-ttd-input>; the PNG is written into the input when the
   form is submitted, only if something was drawn (an empty box sends nothing, and the server refuses it). */
(function () {
  "use strict";

  function setup(box) {
    var canvas = box.querySelector("[data-ttd-canvas]");
    var input = box.querySelector("[data-ttd-input]");
    if (!canvas || !input || canvas.dataset.ready) {
      return;
    }
    canvas.dataset.ready = "1";
    var ctx = canvas.getContext("2d");
    var drawing = false;
    var drawn = false;

    function resize() {
      var ratio = window.devicePixelRatio || 1;
      canvas.width = canvas.clientWidth * ratio;
      canvas.height = canvas.clientHeight * ratio;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 2;
      ctx.lineCap = "round";
      ctx.strokeStyle = "#111";
      drawn = false;
      input.value = "";
    }

    function point(event) {
      var rect = canvas.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    }

    canvas.style.touchAction = "none";
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true;
      var p = point(event);
      ctx.beginPath();
      ctx.moveTo(p.x, p.y);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) {
        return;
      }
      var p = point(event);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      drawn = true;
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
      canvas.addEventListener(name, function () {
        if (drawing && drawn) {
          input.value = canvas.toDataURL("image/png");
        }
        drawing = false;
      });
    });
    var clear = box.querySelector("[data-ttd-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        drawn = false;
        input.value = "";
      });
    }
    resize();
  }

  function setupAll() {
    document.querySelectorAll("[data-ttd]").forEach(setup);
  }

  // The IA.05 countdown: [data-countdown=seconds] with [data-countdown-text]; reloads at zero so the page
  // shows the test closed (the server refuses late answers whatever this shows).
  function countdown() {
    var box = document.querySelector("[data-countdown]");
    if (!box) {
      return;
    }
    var left = parseInt(box.getAttribute("data-countdown"), 10);
    var text = box.querySelector("[data-countdown-text]");
    var deadline = Date.now() + left * 1000;
    function tick() {
      var s = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      var m = Math.floor(s / 60);
      text.textContent = m + ":" + String(s % 60).padStart(2, "0");
      if (s <= 0) {
        window.location.reload();
        return;
      }
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setupAll();
      countdown();
    });
  } else {
    setupAll();
    countdown();
  }
})();
