// pitchdeck deck script: one slide at a time, keys, #N in the address.
// Works from a file, offline; without it every slide shows as a page.
(function () {
  "use strict";
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) return;
  root.classList.add("js");
  var live = document.getElementById("live");
  var current = -1;

  function fromHash() {
    var m = /^#(\d+)$/.exec(window.location.hash);
    var n = m ? parseInt(m[1], 10) - 1 : 0;
    return Math.max(0, Math.min(slides.length - 1, n));
  }

  function show(i, announce) {
    i = Math.max(0, Math.min(slides.length - 1, i));
    if (i === current) return;
    current = i;
    slides.forEach(function (slide, j) {
      var on = j === i;
      slide.hidden = !on;
      if (on) { slide.removeAttribute("aria-hidden"); slide.removeAttribute("inert"); }
      else { slide.setAttribute("aria-hidden", "true"); slide.setAttribute("inert", ""); }
    });
    var hash = "#" + (i + 1);
    if (window.location.hash !== hash) {
      try { window.history.replaceState(null, "", hash); } catch (e) { window.location.hash = hash; }
    }
    if (announce && live) {
      var heading = slides[i].querySelector("h1, h2");
      live.textContent = slides[i].getAttribute("aria-label") + (heading ? ": " + heading.textContent : "");
    }
    document.dispatchEvent(new CustomEvent("pitchdeck:slide", { detail: { index: i } }));
  }

  function fit() {
    var scale = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
    root.style.setProperty("--scale", String(scale));
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var next = null;
    switch (e.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case "Right": case "Down":
        next = current + 1; break;
      case " ": case "Spacebar":
        next = e.shiftKey ? current - 1 : current + 1; break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": case "Left": case "Up":
        next = current - 1; break;
      case "Home": next = 0; break;
      case "End": next = slides.length - 1; break;
      default: return;
    }
    e.preventDefault();
    show(next, true);
  });
  window.addEventListener("hashchange", function () { show(fromHash(), true); });
  window.addEventListener("resize", fit);
  window.pitchdeck = { show: function (i) { show(i, true); }, current: function () { return current; }, count: slides.length };
  fit();
  show(fromHash(), false);
})();
