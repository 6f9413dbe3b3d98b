// Drives headless Chromium over built decks and reports what it finds, as JSON
// on stdout. Run by tests/browser.rs (cargo test), which decides what is a
// failure. One browser process for the whole run; each deck is loaded once per
// window size and every slide is checked in the page.
//
// Usage: node tests/browser/run.mjs CONFIG.json
//
// The config names the Chromium binary, axe-core's script, the screenshot
// folder, the window sizes and the decks (see tests/browser.rs).

import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const config = JSON.parse(readFileSync(process.argv[2], "utf8"));
const require = createRequire(join(config.root, "package.json"));
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const findings = []; // { deck, viewport, slide, check, message }
const facts = {}; // deck name → what was seen, to prove the checks ran
let screenshots = 0;

function find(deck, viewport, slide, check, message) {
  findings.push({ deck: deck.name, viewport, slide, check, message });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls from Node rather than in the page, so that it works under a fake clock.
async function until(page, fn, arg, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > end) return value;
    await sleep(25);
  }
}

// ---------------------------------------------------------------------------
// In-page probes (run with page.evaluate).

// The state a viewer sees: which slides show, the counter, the live region.
function probeState() {
  const slides = Array.from(document.querySelectorAll(".slide"));
  const shown = slides.filter((s) => !s.hidden && getComputedStyle(s).display !== "none");
  const visible = shown[0];
  const counter = visible ? visible.querySelector(".number") : null;
  return {
    current: window.pitchdeck ? window.pitchdeck.current() : null,
    shown: shown.map((s) => Number(s.dataset.number)),
    hiddenOk: slides.every(
      (s) => shown.includes(s) || (s.getAttribute("aria-hidden") === "true" && s.hasAttribute("inert"))
    ),
    counter: counter ? counter.innerText.trim() : null,
    counterVisible: counter ? counter.getBoundingClientRect().width > 0 : false,
    label: visible ? visible.getAttribute("aria-label") : null,
    role: visible ? visible.getAttribute("aria-roledescription") : null,
    hash: location.hash,
    live: (document.getElementById("live") || {}).textContent || "",
    livePolite: (document.getElementById("live") || { getAttribute: () => null }).getAttribute("aria-live"),
  };
}

