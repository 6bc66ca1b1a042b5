// The project finder's page functions (theme/assets/project-finder.js), without a browser: each
// is given stand-ins for the elements it reads and writes. Run by `node --test` (with
// tests/test_finder_logic.py); tests/test_finder*.py drive the whole page in chromium.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const finder = require(path.join(__dirname, "../../theme/assets/project-finder.js"));

// -- stand-ins for the page's elements ---------------------------------------------------------

// An element that records every write: its text, attributes, hidden flag, children and classes.
class Element {
  constructor(tag, parts = {}) {
    this.tagName = tag;
    this.attributes = {};
    this.writes = 0;
    this.childNodes = [];
    this.classes = new Set();
    this.className = "";
    this._text = "";
    this._hidden = false;
    this.parts = parts;  // what querySelector finds, by selector
    this.classList = { toggle: (name, on) => (on ? this.classes.add(name) : this.classes.delete(name)) };
  }
  get textContent() {
    return this.childNodes.length ? this.childNodes.map((node) => (typeof node === "string" ? node : node.textContent)).join("") : this._text;
  }
  set textContent(text) {
    this.writes++;
    this.childNodes = [];
    this._text = text;
  }
  get hidden() { return this._hidden; }
  set hidden(value) { this.writes++; this._hidden = value; }
  getAttribute(name) { return name in this.attributes ? this.attributes[name] : null; }
  setAttribute(name, value) { this.writes++; this.attributes[name] = String(value); }
  removeAttribute(name) { delete this.attributes[name]; }
  replaceChildren(...nodes) { this.writes++; this._text = ""; this.childNodes = nodes; }
  append(...nodes) { this.childNodes.push(...nodes); }
  querySelector(selector) { return this.parts[selector] || null; }
  querySelectorAll(selector) { return this.parts[selector] || []; }
}

global.document = { createElement: (tag) => new Element(tag), activeElement: null };

// A list whose items know their place, as the finder's <ul> of cards.
class List extends Element {
  constructor(items) {
    super("ul");
    this.children = [];
    items.forEach((item) => this.insertBefore(item, null));
  }
  get firstChild() { return this.children[0] || null; }
  insertBefore(item, before) {
    this.writes++;
    if (item.parentNode === this) this.children.splice(this.children.indexOf(item), 1);
    this.children.splice(before ? this.children.indexOf(before) : this.children.length, 0, item);
    item.parentNode = this;
  }
  removeChild(item) {
    this.writes++;
    this.children.splice(this.children.indexOf(item), 1);
    item.parentNode = null;
  }
}

function item(slug) {
  const made = { slug, parentNode: null };
  Object.defineProperty(made, "nextSibling", {
    get() { const siblings = made.parentNode.children; return siblings[siblings.indexOf(made) + 1] || null; }
  });
  return made;
}

function cardsOf(slugs) {
  return slugs.map((slug) => ({ slug, item: item(slug) }));
}

function slugsIn(list) {
  return list.children.map((each) => each.slug);
}

// Frames and tasks run when the test says: requestAnimationFrame and setTimeout queue them.
const queued = [];
global.requestAnimationFrame = (callback) => queued.push(callback);
global.cancelAnimationFrame = () => {};
const realSetTimeout = setTimeout;

function runFrames() {
  const timers = [];
  global.setTimeout = (callback) => timers.push(callback);
  global.clearTimeout = () => {};
  let frames = 0;
  while (queued.length) {
    queued.shift()();
    while (timers.length) timers.shift()();
    frames++;
  }
  global.setTimeout = realSetTimeout;
  return frames;
}

// -- writing only what changes -----------------------------------------------------------------

test("text, attributes and hidden are written only when they change", () => {
  const element = new Element("p");
  finder.setText(element, "Showing 2 of 10 projects");
  finder.setText(element, "Showing 2 of 10 projects");
  finder.setAttribute(element, "aria-pressed", "true");
  finder.setAttribute(element, "aria-pressed", "true");
  finder.setHidden(element, true);
  finder.setHidden(element, true);
  assert.equal(element.writes, 3);
});

test("an option's note is written as the browse list words it, and taken away when none", () => {
  const note = new Element("span");
  finder.setNote(note, "1 unconfirmed");
  assert.equal(note.textContent, ", 1 unconfirmed");
  assert.equal(note.childNodes[1].className, "sc-unconfirmed");
  const writes = note.writes;
  finder.setNote(note, "1 unconfirmed");
  assert.equal(note.writes, writes);
  finder.setNote(note, "");
  assert.equal(note.textContent, "");
  finder.setNote(note, "");
  assert.equal(note.writes, writes + 1);
});

