/* Showcase project finder: filters, live counts, sorting and the tile map for /projects/.
 *
 * The page is complete without this script (every card is in the HTML; every facet value has
 * its own page). The filter state lives in the query string, a public contract that other
 * sites link to: theme, borough, icb, cohort (each may repeat) and q; sort is added when not
 * "name". Within a facet values are ORed, across facets ANDed.
 *
 * Material's instant navigation is off in mkdocs.yml, so each page load runs this once.
 */
(function () {
  "use strict";

  var FACETS = ["theme", "borough", "icb", "cohort"];

  function words(value) {
    return value ? value.split(" ") : [];
  }

  function searchable(text) {
    return text.replace(/\u2019/g, "'").toLowerCase().split(/\s+/).filter(Boolean);
  }

  function start(root) {
    var form = root.querySelector("[data-finder-form]");
    var list = root.querySelector("[data-finder-list]");
    var status = root.querySelector("[data-finder-status]");
    var empty = root.querySelector("[data-finder-empty]");
    var sortSelect = root.querySelector("[data-finder-sort]");
    var search = form.querySelector("input[name=q]");
    var tiles = Array.prototype.slice.call(root.querySelectorAll(".sc-map__tile"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var clearButtons = Array.prototype.slice.call(root.querySelectorAll("[data-finder-clear]"));
    var panel = root.querySelector("[data-finder-panel]");
    var chosen = root.querySelector("[data-finder-chosen]");

    var cards = Array.prototype.slice.call(list.children).map(function (item, index) {
      var values = {};
      FACETS.forEach(function (key) { values[key] = words(item.getAttribute("data-" + key)); });
      return {
        item: item,
        values: values,
        text: item.getAttribute("data-text"),
        order: { name: index, borough: item.getAttribute("data-sort-borough"), cohort: item.getAttribute("data-sort-cohort") }
      };
    });
    var state = readState(window.location.search);

    function readState(query) {
      var params = new URLSearchParams(query);
      var next = { q: params.get("q") || "", sort: params.get("sort") || "name" };
      FACETS.forEach(function (key) { next[key] = params.getAll(key); });
      if (["name", "borough", "cohort"].indexOf(next.sort) < 0) next.sort = "name";
      return next;
    }

    function queryString() {
      var params = new URLSearchParams();
      FACETS.forEach(function (key) { state[key].forEach(function (value) { params.append(key, value); }); });
      if (state.q.trim()) params.set("q", state.q.trim());
      if (state.sort !== "name") params.set("sort", state.sort);
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

    // A card passes when it matches every facet except `ignored` (so that an option's count
    // says how many projects choosing it would show) and every word of the search text.
    function passes(card, terms, ignored) {
      for (var i = 0; i < FACETS.length; i++) {
        var key = FACETS[i];
        if (key === ignored || state[key].length === 0) continue;
        if (!card.values[key].some(function (value) { return state[key].indexOf(value) >= 0; })) return false;
      }
      return terms.every(function (term) { return card.text.indexOf(term) >= 0; });
    }

    function sortCards(shown) {
      var key = state.sort;
      return shown.slice().sort(function (a, b) {
        if (key === "name") return a.order.name - b.order.name;
        if (a.order[key] < b.order[key]) return -1;
        if (a.order[key] > b.order[key]) return 1;
        return a.order.name - b.order.name;
      });
    }

    function render() {
      var terms = searchable(state.q);
      var shown = cards.filter(function (card) { return passes(card, terms, null); });

      // Reorder only when the order changes: moving nodes is what costs time at 1,000 cards.
      var ordered = sortCards(cards);
      var current = Array.prototype.slice.call(list.children);
      if (ordered.some(function (card, index) { return current[index] !== card.item; })) {
        var fragment = document.createDocumentFragment();
        ordered.forEach(function (card) { fragment.appendChild(card.item); });
        list.appendChild(fragment);
      }
      var visible = new Set(shown);
      cards.forEach(function (card) { card.item.hidden = !visible.has(card); });

      FACETS.forEach(function (key) {
        var counts = {};
        cards.forEach(function (card) {
          if (!passes(card, terms, key)) return;
          card.values[key].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        boxes.forEach(function (box) {
          if (box.name !== key) return;
          box.checked = state[key].indexOf(box.value) >= 0;
          box.nextElementSibling.querySelector("[data-count]").textContent = "(" + (counts[box.value] || 0) + ")";
        });
        if (key === "borough") {
          tiles.forEach(function (tile) {
            var count = counts[tile.getAttribute("data-borough")] || 0;
            tile.querySelector("[data-count]").textContent = count;
            tile.lastElementChild.textContent = count === 1 ? " project" : " projects";
            tile.setAttribute("aria-pressed", String(state.borough.indexOf(tile.getAttribute("data-borough")) >= 0));
            tile.classList.toggle("sc-map__tile--empty", count === 0);
          });
        }
      });

      if (document.activeElement !== search) search.value = state.q;
      sortSelect.value = state.sort;
      status.textContent = "Showing " + shown.length + " of " + cards.length + " project" + (cards.length === 1 ? "" : "s");
      empty.hidden = shown.length > 0;
      clearButtons.forEach(function (button) { button.disabled = !isFiltered(); });
      var count = FACETS.reduce(function (sum, key) { return sum + state[key].length; }, 0);
      chosen.textContent = count ? "(" + count + " chosen)" : "";
    }

    function toggle(key, value) {
      var values = state[key];
      var at = values.indexOf(value);
      if (at >= 0) values.splice(at, 1); else values.push(value);
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); });
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
      state.sort = sortSelect.value;
      remember(true);
      render();
    });
    clearButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        FACETS.forEach(function (key) { state[key] = []; });
        state.q = "";
        search.value = "";
        remember(true);
        render();
        // The empty-state button disappears once the list is back: keep focus in the filters.
        search.focus();
      });
    });
    window.addEventListener("popstate", function () {
      state = readState(window.location.search);
      search.value = state.q;
      render();
    });

    Array.prototype.forEach.call(root.querySelectorAll("[hidden][data-finder-form], [hidden][data-finder-enhanced]"), function (element) {
      element.hidden = false;
    });
    // Filters start open on wide screens, where they sit beside the results.
    var wide = window.matchMedia("(min-width: 60em)");
    panel.open = wide.matches;
    render();
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
