/* Showcase project finder: filters, live counts, sorting and the tile map for /projects/.
 *
 * The page is complete without this script (every card is in the HTML; every facet value has
 * its own page). The filter state lives in the query string, a public contract that other
 * sites link to: theme, borough, icb, cohort (each may repeat) and q; sort is added when not
 * the default (relevance while there are search words, name otherwise).
 *
 * This script only reads the page, calls the finder's logic and writes the page. The logic
 * (the state and its query string, counts, sorting, the CSV) is assets/finder-logic.js, and
 * its configuration (the facets, sort orders and search fields) the JSON that
 * hooks/showcase/wording/finder.py hands over in the page's [data-finder-config] (and the packs of PDFs
 * a filter can equal, in [data-finder-packs], when the build made them). The search words are
 * matched by assets/finder-search.js, over the fields each card carries as data-search-<field>
 * attributes. All three are loaded first.
 *
 * Material's instant navigation is off in mkdocs.yml, so each page load runs this once.
 */
(function () {
  "use strict";

  var logic = window.showcaseFinderLogic;
  // After an input the first FIRST matching cards are in place at once: more than a screen
  // shows (the list starts below the filters and the map; 36 fills whole rows of 1 to 4
  // columns). The rest go in BATCH at a time, one batch a frame, so an input at 1,000 projects
  // does not wait for hundreds of cards to be styled and laid out before the screen is right.
  var FIRST = 36;
  var BATCH = 120;

  // Writes only what changes: an unchanged write can still make the browser restyle.
  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  function start(root) {
    var form = root.querySelector("[data-finder-form]");
    var list = root.querySelector("[data-finder-list]");
    var status = root.querySelector("[data-finder-status]");
    var empty = root.querySelector("[data-finder-empty]");
    var sortSelect = root.querySelector("[data-finder-sort]");
    var search = form.querySelector("input[name=q]");
    // Only areas with projects are buttons; the other tiles never change.
    var tiles = Array.prototype.slice.call(root.querySelectorAll("button.sc-map__tile"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var clearButtons = Array.prototype.slice.call(root.querySelectorAll("[data-finder-clear]"));
    var formClear = form.querySelector("[data-finder-clear]");
    var chosen = root.querySelector("[data-finder-chosen]");
    var tags = root.querySelector("[data-finder-tags]");
    var notice = root.querySelector("[data-finder-notice]");
    var heading = root.querySelector("#finder-results");

    var config = logic.readConfig(document.querySelector("[data-finder-config]").textContent);
    var packsData = document.querySelector("[data-finder-packs]");
    var packs = packsData ? JSON.parse(packsData.textContent) : null;
    var packBox = root.querySelector("[data-finder-pack]");
    var packLink = packBox && packBox.querySelector("a");
    var documents = [];
    var cards = Array.prototype.slice.call(list.children).map(function (item, index) {
      var attribute = item.getAttribute.bind(item);
      var card = logic.readCard(attribute, index, config);
      card.item = item;
      documents.push(logic.searchDocument(attribute, config));
      return card;
    });
    var finderSearch = window.showcaseFinderSearch(documents, config.searchFields);
    var lastSearch = { q: null, found: null };
    var suggestionBox = root.querySelector("[data-finder-suggestion]");
    var suggestionLink = root.querySelector("[data-finder-suggest]");
    var relevanceOption = Array.prototype.find.call(sortSelect.options, function (option) { return option.value === config.searchSort; });
    var state = logic.readState(window.location.search, config);
    var facets = readFacets();
    var leftOut = logic.admit(state, facets, config);

    // Each facet's options (their values, and value -> label), its tag name and the values with
    // no projects.
    function readFacets() {
      var found = {};
      Array.prototype.forEach.call(form.querySelectorAll("[data-facet]"), function (fieldset) {
        var values = [];
        var labels = {};
        Array.prototype.forEach.call(fieldset.querySelectorAll("input[type=checkbox]"), function (box) {
          values.push(box.value);
          labels[box.value] = box.nextElementSibling.firstChild.textContent.trim();
        });
        var without = fieldset.getAttribute("data-without");
        found[fieldset.getAttribute("data-facet")] = {
          tag: fieldset.getAttribute("data-tag"), values: values, labels: labels, without: without ? without.split(" ") : []
        };
      });
      return found;
    }

    function showLeftOut(dropped) {
      notice.hidden = dropped.length === 0;
      setText(notice, logic.leftOutText(dropped));
    }

    // The search words' matches ({searched, scores, suggestion}), worked out once per query.
    function matchQuery() {
      if (lastSearch.q !== state.q) lastSearch = { q: state.q, found: finderSearch.match(state.q) };
      return lastSearch.found;
    }

    function sortOrder(searched) {
      return logic.sortOrder(state, searched, config);
    }

    function queryString() {
      return logic.queryString(state, config);
    }

    function remember(push) {
      var url = window.location.pathname + queryString() + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }

    // The cards shown now, in the order shown.
    function shownInOrder(found, shown) {
      return logic.sortCards(shown, sortOrder(found.searched), found.scores, config);
    }

    // The list holds only the matching cards, in order: cards that do not match are taken out
    // of the page rather than hidden, so the browser lays out only what is shown. Every card
    // added to or taken out of the list costs the browser work (tens of microseconds each on a
    // slow machine), so an update touches as few as it can: the longest run of cards already in
    // the right order stays put, and an input that changes nothing touches nothing. The others
    // are taken out at once, so the list never shows a card that does not match or one out of
    // order. The missing cards then go in: up to FIRST at once, the rest a batch a frame, with
    // aria-busy on the list until it is complete. A new input takes over from a fill under way.
    var filling = { frame: 0, timer: 0, ordered: [], next: 0 };

    function stopFilling() {
      cancelAnimationFrame(filling.frame);
      clearTimeout(filling.timer);
      filling.frame = filling.timer = 0;
    }

    // Put ordered[filling.next...] in place, adding at most `limit` cards (and never stopping
    // before index `upTo`); true when the list is complete.
    function fill(limit, upTo) {
      var ordered = filling.ordered;
      var added = 0;
      var previous = filling.next > 0 ? ordered[filling.next - 1].item : null;
      for (; filling.next < ordered.length; filling.next++) {
        var item = ordered[filling.next].item;
        if (item.parentNode !== list) {
          if (added >= limit && filling.next >= upTo) break;
          list.insertBefore(item, previous ? previous.nextSibling : list.firstChild);
          added++;
        }
        previous = item;
      }
      return filling.next >= ordered.length;
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

    function finishFilling() {
      stopFilling();
      fill(Infinity, 0);
      list.removeAttribute("aria-busy");
    }

    function place(ordered) {
      stopFilling();
      var rank = new Map();
      ordered.forEach(function (card, index) { rank.set(card.item, index); });
      var current = Array.prototype.slice.call(list.children);
      var ranks = current.map(function (item) { return rank.has(item) ? rank.get(item) : -1; });
      var kept = logic.longestIncreasing(ranks);
      if (kept.length < current.length) {
        var keep = new Set(kept.map(function (index) { return current[index]; }));
        for (var i = current.length - 1; i >= 0; i--) if (!keep.has(current[i])) list.removeChild(current[i]);
      }
      filling.ordered = ordered;
      filling.next = 0;
      if (fill(0, FIRST)) list.removeAttribute("aria-busy");
      else {
        list.setAttribute("aria-busy", "true");
        fillLater();
      }
    }

    function render() {
      var found = matchQuery();
      var result = logic.tally(cards, state, found, config);
      var shown = result.shown;
      place(shownInOrder(found, shown));

      config.facets.forEach(function (key) {
        var counts = result.counts[key];
        boxes.forEach(function (box) {
          if (box.name !== key) return;
          var checked = state.chosen[key].indexOf(box.value) >= 0;
          if (box.checked !== checked) box.checked = checked;
          setText(box.nextElementSibling.querySelector("[data-count]"), "(" + (counts[box.value] || 0) + ")");
        });
        if (key === config.mapFacet) {
          tiles.forEach(function (tile) {
            var count = counts[tile.getAttribute("data-" + key)] || 0;
            setText(tile.querySelector("[data-count]"), String(count));
            setText(tile.lastElementChild, count === 1 ? " project" : " projects");
            setAttribute(tile, "aria-pressed", String(state.chosen[key].indexOf(tile.getAttribute("data-" + key)) >= 0));
            tile.classList.toggle("sc-map__tile--empty", count === 0);
          });
        }
      });

      if (document.activeElement !== search && search.value !== state.q) search.value = state.q;
      // "Relevance" is offered only while there are search words to be relevant to.
      if (relevanceOption && relevanceOption.hidden === found.searched) relevanceOption.hidden = relevanceOption.disabled = !found.searched;
      if (sortSelect.value !== sortOrder(found.searched)) sortSelect.value = sortOrder(found.searched);
      showSuggestion(found.suggestion);
      setText(status, logic.statusText(shown.length, cards.length));
      if (empty.hidden !== shown.length > 0) empty.hidden = shown.length > 0;
      var filtered = logic.isFiltered(state, config);
      // Shown only while there is something to clear, as GOV.UK's finders do: a disabled
      // button would be a control a keyboard cannot reach and a screen reader still announces.
      if (formClear.hidden === filtered) formClear.hidden = !filtered;
      var count = logic.chosenCount(state, config);
      setText(chosen, count ? "(" + count + " chosen)" : "");
      renderPack();
      renderTags();
    }

    // Beside the CSV: the pack of PDFs of exactly these projects, when the filters are one
    // theme, area, ICB or cohort and nothing else.
    function renderPack() {
      if (!packBox) return;
      var pack = logic.packOf(state, packs, config);
      if (pack) {
        setAttribute(packLink, "href", pack.url);
        setText(packLink, pack.text);
      }
      if (packBox.hidden === Boolean(pack)) packBox.hidden = !pack;
    }

    // A button per chosen value and for the search words, named for what it does: "Remove
    // filter Theme: Access" (the visible words are the end of the name, WCAG 2.5.3).
    var drawnTags = "";
    function renderTags() {
      var wanted = logic.tags(state, facets, config);
      var signature = JSON.stringify(wanted);
      if (signature === drawnTags) return;
      drawnTags = signature;
      var fragment = document.createDocumentFragment();
      wanted.forEach(function (tag) {
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
        fragment.appendChild(button);
      });
      tags.replaceChildren(fragment);
    }

    function removeTag(button) {
      var key = button.getAttribute("data-remove-key");
      var siblings = Array.prototype.slice.call(tags.children);
      var at = siblings.indexOf(button);
      if (key === "q") {
        state.q = "";
        search.value = "";
      } else logic.toggle(state.chosen[key], button.getAttribute("data-remove-value"));
      remember(true);
      render();
      // Focus stays among the tags (the one now in the removed one's place, or the one before);
      // with none left, on the results' heading.
      var next = tags.children[Math.min(at, tags.children.length - 1)];
      (next || heading).focus();
    }

    // "Did you mean ...?" when the search words match nothing and a nearby spelling would: a link
    // to these filters with that spelling (it works in a new tab too), applied in place on a click.
    function showSuggestion(suggestion) {
      var paragraph = suggestionBox.firstElementChild;
      if (paragraph.hidden !== !suggestion) paragraph.hidden = !suggestion;
      if (!suggestion) return;
      setText(suggestionLink, suggestion);
      // Its own name: the page has other links named after the places a suggestion may be.
      setAttribute(suggestionLink, "aria-label", "Search for " + suggestion);
      setAttribute(suggestionLink, "href", window.location.pathname + logic.suggestedQuery(state, config, suggestion));
    }

    // "Download these results (CSV)": the published CSV's header and the rows of the projects
    // shown now, in the order shown, so the file matches the screen and the full export.
    function downloadShown(button) {
      var found = matchQuery();
      var shown = shownInOrder(found, logic.tally(cards, state, found, config).shown).map(function (card) { return card.slug; });
      fetch(button.getAttribute("data-csv-url")).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (text) {
        var blob = new Blob([logic.csvOfShown(text, shown)], { type: "text/csv;charset=utf-8" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "projects-" + (queryString() ? "filtered" : "all") + ".csv";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      }).catch(function () {
        setText(status, "The download could not be made. Try the full CSV file below.");
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    tags.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-key]");
      if (button) removeTag(button);
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        logic.toggle(state.chosen[box.name], box.value);
        remember(true);
        render();
      });
    });
    tiles.forEach(function (tile) {
      tile.addEventListener("click", function () {
        logic.toggle(state.chosen[config.mapFacet], tile.getAttribute("data-" + config.mapFacet));
        remember(true);
        render();
      });
    });
    // Typing updates the list at once but only replaces the history entry; leaving the box
    // (or pressing Enter) makes it a step that Back returns to.
    search.addEventListener("input", function () {
      state.q = search.value;
      remember(false);
      render();
    });
    search.addEventListener("change", function () { remember(true); });
    sortSelect.addEventListener("change", function () {
      // The default order (relevance with search words, name without) puts no sort in the address.
      state.sort = logic.chosenSort(sortSelect.value, matchQuery().searched, config);
      remember(true);
      render();
    });
    clearButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        logic.clear(state, config);
        search.value = "";
        remember(true);
        // The empty-state button disappears once the list is back: keep focus in the filters.
        // Focus first, so that scrolling to the box lays out the page as it was, not the new list.
        search.focus();
        render();
      });
    });
    suggestionLink.addEventListener("click", function (event) {
      event.preventDefault();
      state.q = search.value = suggestionLink.textContent;
      remember(true);
      // The link goes once the list is back: keep focus in the search box, as Clear does.
      search.focus();
      render();
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-finder-csv]"), function (button) {
      button.addEventListener("click", function () { downloadShown(button); });
    });
    // A printout shows the whole list, even in the moment it is still filling.
    window.addEventListener("beforeprint", finishFilling);
    window.addEventListener("popstate", function () {
      state = logic.readState(window.location.search, config);
      logic.admit(state, facets, config);
      search.value = state.q;
      render();
    });

    // The controls are already shown and the filters open on wide screens (the page's head and
    // its inline script did it before the first paint). A link's unknown values leave the address.
    render();
    showLeftOut(leftOut.dropped);
    if (leftOut.changed) remember(false);
  }

  function init() {
    var root = document.querySelector("[data-project-finder]");
    if (root && !root.hasAttribute("data-finder-ready")) {
      root.setAttribute("data-finder-ready", "");
      start(root);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