// Everything about one slide that does not need axe: overflow, text size,
// headings, motion. `minPx` is the smallest text allowed (0: do not check).
function probeSlide({ index, minPx }) {
  const slide = document.querySelectorAll(".slide")[index];
  const problems = [];
  const skip = (el) => el.closest(".visually-hidden, .notes, svg, template, dialog");
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.className && typeof el.className === "string") s += "." + el.className.trim().split(/\s+/).join(".");
    return s;
  };
  const snippet = (t) => t.replace(/\s+/g, " ").trim().slice(0, 60);
  const sr = slide.getBoundingClientRect();
  const scale = sr.width / slide.offsetWidth || 1;

  // Boxes whose content is larger than the box.
  for (const el of slide.querySelectorAll("*")) {
    if (skip(el)) continue;
    const cs = getComputedStyle(el);
    if (cs.display === "inline" || cs.display === "none" || el.clientWidth === 0) continue;
    if (el.tagName === "IMG") continue;
    // Across, any overflow counts. Down, a box may be shorter than its glyphs
    // (a heading's line height is less than its font's ascent plus descent), so
    // a fifth of the font size is allowed.
    const tolerance = Math.max(2, 0.2 * parseFloat(cs.fontSize));
    const dx = el.scrollWidth - el.clientWidth;
    const dy = el.scrollHeight - el.clientHeight;
    if (dx > 1 || dy > tolerance) {
      problems.push({
        check: "overflow",
        message: `${name(el)} overflows its box by ${dx > 1 ? dx + "px across" : ""}${dx > 1 && dy > tolerance ? " and " : ""}${dy > tolerance ? dy + "px down" : ""}: "${snippet(el.innerText)}"`,
      });
    }
  }
  // Text outside the slide, and text that is too small.
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const small = new Set();
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim()) continue;
    const el = node.parentElement;
    if (!el || skip(el)) continue;
    chars += node.data.trim().length;
    range.selectNodeContents(node);
    // Text stays inside the slide's frame (the area inside its margins), or the
    // slide itself for what sits in the margins (the slide number).
    const box = (el.closest(".frame") || slide).getBoundingClientRect();
    const tol = 0.2 * parseFloat(getComputedStyle(el).fontSize) * scale;
    for (const r of range.getClientRects()) {
      if (r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - tol || r.bottom > box.bottom + tol) {
        problems.push({ check: "overflow", message: `text runs out of the slide's frame in ${name(el)}: "${snippet(node.data)}"` });
        break;
      }
    }
    const px = parseFloat(getComputedStyle(el).fontSize) * scale;
    if (minPx && px < minPx - 0.01 && !small.has(el)) {
      small.add(el);
      problems.push({ check: "small-text", message: `${px.toFixed(1)}px text in ${name(el)}: "${snippet(node.data)}"` });
    }
  }
  // One heading per slide: h1 on the title slide, h2 on the others.
  const headings = Array.from(slide.querySelectorAll("h1, h2, h3, h4, h5, h6")).filter((h) => !skip(h));
  const isTitle = slide.classList.contains("slide-title");
  if (headings.length !== 1 || headings[0].tagName !== (isTitle ? "H1" : "H2")) {
    problems.push({ check: "headings", message: `headings ${headings.map((h) => h.tagName).join(",") || "none"}; expected one ${isTitle ? "h1" : "h2"}` });
  }
  // No motion: nothing animates, nothing transitions.
  const moving = document.getAnimations().length;
  if (moving) problems.push({ check: "motion", message: `${moving} animations run` });
  for (const el of [slide, ...slide.querySelectorAll("*")]) {
    const cs = getComputedStyle(el);
    const d = (v) => v.split(",").some((x) => parseFloat(x) > 0);
    if (d(cs.transitionDuration) || (cs.animationName !== "none" && d(cs.animationDuration))) {
      problems.push({ check: "motion", message: `${name(el)} moves (transition ${cs.transitionDuration}, animation ${cs.animationName})` });
      break;
    }
  }
  return { problems, chars, scale };
}

// The whole page without the script: every slide a readable block.
function probeNoScript({ minPx }) {
  const problems = [];
  const slides = Array.from(document.querySelectorAll(".slide"));
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.classList.contains("js")) problems.push("the script ran");
  if (document.scrollingElement.scrollWidth > vw + 1) {
    problems.push(`the page scrolls sideways: ${document.scrollingElement.scrollWidth}px wide in a ${vw}px window`);
  }
  slides.forEach((s, i) => {
    const r = s.getBoundingClientRect();
    const cs = getComputedStyle(s);
    if (s.hidden || cs.display === "none" || cs.visibility !== "visible" || r.height < 100) {
      problems.push(`slide ${i + 1} is not shown`);
    }
    if (r.left < -1 || r.right > vw + 1) problems.push(`slide ${i + 1} is wider than the window`);
    const heading = s.querySelector("h1, h2");
    if (!heading || heading.getBoundingClientRect().height === 0) problems.push(`slide ${i + 1}: no visible heading`);
  });
  for (const notes of document.querySelectorAll(".notes")) {
    if (notes.getBoundingClientRect().height > 0) problems.push("speaker notes show");
  }
  const levels = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .filter((h) => !h.closest("template, dialog"))
    .map((h) => Number(h.tagName[1]));
  levels.forEach((l, i) => {
    const before = i ? levels[i - 1] : 0;
    if (l > before + 1) problems.push(`heading level ${l} after level ${before}`);
  });
  return { problems, slides: slides.length, levels };
}

// ---------------------------------------------------------------------------