// -- reading the page --------------------------------------------------------------------------

function checkbox(name, value, label, counted = "0") {
  const count = new Element("span");
  count.textContent = counted;
  const note = new Element("span");
  const labelElement = new Element("label", { "[data-count]": count, "[data-count-note]": note });
  labelElement.firstChild = { textContent: label + " " };
  return { name, value, checked: false, nextElementSibling: labelElement, count, note };
}

test("the filters are read as drawn: key, tag, values without projects, each option's value and label", () => {
  const fieldset = new Element("fieldset", { "input[type=checkbox]": [checkbox("icb", "nf", "North Fernshire")] });
  fieldset.attributes = { "data-facet": "icb", "data-tag": "ICB", "data-without": "sf" };
  const form = new Element("form", { "[data-facet]": [fieldset] });
  assert.deepEqual(finder.drawnFacets(form), [
    { key: "icb", tag: "ICB", without: "sf", options: [{ value: "nf", label: "North Fernshire" }] }
  ]);
});

test("the cards are read with their list items and search documents", () => {
  const attributes = { "data-slug": "alpha", "data-theme": "access", "data-search-name": "Alpha" };
  const card = { getAttribute: (name) => (name in attributes ? attributes[name] : null) };
  const config = { facets: ["theme"], sorts: ["name"], defaultSort: "name", searchSort: "relevance", searchFields: ["name", "aim"] };
  const read = finder.readCards({ children: [card] }, config);
  assert.equal(read.cards[0].item, card);
  assert.deepEqual(read.cards[0].values, { theme: ["access"] });
  assert.deepEqual(read.documents, [{ id: "alpha", name: "Alpha" }]);
});

// -- the list ----------------------------------------------------------------------------------

test("a short list is put right at once, keeping the cards already in order where they are", () => {
  const cards = cardsOf(["a", "b", "c", "d"]);
  const list = new List([cards[0].item, cards[3].item, cards[1].item]);
  const filler = finder.listFiller(list);
  filler.place([cards[0], cards[1], cards[2], cards[3]]);
  assert.deepEqual(slugsIn(list), ["a", "b", "c", "d"]);
  assert.equal(list.getAttribute("aria-busy"), null);
  // An input that changes nothing touches nothing.
  const writes = list.writes;
  filler.place([cards[0], cards[1], cards[2], cards[3]]);
  assert.equal(list.writes, writes);
});

test("a long list shows the first screen at once, then the rest a batch a frame, busy meanwhile", () => {
  const cards = cardsOf(Array.from({ length: finder.FIRST + 2 * finder.BATCH + 5 }, (_, index) => "card-" + index));
  const list = new List([]);
  const filler = finder.listFiller(list);
  filler.place(cards);
  assert.deepEqual(slugsIn(list), cards.slice(0, finder.FIRST).map((card) => card.slug));
  assert.equal(list.getAttribute("aria-busy"), "true");
  assert.equal(runFrames(), 3);
  assert.deepEqual(slugsIn(list), cards.map((card) => card.slug));
  assert.equal(list.getAttribute("aria-busy"), null);
});

test("cards not wanted go at once, and printing fills the list whole", () => {
  const cards = cardsOf(Array.from({ length: finder.FIRST + 10 }, (_, index) => "card-" + index));
  const list = new List(cards.slice(0, 5).map((card) => card.item));
  const filler = finder.listFiller(list);
  filler.place(cards.slice(3));
  assert.deepEqual(slugsIn(list).slice(0, 3), ["card-3", "card-4", "card-5"]);
  assert.equal(list.getAttribute("aria-busy"), "true");
  filler.finish();
  assert.deepEqual(slugsIn(list), cards.slice(3).map((card) => card.slug));
  assert.equal(list.getAttribute("aria-busy"), null);
  queued.length = 0;
});

// -- the rest of the page ----------------------------------------------------------------------

test("each option's tick, count and note are written from the view", () => {
  const box = checkbox("borough", "gullhaven", "Gullhaven", "2");
  finder.writeOptions({ boxes: [box] }, { borough: { gullhaven: { checked: true, count: 1, note: "unconfirmed" } } });
  assert.equal(box.checked, true);
  assert.equal(box.count.textContent, "1");
  assert.equal(box.note.textContent, ", unconfirmed");
});

