/* Showcase project finder: filters, live counts, sorting and the tile map for /projects/.
 *
 * The page is complete without this script (every card is in the HTML; every facet value has
 * its own page). The filter state lives in the query string, a public contract that other
 * sites link to: a key per facet (each may repeat) and q; sort is added when not the default
 * (relevance while there are search words, name otherwise).
 *
 * This script only reads the page, calls the finder's logic and writes the page. The logic
 * (the state and its query string, counts, sorting, what the page shows for a state, the list's
 * steps, the CSV) is assets/finder-logic.js, and its configuration (the facets, sort orders,
 * search fields and the words of a count that rests on inferred facts) the JSON that
 * hooks/showcase/wording/finder.py hands over in the page's [data-finder-config] (and the packs
 * of PDFs a filter can equal, in [data-finder-packs], when the build made them). The search
 * words are matched by assets/finder-search.js, over the fields each card carries as
 * data-search-<field> attributes. All three are loaded first.
 *
 * Material's instant navigation is off in mkdocs.yml, so each page load runs this once. Under
 * Node (tests/js/) the script starts nothing: it exports its functions, which the tests call
 * with stand-ins for the page's elements.
 */
(function (root, build) {
  "use strict";
  var node = typeof module === "object" && module && module.exports;
  var page = build(node ? require("./finder-logic.js") : root.showcaseFinderLogic);
  if (node) module.exports = page;
  else page.init();
})(typeof self !== "undefined" ? self : this, function (logic) {
  "use strict";

  // After an input the first FIRST matching cards are in place at once: more than a screen
  // shows (the list starts below the filters and the map; 36 fills whole rows of 1 to 4
  // columns). The rest go in BATCH at a time, one batch a frame, so an input at 1,000 projects
  // does not wait for hundreds of cards to be styled and laid out before the screen is right.
  var FIRST = 36;
  var BATCH = 120;
  // How long typing must pause before the result is announced and a spelling suggested (ms).
  var PAUSE = 500;

  // -- writing the page: only what changes (an unchanged write can still make the browser restyle)

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function setHidden(element, hidden) {
    if (element.hidden !== hidden) element.hidden = hidden;
  }

  // After an option's count: ", 1 unconfirmed" as the browse list words it, or nothing.
  function setNote(element, note) {
    if (element.textContent === (note ? ", " + note : "")) return;
    if (!note) return element.replaceChildren();
    var words = document.createElement("span");
    words.className = "sc-unconfirmed";
    words.textContent = note;
    element.replaceChildren(", ", words);
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  // -- reading the page

  // The parts of the page the finder reads and writes.
  function partsOf(root, config) {
    var form = root.querySelector("[data-finder-form]");
    var sort = root.querySelector("[data-finder-sort]");
    var pack = root.querySelector("[data-finder-pack]");
    return {
      form: form,
      list: root.querySelector("[data-finder-list]"),
      status: root.querySelector("[data-finder-status]"),
      heading: root.querySelector("#finder-results"),
      empty: root.querySelector("[data-finder-empty]"),
      notice: root.querySelector("[data-finder-notice]"),
      tags: root.querySelector("[data-finder-tags]"),
      chosen: root.querySelector("[data-finder-chosen]"),
      search: form.querySelector("input[name=q]"),
      sort: sort,
      relevance: all(sort, "option").filter(function (option) { return option.value === config.searchSort; })[0],
      boxes: all(form, "input[type=checkbox]"),
      // Only areas with projects are buttons; the other tiles never change.
      tiles: all(root, "button.sc-map__tile"),
      clearButtons: all(root, "[data-finder-clear]"),
      formClear: form.querySelector("[data-finder-clear]"),
      csvButtons: all(root, "[data-finder-csv]"),
      pack: pack,
      packLink: pack && pack.querySelector("a"),
      suggestion: root.querySelector("[data-finder-suggestion]").firstElementChild,
      suggestLink: root.querySelector("[data-finder-suggest]"),
      announce: root.querySelector("[data-finder-announce]")
    };
  }

  function readJson(selector) {
    var element = document.querySelector(selector);
    return element ? JSON.parse(element.textContent) : null;
  }

  // Each facet's filter as drawn: what logic.readFacets reads.
  function drawnFacets(form) {
    return all(form, "[data-facet]").map(function (fieldset) {
      return {
        key: fieldset.getAttribute("data-facet"),
        tag: fieldset.getAttribute("data-tag"),
        without: fieldset.getAttribute("data-without"),
        options: all(fieldset, "input[type=checkbox]").map(function (box) {
          return { value: box.value, label: box.nextElementSibling.firstChild.textContent.trim() };
        })
      };
    });
  }

  // The cards as the logic sees them, each with its list item, and their search documents.
  function readCards(list, config) {
    var documents = [];
    var cards = Array.prototype.slice.call(list.children).map(function (item, index) {
      var attribute = item.getAttribute.bind(item);
      var card = logic.readCard(attribute, index, config);
      card.item = item;
      documents.push(logic.searchDocument(attribute, config));
      return card;
    });
    return { cards: cards, documents: documents };
  }

  // -- the list

  // The list holds only the matching cards, in order: cards that do not match are taken out
  // of the page rather than hidden, so the browser lays out only what is shown. Every card
  // added to or taken out of the list costs the browser work (tens of microseconds each on a
  // slow machine), so an update touches as few as it can: the longest run of cards already in
  // the right order stays put, and an input that changes nothing touches nothing. The others
  // are taken out at once, so the list never shows a card that does not match or one out of
  // order. The missing cards then go in: up to FIRST at once, the rest a batch a frame, with
  // aria-busy on the list until it is complete. A new input takes over from a fill under way.
  function listFiller(list) {
    var filling = { frame: 0, timer: 0, ordered: [], next: 0 };

    function isIn(card) {
      return card.item.parentNode === list;
    }

    function stop() {
      cancelAnimationFrame(filling.frame);
      clearTimeout(filling.timer);
      filling.frame = filling.timer = 0;
    }

    // Put the next cards in place, at most `limit` (never stopping before index `upTo`); true
    // when the list is complete.
    function fill(limit, upTo) {
      var step = logic.fillStep(filling.ordered, filling.next, isIn, limit, upTo);
      step.inserts.forEach(function (insert) {
        list.insertBefore(insert.item.item, insert.after ? insert.after.item.nextSibling : list.firstChild);
      });
      filling.next = step.next;
      return step.done;
    }

    function fillLater() {
      filling.frame = requestAnimationFrame(function () {
        // After this frame is drawn: one batch, then wait for the next frame.
        filling.timer = setTimeout(function () {
          filling.timer = 0;
          if (fill(BATCH, 0)) list.removeAttribute("aria-busy"); else fillLater();
        }, 0);
      });
    }

    function place(ordered) {
      stop();
      var current = Array.prototype.slice.call(list.children);
      var keep = logic.keptInPlace(current, ordered.map(function (card) { return card.item; }));
      for (var i = current.length - 1; i >= 0 && keep.size < current.length; i--) {
        if (!keep.has(current[i])) list.removeChild(current[i]);
      }
      filling.ordered = ordered;
      filling.next = 0;
      if (fill(0, FIRST)) list.removeAttribute("aria-busy");
      else {
        list.setAttribute("aria-busy", "true");
        fillLater();
      }
    }

    // A printout shows the whole list, even in the moment it is still filling.
    function finish() {
      stop();
      fill(Infinity, 0);
      list.removeAttribute("aria-busy");
    }

    return { place: place, finish: finish };
  }

  // -- the rest of the page, as logic.view says

  function writeOptions(parts, options) {
    parts.boxes.forEach(function (box) {
      var option = options[box.name][box.value];
      if (box.checked !== option.checked) box.checked = option.checked;
      setText(box.nextElementSibling.querySelector("[data-count]"), String(option.count));
      setNote(box.nextElementSibling.querySelector("[data-count-note]"), option.note);
    });
  }

  // A tile is its area's option of the map's facet.
  function writeTiles(parts, options, key) {
    parts.tiles.forEach(function (tile) {
      var option = options[key][tile.getAttribute("data-" + key)] || { checked: false, count: 0 };
      setText(tile.querySelector("[data-count]"), String(option.count));
      setText(tile.lastElementChild, logic.projectsWord(option.count));
      setAttribute(tile, "aria-pressed", String(option.checked));
      tile.classList.toggle("sc-map__tile--empty", option.count === 0);
    });
  }

  function writeControls(parts, shown, q) {
    if (document.activeElement !== parts.search && parts.search.value !== q) parts.search.value = q;
    // "Relevance" is offered only while there are search words to be relevant to.
    if (parts.relevance && parts.relevance.hidden === shown.searched) parts.relevance.hidden = parts.relevance.disabled = !shown.searched;
    if (parts.sort.value !== shown.sort) parts.sort.value = shown.sort;
    setText(parts.status, shown.status);
    setHidden(parts.empty, !shown.empty);
    // Shown only while there is something to clear, as GOV.UK's finders do: a disabled
    // button would be a control a keyboard cannot reach and a screen reader still announces.
    setHidden(parts.formClear, !shown.filtered);
    setText(parts.chosen, shown.chosen);
  }

  // "Did you mean ...?" when the search words match nothing and a nearby spelling would: a link
  // to these filters with that spelling (it works in a new tab too), applied in place on a click.
  function writeSuggestion(parts, suggestion, href) {
    setHidden(parts.suggestion, !suggestion);
    if (!suggestion) return;
    setText(parts.suggestLink, suggestion);
    // Its own name: the page has other links named after the places a suggestion may be.
    setAttribute(parts.suggestLink, "aria-label", "Search for " + suggestion);
    setAttribute(parts.suggestLink, "href", href);
  }

  // Beside the CSV: the pack of PDFs of exactly these projects, when the filters are one
  // theme, area, group or cohort and nothing else.
  function writePack(parts, pack) {
    if (!parts.pack) return;
    if (pack) {
      setAttribute(parts.packLink, "href", pack.url);
      setText(parts.packLink, pack.text);
    }
    setHidden(parts.pack, !pack);
  }

  // A button per chosen value and for the search words, named for what it does: "Remove
  // filter Theme: Access" (the visible words are the end of the name, WCAG 2.5.3). Drawn again
  // only when they change.
  function writeTags(parts, tags) {
    var signature = JSON.stringify(tags);
    if (signature === parts.drawnTags) return;
    parts.drawnTags = signature;
    parts.tags.replaceChildren.apply(parts.tags, tags.map(tagButton));
  }

  function tagButton(tag) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sc-finder__tag";
    button.setAttribute("data-remove-key", tag.key);
    button.setAttribute("data-remove-value", tag.value);
    var hidden = document.createElement("span");
    hidden.className = "sc-visually-hidden";
    hidden.textContent = "Remove filter ";
    var cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "\u00d7";
    button.append(hidden, tag.text, cross);
    return button;
  }

  function showLeftOut(notice, dropped) {
    setHidden(notice, dropped.length === 0);
    setText(notice, logic.leftOutText(dropped));
  }

  // "Download these results (CSV)": the published CSV's header and the rows of the projects
  // shown now, in the order shown, so the file matches the screen and the full export. The
  // offline copy puts the CSV's text on the button (data-csv-text, hooks/showcase/web/offline.py),
  // as a page opened from disk may not fetch; a failure is said beside the button that failed.
  function download(button, slugs, fileName) {
    var error = button.parentNode.querySelector("[data-finder-csv-error]");
    if (!error) {
      error = document.createElement("span");
      error.setAttribute("data-finder-csv-error", "");
      error.setAttribute("role", "alert");
      button.parentNode.appendChild(error);
    }
    setText(error, "");
    var inPage = button.getAttribute("data-csv-text");
    var csvText = inPage !== null ? Promise.resolve(inPage) : fetch(button.getAttribute("data-csv-url")).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    });
    csvText.then(function (text) {
      var blob = new Blob([logic.csvOfShown(text, slugs)], { type: "text/csv;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileName;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }).catch(function () {
      setText(error, " The download could not be made. Try the full CSV file below.");
    });
  }

  // -- the finder: its state, and the page's events

  // The search words' matches ({searched, scores, suggestion}), worked out once per query.
  function matchQuery(finder) {
    if (finder.lastSearch.q !== finder.state.q) finder.lastSearch = { q: finder.state.q, found: finder.search.match(finder.state.q) };
    return finder.lastSearch.found;
  }

  function shownNow(finder) {
    return logic.view(finder.cards, finder.state, matchQuery(finder), finder.facets, finder.packs, finder.config);
  }

  function remember(finder, push) {
    var here = window.location;
    var url = here.pathname + logic.queryString(finder.state, finder.config) + here.hash;
    if (url === here.pathname + here.search + here.hash) return;
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }

  // While a word is being typed the list follows at once, but the suggestion, the live region
  // and the page's title wait until typing pauses (settle), so a screen reader hears the
  // result once, and no suggestion is made for half a word.
  function render(finder) {
    var parts = finder.parts;
    var shown = shownNow(finder);
    var suggestion = finder.typing ? null : shown.suggestion;
    finder.filler.place(shown.ordered);
    writeOptions(parts, shown.options);
    writeTiles(parts, shown.options, finder.config.mapFacet);
    writeControls(parts, shown, finder.state.q);
    writeSuggestion(parts, suggestion, suggestion && window.location.pathname + logic.suggestedQuery(finder.state, finder.config, suggestion));
    writePack(parts, shown.pack);
    writeTags(parts, shown.tags);
    if (finder.typing) return;
    document.title = logic.pageTitle(finder.title, finder.state.q, shown.ordered.length);
    if (finder.started) setText(parts.announce, logic.announcement(shown.status, suggestion));
  }

  function settle(finder) {
    clearTimeout(finder.pause);
    finder.typing = false;
    render(finder);
  }

  // A change of the state: into the address (a step Back returns to, when `push`) and onto the page.
  function update(finder, push) {
    remember(finder, push);
    render(finder);
  }

  function removeTag(finder, button) {
    var parts = finder.parts;
    var at = Array.prototype.indexOf.call(parts.tags.children, button);
    logic.removeTag(finder.state, button.getAttribute("data-remove-key"), button.getAttribute("data-remove-value"));
    parts.search.value = finder.state.q;
    update(finder, true);
    // Focus stays among the tags (the one now in the removed one's place, or the one before);
    // with none left, on the results' heading.
    var next = logic.focusAfterRemoval(at, parts.tags.children.length);
    (next >= 0 ? parts.tags.children[next] : parts.heading).focus();
  }

  // Clear and "Did you mean": new search words, with focus kept in the search box. Focus first,
  // so that scrolling to the box lays out the page as it was, not the new list (the empty
  // state's button and the suggestion disappear once the list is back).
  function searchAnew(finder, q) {
    finder.state.q = finder.parts.search.value = q;
    remember(finder, true);
    finder.parts.search.focus();
    render(finder);
  }

  function listen(finder) {
    var parts = finder.parts;
    var state = function () { return finder.state; };
    var config = finder.config;
    parts.form.addEventListener("submit", function (event) { event.preventDefault(); });
    parts.tags.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-key]");
      if (button) removeTag(finder, button);
    });
    parts.boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        logic.toggle(state().chosen[box.name], box.value);
        update(finder, true);
      });
    });
    parts.tiles.forEach(function (tile) {
      tile.addEventListener("click", function () {
        logic.toggle(state().chosen[config.mapFacet], tile.getAttribute("data-" + config.mapFacet));
        update(finder, true);
      });
    });
    // Typing updates the list at once but only replaces the history entry; leaving the box
    // (or pressing Enter) makes it a step that Back returns to.
    parts.search.addEventListener("input", function () {
      state().q = parts.search.value;
      finder.typing = true;
      update(finder, false);
      clearTimeout(finder.pause);
      finder.pause = setTimeout(function () { settle(finder); }, PAUSE);
    });
    parts.search.addEventListener("change", function () {
      remember(finder, true);
      if (finder.typing) settle(finder);
    });
    parts.sort.addEventListener("change", function () {
      // The default order (relevance with search words, name without) puts no sort in the address.
      state().sort = logic.chosenSort(parts.sort.value, matchQuery(finder).searched, config);
      update(finder, true);
    });
    parts.clearButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        logic.clear(state(), config);
        searchAnew(finder, "");
      });
    });
    parts.suggestLink.addEventListener("click", function (event) {
      event.preventDefault();
      searchAnew(finder, parts.suggestLink.textContent);
    });
    parts.csvButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        var slugs = shownNow(finder).ordered.map(function (card) { return card.slug; });
        download(button, slugs, logic.csvFileName(state(), config));
      });
    });
    window.addEventListener("beforeprint", finder.filler.finish);
    window.addEventListener("popstate", function () {
      finder.state = logic.restore(window.location.search, finder.facets, config);
      parts.search.value = finder.state.q;
      render(finder);
    });
  }

  function start(root) {
    var config = logic.readConfig(document.querySelector("[data-finder-config]").textContent);
    var parts = partsOf(root, config);
    var read = readCards(parts.list, config);
    var finder = {
      config: config,
      parts: parts,
      facets: logic.readFacets(drawnFacets(parts.form)),
      cards: read.cards,
      search: window.showcaseFinderSearch(read.documents, config.searchFields),
      lastSearch: { q: null, found: null },
      packs: readJson("[data-finder-packs]"),
      state: logic.readState(window.location.search, config),
      filler: listFiller(parts.list),
      title: document.title,
      typing: false,
      pause: 0,
      started: false
    };
    var leftOut = logic.admit(finder.state, finder.facets, config);
    listen(finder);
    // The controls are already shown and the filters open on wide screens (the page's head and
    // its inline script did it before the first paint). A link's unknown values leave the address.
    render(finder);
    finder.started = true;
    showLeftOut(parts.notice, leftOut.dropped);
    if (leftOut.changed) remember(finder, false);
  }

  function startOnce() {
    var root = document.querySelector("[data-project-finder]");
    if (root && !root.hasAttribute("data-finder-ready")) {
      root.setAttribute("data-finder-ready", "");
      start(root);
    }
  }

  function init() {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startOnce);
    else startOnce();
  }

  return {
    FIRST: FIRST,
    BATCH: BATCH,
    init: init,
    setText: setText,
    setAttribute: setAttribute,
    setHidden: setHidden,
    setNote: setNote,
    drawnFacets: drawnFacets,
    readCards: readCards,
    listFiller: listFiller,
    writeOptions: writeOptions,
    writeTiles: writeTiles,
    writeControls: writeControls,
    writeSuggestion: writeSuggestion,
    writePack: writePack,
    writeTags: writeTags,
    showLeftOut: showLeftOut
  };
});