// axe-core on the page as it shows one slide: every WCAG 2.0/2.1 A and AA rule,
// plus heading order, plus AAA contrast (7:1) for the contrast theme; one run.
async function axeSlide(page, deck, vp, n) {
  const result = await page.evaluate(async (enhanced) => {
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    const rules = window.axe.getRules(tags).map((r) => r.ruleId);
    rules.push("heading-order");
    if (enhanced) rules.push("color-contrast-enhanced");
    const r = await window.axe.run(document, { runOnly: { type: "rule", values: rules }, resultTypes: ["violations"] });
    return {
      rules: rules.length,
      violations: r.violations.map((v) => ({
        id: v.id,
        help: v.help,
        nodes: v.nodes.map((x) => x.target.join(" ") + (x.failureSummary ? " — " + x.failureSummary.replace(/\s+/g, " ") : "")),
      })),
    };
  }, deck.level === "AAA");
  for (const v of result.violations) {
    find(deck, vp, n, "axe", `${v.id}: ${v.help}: ${v.nodes.slice(0, 3).join("; ")}`);
  }
  return result.rules;
}

async function newContext(browser, deck, vp, options = {}) {
  const context = await browser.newContext({
    viewport: { width: vp[0], height: vp[1] },
    reducedMotion: "reduce",
    ...options,
  });
  const fileUrl = pathToFileURL(deck.file).href;
  const vpName = `${vp[0]}x${vp[1]}`;
  // Nothing may leave the file: any other address is refused and reported.
  await context.route(
    (url) => !(url.protocol === "data:" || (url.protocol === "file:" && url.pathname === new URL(fileUrl).pathname)),
    (route) => {
      find(deck, vpName, null, "request", `request to ${route.request().url().slice(0, 120)}`);
      return route.abort();
    }
  );
  context.on("page", (page) => watch(page, deck, vpName));
  return { context, fileUrl, vpName };
}

