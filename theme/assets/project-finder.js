/* Showcase project finder: filters, live counts, sorting and the tile map for /projects/.
 *
 * The page is complete without this script (every card is in the HTML; every facet value has
 * its own page). The filter state lives in the query string, a public contract that other
 * sites link to: theme, borough, icb, cohort (each may repeat) and q; sort is added when not
 * the default (relevance while there are search words, name otherwise). Within a facet values
 * are ORed, across facets ANDed, and all of them with the search words.
 *
 * The search words are matched by assets/finder-search.js (loaded first), over the fields each
 * card carries as data-search-<field> attributes.
 *
 * Material's instant navigation is off in mkdocs.yml, so each page load runs this once.
 */
(function () {
  "use strict";

  var FACETS = ["theme", "borough", "icb", "cohort"];
  var SORTS = ["relevance", "name", "borough", "cohort"];
  var SEARCH_FIELD = "data-search-";
  // After an input the first FIRST matching cards are in place at once: more than a screen
  // shows (the list starts below the filters and the map; 36 fills whole rows of 1 to 4
  // columns). The rest go in BATCH at a time, one batch a frame, so an input at 1,000 projects
  // does not wait for hundreds of cards to be styled and laid out before the screen is right.
  var FIRST = 36;
  var BATCH = 120;

  function words(value) {
    return value ? value.split(" ") : [];
  }

  // Split CSV text into its records, each kept as the exact text it was (quoted fields may
  // hold commas and line breaks).
  function csvRecords(text) {
    var records = [];
    var start = 0;
    var quoted = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === "\n" || (c === "\r" && text[i + 1] === "\n"))) {
        records.push(text.slice(start, i));
        if (c === "\r") i++;
        start = i + 1;
      }
    }
    if (start < text.length) records.push(text.slice(start));
    return records.filter(function (record) { return record.length > 0; });
  }

  // Writes only what changes: an unchanged write can still make the browser restyle.
  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text;
  }

  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) element.setAttribute(name, value);
  }

  // A card's searchable fields, as finder-search.js takes them: {id, name, aim, ...}.
  function searchDocument(item) {
    var document = { id: item.getAttribute("data-slug") };
    Array.prototype.forEach.call(item.attributes, function (attribute) {
      if (attribute.name.indexOf(SEARCH_FIELD) === 0) document[attribute.name.slice(SEARCH_FIELD.length)] = attribute.value;
    });
    return document;
  }

  // The indexes (into ranks) of a longest run of increasing ranks, skipping negative ones:
  // the cards already in the list that can stay where they are.
  function longestIncreasing(ranks) {
    var tails = [];
    var before = [];
    ranks.forEach(function (rank, index) {
      if (rank < 0) return;
      var low = 0;
      var high = tails.length;
      while (low < high) {
        var middle = (low + high) >> 1;
        if (ranks[tails[middle]] < rank) low = middle + 1; else high = middle;
      }
      before[index] = low > 0 ? tails[low - 1] : -1;
      tails[low] = index;
    });
    var kept = [];
    for (var at = tails.length ? tails[tails.length - 1] : -1; at >= 0; at = before[at]) kept.push(at);
    return kept.reverse();
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

    var cards = Array.prototype.slice.call(list.children).map(function (item, index) {
      var values = {};
      FACETS.forEach(function (key) { values[key] = words(item.getAttribute("data-" + key)); });
      return {
        item: item,
        slug: item.getAttribute("data-slug"),
        values: values,
        order: { name: index, borough: item.getAttribute("data-sort-borough"), cohort: item.getAttribute("data-sort-cohort") }
      };
    });
    var finderSearch = window.showcaseFinderSearch(cards.map(function (card) { return searchDocument(card.item); }));
    var lastSearch = { q: null, found: null };
    var suggestionBox = root.querySelector("[data-finder-suggestion]");
    var suggestionLink = root.querySelector("[data-finder-suggest]");
    var relevanceOption = sortSelect.querySelector("option[value=relevance]");
    var state = readState(window.location.search);
    var facets = readFacets();
    var leftOut = admit(state);

    // Each facet's options (value -> label), its tag name and the values with no projects.
    function readFacets() {
      var found = {};
      Array.prototype.forEach.call(form.querySelectorAll("[data-facet]"), function (fieldset) {
        var labels = {};
        var byCase = {};
        Array.prototype.forEach.call(fieldset.querySelectorAll("input[type=checkbox]"), function (box) {
          labels[box.value] = box.nextElementSibling.firstChild.textContent.trim();
          byCase[box.value.toLowerCase()] = box.value;
        });
        found[fieldset.getAttribute("data-facet")] = {
          tag: fieldset.getAttribute("data-tag"), labels: labels, byCase: byCase,
          without: words(fieldset.getAttribute("data-without"))
        };
      });
      return found;
    }

    // A shared link may name a value in another case (?borough=Camden: the camden option) or one
    // no control shows (?theme=foo, or an ICB with no projects). The first is read as the
    // option; the second is left out of the state, so no filter applies that nobody can see or
    // remove. Returns what was left out, with the reason, and whether the address needs rewriting.
    function admit(next) {
      var dropped = [];
      var changed = false;
      FACETS.forEach(function (key) {
        var facet = facets[key];
        var kept = [];
        next[key].forEach(function (value) {
          var option = facet.byCase[value.trim().toLowerCase()];
          if (option === undefined) {
            var empty = facet.without.indexOf(value.trim().toLowerCase()) >= 0;
            dropped.push(facet.tag + " \u201c" + value + "\u201d " + (empty ? "has no projects" : "is not one of the finder\u2019s values"));
          } else if (kept.indexOf(option) < 0) kept.push(option);
          changed = changed || option !== value;
        });
        changed = changed || kept.length !== next[key].length;
        next[key] = kept;
      });
      return { dropped: dropped, changed: changed };
    }

    function showLeftOut(dropped) {
      notice.hidden = dropped.length === 0;
      setText(notice, dropped.length ? "Left out of this link: " + dropped.join("; ") + "." : "");
    }

    // state.sort is the order the visitor chose, or "" for the default (see sortOrder).
    function readState(query) {
      var params = new URLSearchParams(query);
      var next = { q: params.get("q") || "", sort: params.get("sort") || "" };
      FACETS.forEach(function (key) { next[key] = params.getAll(key); });
      if (SORTS.indexOf(next.sort) < 0) next.sort = "";
      return next;
    }

    // The search words' matches ({searched, scores, suggestion}), worked out once per query.
    function matchQuery() {
      if (lastSearch.q !== state.q) lastSearch = { q: state.q, found: finderSearch.match(state.q) };
      return lastSearch.found;
    }

    // The list's order: the one chosen, else by relevance while there are search words and by
    // name otherwise. Relevance without search words is by name.
    function sortOrder(searched) {
      var sort = state.sort || (searched ? "relevance" : "name");
      return sort === "relevance" && !searched ? "name" : sort;
    }

    function queryString() {
      var params = new URLSearchParams();
      FACETS.forEach(function (key) { state[key].forEach(function (value) { params.append(key, value); }); });
      if (state.q.trim()) params.set("q", state.q.trim());
      if (state.sort) params.set("sort", state.sort);
      var text = params.toString();
      return text ? "?" + text : "";
    }

    function remember(push) {
      var url = window.location.pathname + queryString() + window.location.hash;
      if (url === window.location.pathname + window.location.search + window.location.hash) return;
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    }

    function isFiltered() {
      return Boolean(state.q.trim()) || FACETS.some(function (key) { return state[key].length > 0; });
    }

    // One pass over the cards: a card that misses no facet is shown and counts for every
    // option; a card that misses exactly one facet counts for that facet's options only (so
    // an option's count says how many projects choosing it would show). Cards that miss the
    // search words count nowhere.
    function tally(found) {
      var chosen = {};
      FACETS.forEach(function (key) { chosen[key] = state[key].length ? new Set(state[key]) : null; });
      var counts = {};
      FACETS.forEach(function (key) { counts[key] = {}; });
      var shown = [];
      cards.forEach(function (card) {
        if (found.searched && !found.scores.has(card.slug)) return;
        var missed = null;
        var misses = 0;
        for (var i = 0; i < FACETS.length && misses < 2; i++) {
          var key = FACETS[i];
          if (chosen[key] && !card.values[key].some(function (value) { return chosen[key].has(value); })) {
            missed = key;
            misses++;
          }
        }
        if (misses > 1) return;
        if (misses === 0) shown.push(card);
        FACETS.forEach(function (key) {
          if (missed && key !== missed) return;
          card.values[key].forEach(function (value) { counts[key][value] = (counts[key][value] || 0) + 1; });
        });
      });
      return { shown: shown, counts: counts };
    }

    function sortCards(shown, found) {
      var key = sortOrder(found.searched);
      return shown.slice().sort(function (a, b) {
        if (key === "relevance") return found.scores.get(b.slug) - found.scores.get(a.slug) || a.order.name - b.order.name;
        if (key === "name") return a.order.name - b.order.name;
        if (a.order[key] < b.order[key]) return -1;
        if (a.order[key] > b.order[key]) return 1;
        return a.order.name - b.order.name;
      });
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
      var kept = longestIncreasing(ranks);
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
      var result = tally(found);
      var shown = result.shown;
      place(sortCards(shown, found));

      FACETS.forEach(function (key) {
        var counts = result.counts[key];
        boxes.forEach(function (box) {
          if (box.name !== key) return;
          var checked = state[key].indexOf(box.value) >= 0;
          if (box.checked !== checked) box.checked = checked;
          setText(box.nextElementSibling.querySelector("[data-count]"), "(" + (counts[box.value] || 0) + ")");
        });
        if (key === "borough") {
          tiles.forEach(function (tile) {
            var count = counts[tile.getAttribute("data-borough")] || 0;
            setText(tile.querySelector("[data-count]"), String(count));
            setText(tile.lastElementChild, count === 1 ? " project" : " projects");
            setAttribute(tile, "aria-pressed", String(state.borough.indexOf(tile.getAttribute("data-borough")) >= 0));
            tile.classList.toggle("sc-map__tile--empty", count === 0);
          });
        }
      });

      if (document.activeElement !== search && search.value !== state.q) search.value = state.q;
      // "Relevance" is offered only while there are search words to be relevant to.
      if (relevanceOption && relevanceOption.hidden === found.searched) relevanceOption.hidden = relevanceOption.disabled = !found.searched;
      if (sortSelect.value !== sortOrder(found.searched)) sortSelect.value = sortOrder(found.searched);
      showSuggestion(found.suggestion);
      setText(status, "Showing " + shown.length + " of " + cards.length + " project" + (cards.length === 1 ? "" : "s"));
      if (empty.hidden !== shown.length > 0) empty.hidden = shown.length > 0;
      var filtered = isFiltered();
      // Shown only while there is something to clear, as GOV.UK's finders do: a disabled
      // button would be a control a keyboard cannot reach and a screen reader still announces.
      if (formClear.hidden === filtered) formClear.hidden = !filtered;
      var count = FACETS.reduce(function (sum, key) { return sum + state[key].length; }, 0);
      setText(chosen, count ? "(" + count + " chosen)" : "");
      renderTags();
    }

    // A button per chosen value and for the search words, named for what it does: "Remove
    // filter Theme: Access" (the visible words are the end of the name, WCAG 2.5.3).
    var drawnTags = "";
    function renderTags() {
      var wanted = [];
      FACETS.forEach(function (key) {
        state[key].forEach(function (value) {
          wanted.push({ key: key, value: value, text: facets[key].tag + ": " + (facets[key].labels[value] || value) });
        });
      });
      if (state.q.trim()) wanted.push({ key: "q", value: "", text: "Search: " + state.q.trim() });
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
      } else toggle(key, button.getAttribute("data-remove-value"));
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
      var params = new URLSearchParams(queryString());
      params.set("q", suggestion);
      setAttribute(suggestionLink, "href", window.location.pathname + "?" + params.toString());
    }

    // "Download these results (CSV)": the published CSV's header and the rows of the projects
    // shown now, in the order shown, so the file matches the screen and the full export.
    function downloadShown(button) {
      var found = matchQuery();
      var shown = sortCards(tally(found).shown, found).map(function (card) { return card.slug; });
      fetch(button.getAttribute("data-csv-url")).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (text) {
        var rows = csvRecords(text.replace(/^\ufeff/, ""));
        var bySlug = {};
        rows.slice(1).forEach(function (row) { bySlug[row.split(",", 1)[0]] = row; });
        var lines = [rows[0]].concat(shown.map(function (slug) { return bySlug[slug]; }).filter(Boolean));
        var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
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

    function toggle(key, value) {
      var values = state[key];
      var at = values.indexOf(value);
      if (at >= 0) values.splice(at, 1); else values.push(value);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
    tags.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-key]");
      if (button) removeTag(button);
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        toggle(box.name, box.value);
        remember(true);
        render();
      });
    });
    tiles.forEach(function (tile) {
      tile.addEventListener("click", function () {
        toggle("borough", tile.getAttribute("data-borough"));
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
      state.sort = sortSelect.value === (matchQuery().searched ? "relevance" : "name") ? "" : sortSelect.value;
      remember(true);
      render();
    });
    clearButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        FACETS.forEach(function (key) { state[key] = []; });
        state.q = "";
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
      state = readState(window.location.search);
      admit(state);
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
