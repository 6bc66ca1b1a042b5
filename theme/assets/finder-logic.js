/* Showcase project finder: its logic, apart from the page (assets/project-finder.js reads the
 * page, calls these and writes the page). Plain functions of plain values, so that Node's test
 * runner can call them (tests/js/); loaded before project-finder.js as window.showcaseFinderLogic,
 * and under Node as the module's exports.
 *
 * The configuration comes from hooks/showcase/wording/finder.py (ProjectFinder.script_config, rendered
 * as JSON by theme/showcase/projects.html): {facets, mapFacet, sorts, defaultSort, searchSort,
 * searchFields, countNotes}. facets are the query-string keys of the filters, in order, each also
 * a card's data-<key> (its values, space-separated; data-unconfirmed lists the facets whose values
 * the card has by the editors' inference); mapFacet the one whose values the map's tiles are
 * (data-<mapFacet> on a tile); sorts the orders the finder offers: defaultSort is the page's
 * own order (by name), searchSort is by relevance to the search words, and any other order is
 * by the card's data-sort-<order>, then by name; searchFields the card's data-search-<field>;
 * countNotes the words of a count that rests on inferred facts (hooks/showcase/wording/tally.py's).
 *
 * What the page shows for a state is worked out here as plain values (view), and the list's
 * changes as plain steps (keptInPlace, fillStep): project-finder.js only writes them.
 *
 * The filter state: {q: the search words as typed, sort: the order chosen or "" for the
 * default, chosen: {facet key: [values]}}. Within a facet values are ORed, across facets ANDed,
 * and all of them with the search words.
 */