function watch(page, deck, vpName) {
  page.on("pageerror", (e) => find(deck, vpName, null, "console", `script error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") find(deck, vpName, null, "console", m.text().slice(0, 300));
  });
}

async function key(page, k) {
  await page.keyboard.press(k);
}

// Keys, #N, counter and the live region, at one size.
async function checkKeys(page, deck, vpName, fileUrl, n) {
  const expect = async (what, index) => {
    const s = await page.evaluate(probeState);
    const want = deck.slideOf.replace("{n}", index + 1).replace("{total}", n);
    const bad = [];
    if (s.current !== index) bad.push(`current slide ${s.current === null ? "none" : s.current + 1}`);
    if (s.shown.length !== 1 || s.shown[0] !== index + 1) bad.push(`shown: ${JSON.stringify(s.shown)}`);
    if (!s.hiddenOk) bad.push("a slide not shown is not hidden from assistive technology");
    if (s.counter !== `${index + 1} / ${n}` || !s.counterVisible) bad.push(`counter ${JSON.stringify(s.counter)}`);
    if (s.label !== want) bad.push(`label ${JSON.stringify(s.label)}, expected ${JSON.stringify(want)}`);
    if (s.role !== deck.slideWord) bad.push(`aria-roledescription ${JSON.stringify(s.role)}`);
    if (s.hash !== `#${index + 1}`) bad.push(`address ends ${JSON.stringify(s.hash)}`);
    if (s.livePolite !== "polite") bad.push("no polite live region");
    if (what !== "load" && !s.live.startsWith(want)) bad.push(`live region says ${JSON.stringify(s.live)}`);
    if (bad.length) find(deck, vpName, index + 1, "keys", `after ${what}: ${bad.join("; ")}`);
  };
  await expect("load", 0);
  const last = n - 1;
  const steps = [
    ["ArrowRight", 1], ["ArrowLeft", 0], ["ArrowDown", 1], ["ArrowUp", 0], ["Space", 1], ["Shift+Space", 0],
    ["PageDown", 1], ["PageUp", 0], ["End", last], ["ArrowRight", last], ["Home", 0], ["ArrowLeft", 0],
  ];
  for (const [k, want] of steps) {
    await key(page, k);
    await expect(k, Math.min(want, last));
  }
  // #N: typed into the address of a loaded deck, and when loading.
  const mid = Math.min(2, last);
  await page.evaluate((h) => { location.hash = h; }, `#${mid + 1}`);
  await until(page, (i) => window.pitchdeck.current() === i, mid);
  await expect(`#${mid + 1}`, mid);
  await page.goto(`${fileUrl}#${last + 1}`);
  await until(page, () => !!window.pitchdeck, null);
  await expect(`loading #${last + 1}`, last);
  await page.goto(`${fileUrl}#999`);
  await expect("loading #999", last);

  // ? shows the keys; Escape and ? close them; slides do not move meanwhile.
  await key(page, "Home");
  await key(page, "?");
  const open = await page.evaluate(() => {
    const d = document.getElementById("keys");
    const r = d && d.getBoundingClientRect();
    const f = document.activeElement;
    const o = f ? getComputedStyle(f) : null;
    return {
      open: !!(d && d.open && r.width > 0),
      title: d ? d.querySelector("h2").textContent : "",
      rows: d ? d.querySelectorAll("tr").length : 0,
      text: d ? d.innerText : "",
      focusVisible: !!(o && o.outlineStyle !== "none" && parseFloat(o.outlineWidth) >= 2 && f.matches(":focus-visible")),
    };
  });
  if (!open.open || open.title !== deck.keysTitle || open.rows < 6 || !/\bP\b/.test(open.text)) {
    find(deck, vpName, null, "keys", `? did not show the keys: ${JSON.stringify(open)}`);
  }
  if (!open.focusVisible) find(deck, vpName, null, "focus", "the keys dialog's button has no visible focus");
  if (vpName === "1280x720") await shot(page, deck, vpName, "keys");
  await key(page, "ArrowRight");
  await expect("ArrowRight under the keys dialog", 0);
  await key(page, "Escape");
  await key(page, "?");
  await key(page, "?");
  const closed = await page.evaluate(() => !document.getElementById("keys").open);
  if (!closed) find(deck, vpName, null, "keys", "? did not hide the keys");
  await key(page, "ArrowRight");
  await expect("ArrowRight after closing the keys", 1);
  await key(page, "Home");
}

async function shot(page, deck, vpName, name) {
  if (!deck.screenshots) return;
  const dir = join(config.screenshots, deck.name, vpName);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
  screenshots++;
}

// Visible focus: Tab reaches a link on a slide, and the link shows its focus.
async function checkFocus(page, deck, vpName, n) {
  for (let i = 0; i < n; i++) {
    const hasLink = await page.evaluate((i) => !!document.querySelectorAll(".slide")[i].querySelector("a[href]"), i);
    if (!hasLink) continue;
    await page.evaluate((i) => window.pitchdeck.show(i), i);
    await key(page, "Tab");
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      const cs = getComputedStyle(el);
      return { tag: el.tagName, style: cs.outlineStyle, width: parseFloat(cs.outlineWidth), visible: el.matches(":focus-visible") };
    });
    if (f.tag !== "A" || f.style === "none" || f.width < 2 || !f.visible) {
      find(deck, vpName, i + 1, "focus", `Tab gave no visible focus on a link: ${JSON.stringify(f)}`);
    }
    facts[deck.name].focusChecked = true;
    await key(page, "Home");
    return;
  }
}

