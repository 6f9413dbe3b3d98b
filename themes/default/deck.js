// pitchdeck deck script: one slide at a time, keys, #N in the address, and a
// presenter view. Works from a file, offline; without it every slide shows as
// a page. The presenter view is this same file opened with ?presenter: the two
// windows keep in step over a BroadcastChannel, so no second script is needed.
(function () {
  "use strict";
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  if (!slides.length) return;
  root.classList.add("js");
  var deck = document.getElementById("deck");
  var live = document.getElementById("live");
  var keys = document.getElementById("keys");
  var presenter = /(^\?|&)presenter(&|=|$)/.test(window.location.search);
  var current = -1;
  var channel = null;
  try {
    channel = new BroadcastChannel("pitchdeck:" + window.location.pathname);
  } catch (e) {
    channel = null;
  }

  function fromHash() {
    var m = /^#(\d+)$/.exec(window.location.hash);
    var n = m ? parseInt(m[1], 10) - 1 : 0;
    return Math.max(0, Math.min(slides.length - 1, n));
  }

  function hide(slide, hidden) {
    slide.hidden = hidden;
    if (hidden) { slide.setAttribute("aria-hidden", "true"); slide.setAttribute("inert", ""); }
    else { slide.removeAttribute("aria-hidden"); slide.removeAttribute("inert"); }
  }

  // --- Presenter view: current slide, next slide, notes, timer. -------------
  var view = null;
  if (presenter) {
    var template = document.getElementById("presenter");
    if (template && template.content) {
      root.classList.add("presenter");
      deck.parentNode.insertBefore(template.content.cloneNode(true), deck);
      view = {
        now: document.querySelector(".pv-now"),
        next: document.querySelector(".pv-next"),
        nowBox: document.querySelector(".pv-now .pv-box"),
        nextBox: document.querySelector(".pv-next .pv-box"),
        position: document.querySelector(".pv-position"),
        end: document.querySelector(".pv-end"),
        notes: document.querySelector(".pv-notes-body"),
        noNotes: document.querySelector(".pv-no-notes"),
        elapsed: document.querySelector(".pv-elapsed"),
        left: document.querySelector(".pv-left"),
        leftRow: document.querySelector(".pv-left-row"),
        minutes: parseInt(deck.getAttribute("data-minutes") || "0", 10),
        started: Date.now()
      };
      document.title = (view.position ? view.position.getAttribute("data-title") + " – " : "") + document.title;
    } else {
      presenter = false;
    }
  }

  function clock(seconds) {
    var sign = seconds < 0 ? "−" : "";
    seconds = Math.abs(seconds);
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return sign + (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
  }

  function tick() {
    if (!view) return;
    var elapsed = Math.max(0, Math.floor((Date.now() - view.started) / 1000));
    view.elapsed.textContent = clock(elapsed);
    if (view.minutes > 0) {
      var left = view.minutes * 60 - elapsed;
      view.left.textContent = clock(left);
      view.leftRow.classList.toggle("over", left < 0);
    } else {
      view.leftRow.hidden = true;
    }
  }

  // Places a slide (a 1280×720 canvas) over a box of the presenter layout,
  // as large as fits; the current slide in the middle of its box.
  function place(slide, box, middle) {
    var r = box.getBoundingClientRect();
    var s = Math.min(r.width / 1280, r.height / 720);
    var top = middle ? r.top + (r.height - 720 * s) / 2 : r.top;
    slide.style.transform = "translate(" + r.left + "px," + top + "px) scale(" + s + ")";
  }

  function layout() {
    if (!view) return;
    slides.forEach(function (slide, j) {
      slide.classList.toggle("pv-current", j === current);
      slide.classList.toggle("pv-upcoming", j === current + 1);
      if (j === current) place(slide, view.nowBox, true);
      else if (j === current + 1) place(slide, view.nextBox, false);
      else slide.style.transform = "";
    });
  }

  function present(i) {
    slides.forEach(function (slide, j) {
      hide(slide, j !== i && j !== i + 1);
      // The next slide is a preview: seen, not read out or focused.
      if (j === i + 1) { slide.setAttribute("aria-hidden", "true"); slide.setAttribute("inert", ""); }
    });
    view.position.textContent = slides[i].getAttribute("aria-label");
    view.end.hidden = i + 1 < slides.length;
    while (view.notes.firstChild) view.notes.removeChild(view.notes.firstChild);
    var notes = slides[i].querySelector(".notes");
    if (notes) {
      Array.prototype.forEach.call(notes.childNodes, function (node) {
        view.notes.appendChild(node.cloneNode(true));
      });
    }
    view.noNotes.hidden = !!notes;
    layout();
  }

  function show(i, announce, remote) {
    i = Math.max(0, Math.min(slides.length - 1, i));
    var hash = "#" + (i + 1);
    if (window.location.hash !== hash) {
      try { window.history.replaceState(null, "", hash); } catch (e) { window.location.hash = hash; }
    }
    if (i === current) return;
    current = i;
    if (view) present(i);
    else slides.forEach(function (slide, j) { hide(slide, j !== i); });
    if (announce && live) {
      var heading = slides[i].querySelector("h1, h2");
      live.textContent = slides[i].getAttribute("aria-label") + (heading ? ": " + heading.textContent : "");
    }
    if (channel && !remote) channel.postMessage({ slide: i });
    document.dispatchEvent(new CustomEvent("pitchdeck:slide", { detail: { index: i } }));
  }

  function fit() {
    var scale = Math.min(window.innerWidth / 1280, window.innerHeight / 720);
    root.style.setProperty("--scale", String(scale));
    layout();
  }

  function openPresenter() {
    var url = window.location.href.split("#")[0].split("?")[0] + "?presenter#" + (current + 1);
    var w = window.open(url, "pitchdeck-presenter", "popup,width=1280,height=800");
    if (w) w.focus();
  }

  function toggleKeys() {
    if (!keys || typeof keys.showModal !== "function") return;
    if (keys.open) keys.close();
    else keys.showModal();
  }

  if (keys) {
    var closer = keys.querySelector(".keys-close");
    if (closer) closer.addEventListener("click", function () { keys.close(); });
  }

  if (channel) {
    channel.onmessage = function (e) {
      var data = e.data || {};
      if (typeof data.slide === "number") show(data.slide, true, true);
      // A new window asks where the deck is; every window that knows answers.
      if (data.hello && current >= 0) channel.postMessage({ slide: current });
    };
  }

  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (keys && keys.open) {
      if (e.key === "?") { e.preventDefault(); keys.close(); }
      return; // The dialog handles Escape itself.
    }
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
      case "p": case "P":
        e.preventDefault();
        if (!presenter) openPresenter();
        return;
      case "r": case "R":
        if (!view) return;
        e.preventDefault();
        view.started = Date.now();
        tick();
        return;
      case "?":
        e.preventDefault();
        toggleKeys();
        return;
      default: return;
    }
    e.preventDefault();
    show(next, true);
  });
  window.addEventListener("hashchange", function () { show(fromHash(), true); });
  window.addEventListener("resize", fit);
  window.pitchdeck = {
    show: function (i) { show(i, true); },
    current: function () { return current; },
    count: slides.length,
    presenter: presenter
  };
  fit();
  show(fromHash(), false, true);
  if (view) {
    tick();
    window.setInterval(tick, 1000);
  }
  if (channel) channel.postMessage({ hello: true });
})();