(function (root, build) {
  "use strict";
  var logic = build();
  if (typeof module === "object" && module && module.exports) module.exports = logic;
  else root.showcaseFinderLogic = logic;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var CONFIG_FIELDS = ["facets", "mapFacet", "sorts", "defaultSort", "searchSort", "searchFields", "countNotes"];

  function words(value) {
    return value ? value.split(" ") : [];
  }

  // The configuration as handed over by the page, refused whole if a part is missing, so a
  // change on the Python side shows at once rather than as a finder that filters nothing.
  function readConfig(text) {
    var config = JSON.parse(text);
    CONFIG_FIELDS.forEach(function (field) {
      if (config[field] === undefined) throw new Error("The finder's configuration has no " + field + ".");
    });
    return config;
  }

  // A card as the logic sees it: {slug, values: {facet key: [values]}, unconfirmed: [facet keys
  // whose values are inferred], order: {sort: key}}, from `attribute` (a card's attribute by name,
  // null when absent) and its place in the page.
  function readCard(attribute, index, config) {
    var values = {};
    config.facets.forEach(function (key) { values[key] = words(attribute("data-" + key)); });
    var order = {};
    config.sorts.forEach(function (sort) {
      if (sort !== config.defaultSort && sort !== config.searchSort) order[sort] = attribute("data-sort-" + sort);
    });
    order[config.defaultSort] = index;
    return { slug: attribute("data-slug"), values: values, unconfirmed: words(attribute("data-unconfirmed")), order: order };
  }

  // The filters as the page draws them, from each facet's {key, tag, without (values with no
  // projects, space-separated), options: [{value, label}]}: {key: {tag, values, labels, without}},
  // as admit and tags take them.
  function readFacets(drawn) {
    var facets = {};
    drawn.forEach(function (facet) {
      var labels = {};
      facet.options.forEach(function (option) { labels[option.value] = option.label; });
      facets[facet.key] = {
        tag: facet.tag,
        values: facet.options.map(function (option) { return option.value; }),
        labels: labels,
        without: words(facet.without)
      };
    });
    return facets;
  }

  // A card's searchable fields, as finder-search.js takes them: {id, name, aim, ...}; fields the
  // card leaves out (empty ones) are left out.
  function searchDocument(attribute, config) {
    var document = { id: attribute("data-slug") };
    config.searchFields.forEach(function (field) {
      var text = attribute("data-search-" + field);
      if (text !== null && text !== undefined) document[field] = text;
    });
    return document;
  }

  // The state a query string asks for. An order the finder does not offer is the default.
  function readState(query, config) {
    var params = new URLSearchParams(query);
    var state = { q: params.get("q") || "", sort: params.get("sort") || "", chosen: {} };
    config.facets.forEach(function (key) { state.chosen[key] = params.getAll(key); });
    if (config.sorts.indexOf(state.sort) < 0) state.sort = "";
    return state;
  }

  // A shared link may name a value in another case (?theme=Access: the access option) or one
  // no control shows (?theme=foo, or a group with no projects). The first is read as the option;
  // the second is left out of the state, so no filter applies that nobody can see or remove.
  // `facets` is {key: {tag, values: [the options' values], without: [values with no projects]}}.
  // Changes state.chosen in place; returns what was left out ({key, value, reason, text}, reason
  // "no projects" or "unknown") and whether the address needs rewriting.
  function admit(state, facets, config) {
    var dropped = [];
    var changed = false;
    config.facets.forEach(function (key) {
      var facet = facets[key];
      var byCase = {};
      facet.values.forEach(function (value) { byCase[value.toLowerCase()] = value; });
      var asked = state.chosen[key];
      var kept = [];
      asked.forEach(function (value) {
        var folded = value.trim().toLowerCase();
        var option = Object.prototype.hasOwnProperty.call(byCase, folded) ? byCase[folded] : undefined;
        if (option === undefined) {
          var empty = facet.without.indexOf(folded) >= 0;
          dropped.push({
            key: key, value: value, reason: empty ? "no projects" : "unknown",
            text: facet.tag + " \u201c" + value + "\u201d " + (empty ? "has no projects" : "is not one of the finder\u2019s values")
          });
        } else if (kept.indexOf(option) < 0) kept.push(option);
        changed = changed || option !== value;
      });
      changed = changed || kept.length !== asked.length;
      state.chosen[key] = kept;
    });
    return { dropped: dropped, changed: changed };
  }

  // The state a query string asks for, with what the finder cannot show left out: on a visit
  // (Back or Forward) after the first.
  function restore(query, facets, config) {
    var state = readState(query, config);
    admit(state, facets, config);
    return state;
  }

  // The notice above the results: "" when nothing was left out.
  function leftOutText(dropped) {
    return dropped.length ? "Left out of this link: " + dropped.map(function (item) { return item.text; }).join("; ") + "." : "";
  }

  // The state as a query string ("?..." or "" for none): facets in order, then q, then sort.
  function queryString(state, config) {
    var params = new URLSearchParams();
    config.facets.forEach(function (key) { state.chosen[key].forEach(function (value) { params.append(key, value); }); });
    if (state.q.trim()) params.set("q", state.q.trim());
    if (state.sort) params.set("sort", state.sort);
    var text = params.toString();
    return text ? "?" + text : "";
  }

  // The query string of these filters with other search words: a "Did you mean" link.
  function suggestedQuery(state, config, suggestion) {
    var params = new URLSearchParams(queryString(state, config));
    params.set("q", suggestion);
    return "?" + params.toString();
  }

  function chosenCount(state, config) {
    return config.facets.reduce(function (sum, key) { return sum + state.chosen[key].length; }, 0);
  }

  function isFiltered(state, config) {
    return Boolean(state.q.trim()) || chosenCount(state, config) > 0;
  }

  // The pack of PDFs whose projects the filters show, when they are one theme, area, group or
  // cohort and nothing else (no search words): {url, text} from `packs`, the page's
  // [data-finder-packs] ({facet key: {value: {url, text}}}, hooks/showcase/wording/finder.py's
  // selection_packs); null otherwise, or when the page has no packs (PDFs not made).
  function packOf(state, packs, config) {
    if (!packs || state.q.trim() || chosenCount(state, config) !== 1) return null;
    var key = config.facets.filter(function (facet) { return state.chosen[facet].length === 1; })[0];
    var byValue = packs[key] || {};
    return Object.prototype.hasOwnProperty.call(byValue, state.chosen[key][0]) ? byValue[state.chosen[key][0]] : null;
  }

  function clear(state, config) {
    config.facets.forEach(function (key) { state.chosen[key] = []; });
    state.q = "";
  }

  // Adds the value to the list, or takes it out if there.
  function toggle(values, value) {
    var at = values.indexOf(value);
    if (at >= 0) values.splice(at, 1); else values.push(value);
  }

  // What a tag's button takes out of the state: its value of its facet, or the search words
  // (key "q").
  function removeTag(state, key, value) {
    if (key === "q") state.q = "";
    else toggle(state.chosen[key], value);
  }

  // Where focus goes once the tag at `at` is gone and `left` tags remain: the tag now in its
  // place, else the one before; -1 when none is left (focus then goes to the results' heading).
  function focusAfterRemoval(at, left) {
    return left ? Math.min(at, left - 1) : -1;
  }

  // The list's order: the one chosen, else by relevance while there are search words and by
  // name otherwise. Relevance without search words is by name.
  function sortOrder(state, searched, config) {
    var sort = state.sort || (searched ? config.searchSort : config.defaultSort);
    return sort === config.searchSort && !searched ? config.defaultSort : sort;
  }

  // What the sort menu's choice puts in the state: the default order for these search words
  // (relevance with, name without) puts nothing in the address.
  function chosenSort(selected, searched, config) {
    return selected === (searched ? config.searchSort : config.defaultSort) ? "" : selected;
  }

  // One pass over the cards: a card that misses no facet is shown and counts for every
  // option; a card that misses exactly one facet counts for that facet's options only (so an
  // option's count says how many projects choosing it would show). Cards that miss the search
  // words count nowhere. `found` is finder-search.js's {searched, scores}. Returns {shown: the
  // cards shown, in the order given; counts: {facet key: {value: count}}; unconfirmed: the same,
  // of the cards counted whose value of that facet is inferred}.
  function tally(cards, state, found, config) {
    var facets = config.facets;
    var chosen = {};
    var counts = {};
    var unconfirmed = {};
    facets.forEach(function (key) {
      chosen[key] = state.chosen[key].length ? new Set(state.chosen[key]) : null;
      counts[key] = {};
      unconfirmed[key] = {};
    });
    var shown = [];
    cards.forEach(function (card) {
      if (found.searched && !found.scores.has(card.slug)) return;
      var missed = null;
      var misses = 0;
      for (var i = 0; i < facets.length && misses < 2; i++) {
        var key = facets[i];
        if (chosen[key] && !card.values[key].some(function (value) { return chosen[key].has(value); })) {
          missed = key;
          misses++;
        }
      }
      if (misses > 1) return;
      if (misses === 0) shown.push(card);
      facets.forEach(function (key) {
        if (missed && key !== missed) return;
        var inferred = card.unconfirmed.indexOf(key) >= 0;
        card.values[key].forEach(function (value) {
          counts[key][value] = (counts[key][value] || 0) + 1;
          if (inferred) unconfirmed[key][value] = (unconfirmed[key][value] || 0) + 1;
        });
      });
    });
    return { shown: shown, counts: counts, unconfirmed: unconfirmed };
  }

  // How much of a count rests on inferred facts, in tally.py's words (config.countNotes): "" for
  // none, "unconfirmed" for the one project counted, "all unconfirmed", "2 unconfirmed".
  function countNote(count, unconfirmed, config) {
    var notes = config.countNotes;
    if (!unconfirmed) return "";
    if (unconfirmed === count) return count > 1 ? notes.all : notes.one;
    return notes.some.replace("{n}", String(unconfirmed));
  }

  // The cards in the order `sort` (from sortOrder): by relevance, highest score first; by name
  // (the page's order); or by the card's key for that order; ties by name.
  function sortCards(cards, sort, scores, config) {
    var byName = config.defaultSort;
    return cards.slice().sort(function (a, b) {
      if (sort === config.searchSort) return scores.get(b.slug) - scores.get(a.slug) || a.order[byName] - b.order[byName];
      if (sort === byName) return a.order[byName] - b.order[byName];
      if (a.order[sort] < b.order[sort]) return -1;
      if (a.order[sort] > b.order[sort]) return 1;
      return a.order[byName] - b.order[byName];
    });
  }

  // The items of `current` (the list as it is) that can stay where they are on the way to
  // `ordered` (the list as it should be): a longest run of them already in order. The others
  // are taken out, and the missing put in (fillStep).
  function keptInPlace(current, ordered) {
    var rank = new Map();
    ordered.forEach(function (item, index) { rank.set(item, index); });
    var ranks = current.map(function (item) { return rank.has(item) ? rank.get(item) : -1; });
    return new Set(longestIncreasing(ranks).map(function (index) { return current[index]; }));
  }

  // The next step in filling a list towards `ordered` from ordered[next]: the items to insert,
  // each with the item it goes after (null: first), up to `limit` of them but never stopping
  // before index `upTo`. `isIn(item)` says whether an item is in the list already. Returns
  // {inserts: [{item, after}], next: where the following step starts, done: whether it is full}.
  function fillStep(ordered, next, isIn, limit, upTo) {
    var inserts = [];
    var previous = next > 0 ? ordered[next - 1] : null;
    for (; next < ordered.length; next++) {
      var item = ordered[next];
      if (!isIn(item)) {
        if (inserts.length >= limit && next >= upTo) break;
        inserts.push({ item: item, after: previous });
      }
      previous = item;
    }
    return { inserts: inserts, next: next, done: next >= ordered.length };
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

  // A removable tag per chosen value and one for the search words: {key, value, text}, text as
  // "Theme: Access" (a value's label from facets[key].labels, else the value itself).
  function tags(state, facets, config) {
    var wanted = [];
    config.facets.forEach(function (key) {
      state.chosen[key].forEach(function (value) {
        wanted.push({ key: key, value: value, text: facets[key].tag + ": " + (facets[key].labels[value] || value) });
      });
    });
    if (state.q.trim()) wanted.push({ key: "q", value: "", text: "Search: " + state.q.trim() });
    return wanted;
  }

  function statusText(shown, total) {
    return "Showing " + shown + " of " + total + " project" + (total === 1 ? "" : "s");
  }

  // After a map tile's count, for screen readers: "2 projects".
  function projectsWord(count) {
    return count === 1 ? " project" : " projects";
  }

  // Beside "Filters" on the folded panel: how many values are chosen.
  function chosenText(state, config) {
    var count = chosenCount(state, config);
    return count ? "(" + count + " chosen)" : "";
  }

  // What the page shows for `state`, as plain values: the cards in the order shown; each option's
  // {checked, count, note} by facet key and value (a map tile is its facet's option); the status;
  // whether the list is empty, the filters can be cleared and relevance is offered; the order;
  // the text beside "Filters"; the spelling to suggest; the tags; and the pack of PDFs to offer.
  // `found` is finder-search.js's {searched, scores, suggestion}; `facets` as readFacets gives
  // them; `packs` the page's packs, or null.
  function view(cards, state, found, facets, packs, config) {
    var result = tally(cards, state, found, config);
    var sort = sortOrder(state, found.searched, config);
    var options = {};
    config.facets.forEach(function (key) {
      options[key] = {};
      facets[key].values.forEach(function (value) {
        var count = result.counts[key][value] || 0;
        options[key][value] = {
          checked: state.chosen[key].indexOf(value) >= 0,
          count: count,
          note: countNote(count, result.unconfirmed[key][value] || 0, config)
        };
      });
    });
    return {
      ordered: sortCards(result.shown, sort, found.scores, config),
      options: options,
      status: statusText(result.shown.length, cards.length),
      empty: result.shown.length === 0,
      filtered: isFiltered(state, config),
      searched: found.searched,
      sort: sort,
      chosen: chosenText(state, config),
      suggestion: found.suggestion || null,
      tags: tags(state, facets, config),
      pack: packOf(state, packs, config)
    };
  }

  // -- search ranking and suggestions (finder-search.js)

  // How many of the typed words a result matches whole: a word counts when one of its forms
  // (as typed, its stem: `wordForms`, one list per word) is among the terms the result matched,
  // rather than only a longer word it begins or a near spelling.
  function wholeWords(matchedTerms, wordForms) {
    return wordForms.filter(function (forms) {
      return forms.some(function (form) { return matchedTerms.indexOf(form) >= 0; });
    }).length;
  }

  // Whether the typed words (`wordForms`, one list of forms per word) stand side by side, in that
  // order, in one of a project's fields (`fields`: per field, its words' forms): "mental health"
  // in "patients with mental health issues", not "wellbeing/mental issues ... Health Network".
  // A single word is no phrase.
  function hasPhrase(fields, wordForms) {
    if (wordForms.length < 2) return false;
    function same(fieldWord, forms) {
      return fieldWord.some(function (form) { return forms.indexOf(form) >= 0; });
    }
    return fields.some(function (words) {
      for (var start = 0; start + wordForms.length <= words.length; start++) {
        var all = true;
        for (var i = 0; i < wordForms.length && all; i++) all = same(words[start + i], wordForms[i]);
        if (all) return true;
      }
      return false;
    });
  }

  // A result's relevance: the words it matches whole first, then whether it has them as a
  // phrase, then the search's own score (which stays far below PHRASE_STEP), so "men" ranks the
  // men's project above "mental health", and "mental health" a project about mental health
  // above one with "mental" in its aim and "Health" in its name.
  var EXACT_STEP = 1e6;
  var PHRASE_STEP = 1e5;
  function relevance(whole, phrase, score) {
    return whole * EXACT_STEP + (phrase ? PHRASE_STEP : 0) + score;
  }

  // Whether a near spelling may stand for the typed word (as a match or a suggestion): it starts
  // with the same letter, as a slip of the finger seldom changes the first ("food" is not
  // "good", "youth" not "South"), or holds the word whole ("dominion": "A2Dominion"). A word it
  // begins or its family always does.
  function sameStart(matched, typed) {
    return matched.charAt(0) === typed.charAt(0) || matched.indexOf(typed) >= 0;
  }

  // Whether an indexed word may be offered as "Did you mean": not a common short word
  // (`stopWords`, a Set) and not one of most of the projects (`projects` of `total` have it),
  // which would narrow nothing.
  function suggestible(term, projects, total, stopWords) {
    return term.length > 2 && !stopWords.has(term) && projects * 2 <= Math.max(total, 2);
  }

  // What the live region says once typing pauses: the status, then the suggestion if any.
  function announcement(status, suggestion) {
    return suggestion ? status + ". Did you mean " + suggestion + "?" : status;
  }

  // The page's title for these search words: "3 projects for ‘walks’ – Find a project – Site",
  // from `base` (the page's own title); the base itself without search words.
  function pageTitle(base, q, shown) {
    var words = q.trim();
    if (!words) return base;
    return shown + " project" + (shown === 1 ? "" : "s") + " for \u2018" + words + "\u2019 \u2013 " + base;
  }

  // The name of the file "Download these results" saves.
  function csvFileName(state, config) {
    return "projects-" + (queryString(state, config) ? "filtered" : "all") + ".csv";
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

  // The published CSV cut down to its header and the rows of `slugs` (its first column), in
  // that order: the text of "Download these results", with a byte-order mark and CRLF endings.
  function csvOfShown(text, slugs) {
    var rows = csvRecords(text.replace(/^\ufeff/, ""));
    var bySlug = {};
    rows.slice(1).forEach(function (row) { bySlug[row.split(",", 1)[0]] = row; });
    var lines = [rows[0]].concat(slugs.map(function (slug) { return bySlug[slug]; }).filter(Boolean));
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  return {
    readConfig: readConfig,
    readCard: readCard,
    readFacets: readFacets,
    searchDocument: searchDocument,
    readState: readState,
    admit: admit,
    restore: restore,
    leftOutText: leftOutText,
    queryString: queryString,
    suggestedQuery: suggestedQuery,
    chosenCount: chosenCount,
    isFiltered: isFiltered,
    packOf: packOf,
    clear: clear,
    toggle: toggle,
    removeTag: removeTag,
    focusAfterRemoval: focusAfterRemoval,
    sortOrder: sortOrder,
    chosenSort: chosenSort,
    tally: tally,
    countNote: countNote,
    sortCards: sortCards,
    keptInPlace: keptInPlace,
    fillStep: fillStep,
    longestIncreasing: longestIncreasing,
    tags: tags,
    statusText: statusText,
    projectsWord: projectsWord,
    chosenText: chosenText,
    view: view,
    wholeWords: wholeWords,
    hasPhrase: hasPhrase,
    relevance: relevance,
    sameStart: sameStart,
    suggestible: suggestible,
    announcement: announcement,
    pageTitle: pageTitle,
    csvFileName: csvFileName,
    csvRecords: csvRecords,
    csvOfShown: csvOfShown
  };
});