async function checkSize(browser, deck, vp) {
  const { context, fileUrl, vpName } = await newContext(browser, deck, vp);
  const page = await context.newPage();
  await page.goto(fileUrl);
  await page.evaluate(() => document.fonts.ready);
  const n = await page.evaluate(() => document.querySelectorAll(".slide").length);
  const seen = (facts[deck.name] = facts[deck.name] || { slides: n, sizes: [], axeRules: 0, chars: {} });
  seen.sizes.push(vpName);

  const t0 = Date.now();
  await checkKeys(page, deck, vpName, fileUrl, n);
  await checkFocus(page, deck, vpName, n);
  const t1 = Date.now();
  let tAxe = 0, tShot = 0;

  // Every slide, reached with the arrow key, checked in the page.
  await page.evaluate(axeSource);
  const minPx = vpName === "1280x720" ? 24 : 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) await key(page, "ArrowRight");
    const now = await page.evaluate(() => window.pitchdeck.current());
    if (now !== i) {
      find(deck, vpName, i + 1, "keys", `ArrowRight reached slide ${now + 1}, not ${i + 1}`);
      await page.evaluate((i) => window.pitchdeck.show(i), i);
    }
    const probe = await page.evaluate(probeSlide, { index: i, minPx });
    for (const p of probe.problems) find(deck, vpName, i + 1, p.check, p.message);
    seen.chars[i + 1] = probe.chars;
    const ta = Date.now();
    seen.axeRules = Math.max(seen.axeRules, await axeSlide(page, deck, vpName, i + 1));
    const tb = Date.now();
    await shot(page, deck, vpName, `slide-${String(i + 1).padStart(2, "0")}`);
    tAxe += tb - ta;
    tShot += Date.now() - tb;
  }
  if (process.env.PROFILE) process.stderr.write(`${deck.name} ${vpName}: keys ${t1 - t0} ms, slides ${Date.now() - t1} ms (axe ${tAxe}, screenshots ${tShot})\n`);
  await context.close();
}

async function checkNoScript(browser, deck, vp) {
  const { context, fileUrl, vpName } = await newContext(browser, deck, vp, { javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(fileUrl);
  await page.evaluate(() => document.fonts.ready);
  const r = await page.evaluate(probeNoScript, { minPx: 0 });
  for (const p of r.problems) find(deck, `${vpName} no script`, null, "noscript", p);
  // The same overflow and size checks, slide by slide, as a page.
  const minPx = vpName === "1280x720" ? 24 : 0;
  for (let i = 0; i < r.slides; i++) {
    const probe = await page.evaluate(probeSlide, { index: i, minPx });
    for (const p of probe.problems) {
      if (p.check === "overflow" || p.check === "small-text") find(deck, `${vpName} no script`, i + 1, "noscript", p.message);
    }
  }
  facts[deck.name].noscript = (facts[deck.name].noscript || 0) + r.slides;
  if (deck.screenshots && vpName !== "1920x1080") {
    const dir = join(config.screenshots, deck.name, `${vpName}-no-script`);
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, "page.png"), fullPage: true });
    screenshots++;
  }
  await context.close();
}