test("a map tile shows its area's count, its noun, whether it is chosen, and is pale at none", () => {
  const count = new Element("span");
  const noun = new Element("span");
  const tile = new Element("button", { "[data-count]": count });
  tile.attributes["data-borough"] = "gullhaven";
  tile.lastElementChild = noun;
  const parts = { tiles: [tile] };
  finder.writeTiles(parts, { borough: { gullhaven: { checked: true, count: 1, note: "" } } }, "borough");
  assert.deepEqual([count.textContent, noun.textContent, tile.getAttribute("aria-pressed"), tile.classes.has("sc-map__tile--empty")], ["1", " project", "true", false]);
  finder.writeTiles(parts, { borough: {} }, "borough");
  assert.deepEqual([count.textContent, noun.textContent, tile.getAttribute("aria-pressed"), tile.classes.has("sc-map__tile--empty")], ["0", " projects", "false", true]);
});

function controls() {
  return {
    search: { value: "" },
    relevance: { hidden: true, disabled: true },
    sort: { value: "name" },
    status: new Element("h2"),
    empty: new Element("div"),
    formClear: new Element("button"),
    chosen: new Element("span")
  };
}

test("the controls follow the view: search words, relevance, order, status, empty state, clear and chosen", () => {
  const parts = controls();
  const shown = { searched: true, sort: "relevance", status: "Showing 0 of 4 projects", empty: true, filtered: true, chosen: "(1 chosen)" };
  finder.writeControls(parts, shown, "walks");
  assert.deepEqual(
    [parts.search.value, parts.relevance.hidden, parts.relevance.disabled, parts.sort.value, parts.status.textContent, parts.empty.hidden, parts.formClear.hidden, parts.chosen.textContent],
    ["walks", false, false, "relevance", "Showing 0 of 4 projects", false, false, "(1 chosen)"]
  );
  // The search box being typed in is left as it is.
  document.activeElement = parts.search;
  parts.search.value = "walk";
  finder.writeControls(parts, { ...shown, searched: false, sort: "name", empty: false, filtered: false, chosen: "" }, "walks");
  document.activeElement = null;
  assert.deepEqual([parts.search.value, parts.relevance.hidden, parts.sort.value, parts.empty.hidden, parts.formClear.hidden], ["walk", true, "name", true, true]);
});

test("a suggestion shows as a link named for what it does, and goes when there is none", () => {
  const parts = { suggestion: new Element("p"), suggestLink: new Element("a") };
  finder.writeSuggestion(parts, "walks", "/projects/?q=walks");
  assert.deepEqual([parts.suggestion.hidden, parts.suggestLink.textContent, parts.suggestLink.getAttribute("aria-label"), parts.suggestLink.getAttribute("href")],
    [false, "walks", "Search for walks", "/projects/?q=walks"]);
  finder.writeSuggestion(parts, null, null);
  assert.equal(parts.suggestion.hidden, true);
});

test("the pack is offered with its address and words, and hidden without one or on a page without packs", () => {
  const parts = { pack: new Element("p"), packLink: new Element("a") };
  finder.writePack(parts, { url: "../downloads/themes/access.pdf", text: "Download these 5 summaries (PDF, 84 KB)" });
  assert.deepEqual([parts.pack.hidden, parts.packLink.getAttribute("href"), parts.packLink.textContent],
    [false, "../downloads/themes/access.pdf", "Download these 5 summaries (PDF, 84 KB)"]);
  finder.writePack(parts, null);
  assert.equal(parts.pack.hidden, true);
  finder.writePack({ pack: null }, null);  // no packs made: nothing to write
});

test("a tag per chosen value is a button named 'Remove filter …', drawn again only when they change", () => {
  const parts = { tags: new Element("div") };
  const tags = [{ key: "theme", value: "access", text: "Theme: Access" }];
  finder.writeTags(parts, tags);
  const button = parts.tags.childNodes[0];
  assert.deepEqual([button.getAttribute("data-remove-key"), button.getAttribute("data-remove-value"), button.textContent], ["theme", "access", "Remove filter Theme: Access\u00d7"]);
  const writes = parts.tags.writes;
  finder.writeTags(parts, [{ key: "theme", value: "access", text: "Theme: Access" }]);
  assert.equal(parts.tags.writes, writes);
});

test("the notice says what a link asked for that the finder left out, and is hidden when nothing was", () => {
  const notice = new Element("p");
  finder.showLeftOut(notice, [{ text: "Theme \u201cfoo\u201d is not one of the finder\u2019s values" }]);
  assert.deepEqual([notice.hidden, notice.textContent], [false, "Left out of this link: Theme \u201cfoo\u201d is not one of the finder\u2019s values."]);
  finder.showLeftOut(notice, []);
  assert.equal(notice.hidden, true);
});