// The presenter view: P opens it; notes, next slide, timer; both windows in step.
async function checkPresenter(browser, deck) {
  const vp = [1280, 720];
  const { context, fileUrl, vpName } = await newContext(browser, deck, vp);
  await context.clock.install({ time: new Date("2026-12-01T09:00:00Z") });
  const page = await context.newPage();
  await page.goto(fileUrl);
  const n = await page.evaluate(() => document.querySelectorAll(".slide").length);
  const bad = (m) => find(deck, "presenter", null, "presenter", m);
  await key(page, "ArrowRight");
  const [popup] = await Promise.all([context.waitForEvent("page", { timeout: 5000 }), key(page, "p")]);
  await popup.waitForLoadState();
  await until(popup, () => !!(window.pitchdeck && document.querySelector(".pv")), null);

  const state = () =>
    popup.evaluate(() => {
      const q = (s) => document.querySelector(s);
      const within = (el, box) => {
        if (!el) return false;
        const a = el.getBoundingClientRect();
        const b = box.getBoundingClientRect();
        return a.width > 100 && a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
      };
      const cur = q(".slide.pv-current");
      const next = q(".slide.pv-upcoming");
      const notes = cur && cur.querySelector(".notes");
      return {
        presenter: window.pitchdeck.presenter,
        current: window.pitchdeck.current(),
        currentNumber: cur ? Number(cur.dataset.number) : null,
        currentPlaced: within(cur, q(".pv-now .pv-box")),
        nextNumber: next ? Number(next.dataset.number) : null,
        nextPlaced: within(next, q(".pv-next .pv-box")),
        nextHidden: next ? next.getAttribute("aria-hidden") === "true" : null,
        end: !q(".pv-end").hidden,
        position: q(".pv-position").textContent,
        notesShown: q(".pv-notes-body").innerHTML,
        notesSource: notes ? notes.innerHTML : null,
        noNotes: !q(".pv-no-notes").hidden,
        notesVisible: q(".pv-notes").getBoundingClientRect().height > 50,
        elapsed: q(".pv-elapsed").textContent,
        left: q(".pv-left").textContent,
      };
    });
  let s = await state();
  const seen = facts[deck.name];
  seen.presenter = { opened: true, notes: s.notesShown.length };
  if (!s.presenter) bad("the window P opened is not in presenter mode");
  if (s.current !== 1 || s.currentNumber !== 2 || !s.currentPlaced) bad(`current slide not shown in its box: ${JSON.stringify(s)}`);
  if (s.nextNumber !== 3 || !s.nextPlaced || !s.nextHidden) bad(`next slide not shown in its box: ${JSON.stringify(s)}`);
  if (s.position !== deck.slideOf.replace("{n}", 2).replace("{total}", n)) bad(`position ${JSON.stringify(s.position)}`);
  if (s.notesSource === null) bad("the example deck's slide 2 has no notes to show");
  else if (s.notesShown !== s.notesSource || !/<p>/.test(s.notesShown) || !s.notesVisible) bad(`notes not shown as rendered: ${s.notesShown.slice(0, 200)}`);
  const mm = (x) => String(x).padStart(2, "0");
  if (s.elapsed !== "00:00" || s.left !== `${mm(deck.minutes)}:00`) bad(`timer at start: elapsed ${s.elapsed}, left ${s.left}`);
  await shot(popup, deck, "presenter", "slide-02");

  // Two minutes and five seconds later.
  await context.clock.runFor(125_000);
  s = await state();
  const left = deck.minutes * 60 - 125;
  const want = `${mm(Math.floor(left / 60))}:${mm(left % 60)}`;
  if (s.elapsed !== "02:05" || s.left !== want) bad(`timer after 2:05: elapsed ${s.elapsed}, left ${s.left} (expected ${want})`);
  seen.presenter.timer = `${s.elapsed} / ${s.left}`;

  // Driven from the presenter window, the audience follows…
  await popup.bringToFront();
  await key(popup, "ArrowRight");
  const follows = await until(page, () => window.pitchdeck.current() === 2, null);
  if (!follows) bad(`the audience window did not follow the presenter: at ${await page.evaluate(() => window.pitchdeck.current() + 1)}`);
  s = await state();
  if (s.currentNumber !== 3 || s.nextNumber !== 4) bad(`presenter after → : ${s.currentNumber}, next ${s.nextNumber}`);
  // …and driven from the audience window, the presenter follows.
  await page.bringToFront();
  await key(page, "ArrowLeft");
  const back = await until(popup, () => window.pitchdeck.current() === 1, null);
  if (!back) bad(`the presenter did not follow the audience window: at ${await popup.evaluate(() => window.pitchdeck.current() + 1)}`);
  await key(page, "End");
  await until(popup, (i) => window.pitchdeck.current() === i, n - 1);
  s = await state();
  if (s.currentNumber !== n || s.nextNumber !== null || !s.end) bad(`presenter at the last slide: ${JSON.stringify({ c: s.currentNumber, next: s.nextNumber, end: s.end })}`);
  await shot(popup, deck, "presenter", "last");
  // R starts the timer again.
  await popup.bringToFront();
  await key(popup, "r");
  s = await state();
  if (s.elapsed !== "00:00") bad(`R did not restart the timer: ${s.elapsed}`);
  seen.presenter.followed = follows && back;
  await context.close();
}

const browser = await chromium.launch({
  executablePath: config.chromium,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
  ],
});
try {
  for (const deck of config.decks) {
    const started = Date.now();
    for (const vp of config.viewports) {
      await checkSize(browser, deck, vp);
      await checkNoScript(browser, deck, vp);
    }
    if (deck.presenter) await checkPresenter(browser, deck);
    process.stderr.write(`${deck.name}: ${Date.now() - started} ms\n`);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ findings, facts, screenshots }, null, 1));
