// The project finder's logic (theme/assets/finder-logic.js), without a browser: run by
// `node --test tests/js/` (tests/test_finder_logic.py runs it with the suite).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const logic = require(path.join(__dirname, "../../theme/assets/finder-logic.js"));

// As hooks/showcase/wording/finder.py hands it over (ProjectFinder.script_config).
const CONFIG = logic.readConfig(JSON.stringify({
  facets: ["theme", "borough", "icb", "cohort"],
  mapFacet: "borough",
  sorts: ["relevance", "name", "borough", "cohort"],
  defaultSort: "name",
  searchSort: "relevance",
  searchFields: ["name", "aim", "keywords"],
  countNotes: { one: "unconfirmed", all: "all unconfirmed", some: "{n} unconfirmed" }
}));

// What the page's filters say: each facet's values, labels, tag, and values with no projects.
const FACETS = {
  theme: { tag: "Theme", values: ["access", "workforce"], labels: { access: "Access", workforce: "Workforce" }, without: ["impact"] },
  borough: { tag: "Borough", values: ["gullhaven", "harrowmouth"], labels: { gullhaven: "Gullhaven", "harrowmouth": "Harrowmouth" }, without: ["dunmere"] },
  icb: { tag: "ICB", values: ["nf", "sf"], labels: { nf: "North Fernshire", sf: "South Fernshire" }, without: [] },
  cohort: { tag: "Cohort", values: ["2023", "2024"], labels: { 2023: "2023/24", 2024: "2024/25" }, without: [] }
};

function state(query) {
  return logic.readState(query, CONFIG);
}

// A card as the page gives it: attributes by name, null when absent.
function card(index, attributes) {
  return logic.readCard((name) => (name in attributes ? attributes[name] : null), index, CONFIG);
}

const CARDS = [
  card(0, { "data-slug": "alpha", "data-theme": "access", "data-borough": "gullhaven", "data-icb": "nf", "data-cohort": "2023", "data-sort-borough": "gullhaven", "data-sort-cohort": "2023" }),
  card(1, { "data-slug": "bravo", "data-theme": "workforce", "data-borough": "gullhaven harrowmouth", "data-icb": "nf sf", "data-unconfirmed": "borough icb", "data-cohort": "2024", "data-sort-borough": "gullhaven", "data-sort-cohort": "2024" }),
  card(2, { "data-slug": "charlie", "data-theme": "access", "data-borough": "", "data-icb": "", "data-cohort": "2024", "data-sort-borough": "~", "data-sort-cohort": "2024" }),
  card(3, { "data-slug": "delta", "data-theme": "workforce", "data-borough": "harrowmouth", "data-icb": "sf", "data-cohort": "2023", "data-sort-borough": "harrowmouth", "data-sort-cohort": "2023" })
];
const NOT_SEARCHED = { searched: false, scores: new Map() };

function slugs(cards) {
  return cards.map((each) => each.slug);
}

// -- the configuration -------------------------------------------------------------------------

test("a configuration missing a part is refused, naming the part", () => {
  assert.throws(() => logic.readConfig(JSON.stringify({ facets: [], sorts: [] })), /has no mapFacet/);
});

// -- state from and to the query string -------------------------------------------------------

test("a key repeated in the query string chooses each of its values, in order", () => {
  const read = state("?theme=access&borough=gullhaven&borough=harrowmouth&q=men");
  assert.deepEqual(read.chosen, { theme: ["access"], borough: ["gullhaven", "harrowmouth"], icb: [], cohort: [] });
  assert.equal(read.q, "men");
  assert.equal(read.sort, "");
});

test("a sort the finder does not offer is the default, and no sort is the default", () => {
  assert.equal(state("?sort=cohort").sort, "cohort");
  assert.equal(state("?sort=colour").sort, "");
  assert.equal(state("").sort, "");
  assert.equal(logic.sortOrder(state(""), false, CONFIG), "name");
  assert.equal(logic.sortOrder(state(""), true, CONFIG), "relevance");
  // Relevance asked for with no search words to be relevant to: by name.
  assert.equal(logic.sortOrder(state("?sort=relevance"), false, CONFIG), "name");
  assert.equal(logic.sortOrder(state("?sort=borough"), true, CONFIG), "borough");
});

test("choosing the default order puts no sort in the state", () => {
  assert.equal(logic.chosenSort("name", false, CONFIG), "");
  assert.equal(logic.chosenSort("relevance", true, CONFIG), "");
  assert.equal(logic.chosenSort("name", true, CONFIG), "name");
  assert.equal(logic.chosenSort("cohort", false, CONFIG), "cohort");
});

test("a value in another case is read as the option and the address is rewritten", () => {
  const read = state("?borough=Gullhaven&theme=ACCESS&theme=access");
  const result = logic.admit(read, FACETS, CONFIG);
  assert.deepEqual(read.chosen.borough, ["gullhaven"]);
  assert.deepEqual(read.chosen.theme, ["access"]);  // the same value twice is chosen once
  assert.deepEqual(result.dropped, []);
  assert.equal(result.changed, true);
  assert.equal(logic.queryString(read, CONFIG), "?theme=access&borough=gullhaven");
});

test("values the finder cannot show are dropped, each with its reason", () => {
  const read = state("?theme=foo&borough=Dunmere&icb=sf&cohort=constructor");
  const result = logic.admit(read, FACETS, CONFIG);
  assert.deepEqual(read.chosen, { theme: [], borough: [], icb: ["sf"], cohort: [] });
  assert.deepEqual(result.dropped.map(({ key, value, reason }) => [key, value, reason]), [
    ["theme", "foo", "unknown"], ["borough", "Dunmere", "no projects"], ["cohort", "constructor", "unknown"]
  ]);
  assert.equal(result.changed, true);
  assert.equal(logic.leftOutText(result.dropped),
    "Left out of this link: Theme \u201cfoo\u201d is not one of the finder\u2019s values; Borough \u201cDunmere\u201d has no projects; "
    + "Cohort \u201cconstructor\u201d is not one of the finder\u2019s values.");
  assert.equal(logic.leftOutText([]), "");
});

test("a link the finder can show whole is left as it is", () => {
  const read = state("?theme=access&icb=nf");
  assert.deepEqual(logic.admit(read, FACETS, CONFIG), { dropped: [], changed: false });
});

test("the query string lists facets in order, then the trimmed search words, then the sort", () => {
  const read = state("?sort=cohort&q=++men++&cohort=2024&theme=access");
  assert.equal(logic.queryString(read, CONFIG), "?theme=access&cohort=2024&q=men&sort=cohort");
  assert.equal(logic.queryString(state("?q=+"), CONFIG), "");
  assert.equal(logic.suggestedQuery(read, CONFIG, "mentor"), "?theme=access&cohort=2024&q=mentor&sort=cohort");
  assert.equal(logic.suggestedQuery(state("?sort=cohort"), CONFIG, "men"), "?sort=cohort&q=men");
});

test("filters are counted, toggled, cleared and named on tags", () => {
  const read = state("?theme=access&borough=gullhaven&q=walks");
  assert.equal(logic.chosenCount(read, CONFIG), 2);
  assert.equal(logic.isFiltered(read, CONFIG), true);
  assert.deepEqual(logic.tags(read, FACETS, CONFIG), [
    { key: "theme", value: "access", text: "Theme: Access" },
    { key: "borough", value: "gullhaven", text: "Borough: Gullhaven" },
    { key: "q", value: "", text: "Search: walks" }
  ]);
  logic.toggle(read.chosen.borough, "gullhaven");
  logic.toggle(read.chosen.icb, "sf");
  assert.deepEqual([read.chosen.borough, read.chosen.icb], [[], ["sf"]]);
  logic.clear(read, CONFIG);
  assert.equal(logic.isFiltered(read, CONFIG), false);
  assert.equal(logic.queryString(read, CONFIG), "");
});

// -- cards and counts --------------------------------------------------------------------------

test("a card's values, sort keys and search fields are read from its attributes", () => {
  assert.deepEqual(CARDS[1], {
    slug: "bravo",
    values: { theme: ["workforce"], borough: ["gullhaven", "harrowmouth"], icb: ["nf", "sf"], cohort: ["2024"] },
    unconfirmed: ["borough", "icb"],
    order: { borough: "gullhaven", cohort: "2024", name: 1 }
  });
  assert.deepEqual(CARDS[2].values.borough, []);
  const attributes = { "data-slug": "alpha", "data-search-name": "Alpha", "data-search-keywords": "men; sheds", "data-search-other": "x" };
  assert.deepEqual(logic.searchDocument((name) => attributes[name] ?? null, CONFIG), { id: "alpha", name: "Alpha", keywords: "men; sheds" });
});

test("with no filters every card is shown and counts for each of its values", () => {
  const { shown, counts } = logic.tally(CARDS, state(""), NOT_SEARCHED, CONFIG);
  assert.deepEqual(slugs(shown), ["alpha", "bravo", "charlie", "delta"]);
  assert.deepEqual(counts, {
    theme: { access: 2, workforce: 2 },
    borough: { gullhaven: 2, "harrowmouth": 2 },
    icb: { nf: 2, sf: 2 },
    cohort: { 2023: 2, 2024: 2 }
  });
});

test("a card missing one chosen facet counts for that facet's options only", () => {
  // theme=access and cohort=2024: charlie matches both; alpha misses the cohort; bravo misses
  // the theme; delta misses both and counts nowhere.
  const { shown, counts } = logic.tally(CARDS, state("?theme=access&cohort=2024"), NOT_SEARCHED, CONFIG);
  assert.deepEqual(slugs(shown), ["charlie"]);
  assert.deepEqual(counts.theme, { access: 1, workforce: 1 });    // charlie, and bravo (missed theme)
  assert.deepEqual(counts.cohort, { 2023: 1, 2024: 1 });          // charlie, and alpha (missed cohort)
  assert.deepEqual(counts.borough, {});                           // charlie has no borough
  assert.deepEqual(counts.icb, {});
});

test("values within a facet are ORed and facets ANDed", () => {
  const { shown } = logic.tally(CARDS, state("?borough=gullhaven&borough=harrowmouth&theme=workforce"), NOT_SEARCHED, CONFIG);
  assert.deepEqual(slugs(shown), ["bravo", "delta"]);
});

test("cards the search words miss are not shown and count nowhere", () => {
  const found = { searched: true, scores: new Map([["bravo", 2], ["delta", 5]]) };
  const { shown, counts } = logic.tally(CARDS, state("?q=x"), found, CONFIG);
  assert.deepEqual(slugs(shown), ["bravo", "delta"]);
  assert.deepEqual(counts.theme, { workforce: 2 });
  assert.deepEqual(counts.borough, { gullhaven: 1, "harrowmouth": 2 });
});

// -- sorting -----------------------------------------------------------------------------------

test("by name the cards keep the page's order", () => {
  const shuffled = [CARDS[3], CARDS[0], CARDS[2], CARDS[1]];
  assert.deepEqual(slugs(logic.sortCards(shuffled, "name", new Map(), CONFIG)), ["alpha", "bravo", "charlie", "delta"]);
});

test("by borough and by cohort the cards sort by their key, then by name; no borough sorts last", () => {
  const shuffled = [CARDS[3], CARDS[2], CARDS[1], CARDS[0]];
  assert.deepEqual(slugs(logic.sortCards(shuffled, "borough", new Map(), CONFIG)), ["alpha", "bravo", "delta", "charlie"]);
  assert.deepEqual(slugs(logic.sortCards(shuffled, "cohort", new Map(), CONFIG)), ["alpha", "delta", "bravo", "charlie"]);
});

test("by relevance the highest score comes first, ties by name", () => {
  const scores = new Map([["alpha", 1], ["bravo", 3], ["charlie", 1], ["delta", 2]]);
  const sorted = logic.sortCards([CARDS[2], CARDS[0], CARDS[3], CARDS[1]], "relevance", scores, CONFIG);
  assert.deepEqual(slugs(sorted), ["bravo", "delta", "alpha", "charlie"]);
});

test("sorting leaves the list it is given as it was", () => {
  const given = [CARDS[1], CARDS[0]];
  logic.sortCards(given, "name", new Map(), CONFIG);
  assert.deepEqual(slugs(given), ["bravo", "alpha"]);
});

// -- the longest increasing run ----------------------------------------------------------------

test("the longest increasing run keeps the most cards in place, skipping those to go", () => {
  assert.deepEqual(logic.longestIncreasing([]), []);
  assert.deepEqual(logic.longestIncreasing([0, 1, 2]), [0, 1, 2]);
  assert.deepEqual(logic.longestIncreasing([2, 1, 0]).length, 1);
  // Cards to go (-1) are never kept; 0, 2, 3 is the longest run.
  assert.deepEqual(logic.longestIncreasing([0, -1, 4, 2, -1, 3, 1]), [0, 3, 5]);
  assert.deepEqual(logic.longestIncreasing([-1, -1]), []);
});

test("the run found is as long as any increasing run", () => {
  // Every subsequence of a few shuffles, checked by brute force.
  const shuffles = [[3, 0, 1, 4, 2], [1, 0, 3, 2, 5, 4], [5, -1, 0, 4, 1, -1, 2, 3]];
  shuffles.forEach((ranks) => {
    let best = 0;
    for (let mask = 0; mask < 1 << ranks.length; mask++) {
      const picked = ranks.filter((rank, index) => mask & (1 << index));
      if (picked.every((rank, index) => rank >= 0 && (index === 0 || picked[index - 1] < rank))) best = Math.max(best, picked.length);
    }
    const kept = logic.longestIncreasing(ranks);
    assert.equal(kept.length, best, String(ranks));
    kept.forEach((at, index) => assert.ok(index === 0 || ranks[kept[index - 1]] < ranks[at]));
  });
});

// -- the CSV -----------------------------------------------------------------------------------

test("CSV records keep quoted commas and line breaks, and CRLF or LF ends a record", () => {
  const text = 'slug,name,aim\r\nalpha,"Alpha, the first","One line\r\nand another"\r\nbravo,Bravo,"Says ""hi"""\nlast,Last,x';
  assert.deepEqual(logic.csvRecords(text), [
    "slug,name,aim",
    'alpha,"Alpha, the first","One line\r\nand another"',
    'bravo,Bravo,"Says ""hi"""',
    "last,Last,x"
  ]);
  assert.deepEqual(logic.csvRecords("a,b\r\n\r\n"), ["a,b"]);
});

test("the CSV of the results is the header and the rows shown, in the order shown", () => {
  const text = '\ufeffslug,name\r\nalpha,"A, a"\r\nbravo,"B\nb"\r\ncharlie,C\r\n';
  assert.equal(logic.csvOfShown(text, ["charlie", "alpha", "gone"]), '\ufeffslug,name\r\ncharlie,C\r\nalpha,"A, a"\r\n');
});

test("the status says how many are shown of how many", () => {
  assert.equal(logic.statusText(3, 12), "Showing 3 of 12 projects");
  assert.equal(logic.statusText(1, 1), "Showing 1 of 1 project");
});

// As hooks/showcase/wording/finder.py's selection_packs hands them over in [data-finder-packs].
const PACKS = {
  theme: { access: { url: "../downloads/themes/access.pdf", text: "Download these 5 summaries (PDF, 84 KB)" } },
  borough: { gullhaven: { url: "../downloads/areas/gullhaven.pdf", text: "Download these 2 summaries (PDF, 34 KB)" } },
  icb: { nf: { url: "../downloads/icbs/nf.pdf", text: "Download these 2 summaries (PDF, 34 KB)" } },
  cohort: {}
};

test("filters of exactly one theme, area or ICB offer that selection's pack", () => {
  assert.deepEqual(logic.packOf(state("?theme=access"), PACKS, CONFIG), PACKS.theme.access);
  assert.deepEqual(logic.packOf(state("?borough=gullhaven&sort=cohort"), PACKS, CONFIG), PACKS.borough.gullhaven);
  assert.deepEqual(logic.packOf(state("?icb=nf"), PACKS, CONFIG), PACKS.icb.nf);
});

test("no pack is offered for anything else: no filter, two values, search words, or a value with no pack", () => {
  for (const query of ["", "?theme=access&borough=gullhaven", "?theme=access&theme=workforce", "?theme=access&q=walk", "?theme=workforce", "?cohort=2023", "?borough=toString"]) {
    assert.equal(logic.packOf(state(query), PACKS, CONFIG), null, query);
  }
  assert.equal(logic.packOf(state("?theme=access"), null, CONFIG), null, "a page built without PDFs has none");
});

// -- the filters as drawn ----------------------------------------------------------------------

test("the filters as drawn are read as each facet's tag, values, labels and values without projects", () => {
  const drawn = [
    { key: "theme", tag: "Theme", without: "impact", options: [{ value: "access", label: "Access" }, { value: "workforce", label: "Workforce" }] },
    { key: "icb", tag: "ICB", without: "", options: [{ value: "nf", label: "North Fernshire" }] }
  ];
  assert.deepEqual(logic.readFacets(drawn), {
    theme: { tag: "Theme", values: ["access", "workforce"], labels: { access: "Access", workforce: "Workforce" }, without: ["impact"] },
    icb: { tag: "ICB", values: ["nf"], labels: { nf: "North Fernshire" }, without: [] }
  });
});

test("Back or Forward restores the state of the address, leaving out what the finder cannot show", () => {
  const restored = logic.restore("?borough=Gullhaven&theme=foo&q=walks", FACETS, CONFIG);
  assert.deepEqual(restored.chosen, { theme: [], borough: ["gullhaven"], icb: [], cohort: [] });
  assert.equal(restored.q, "walks");
});

// -- tags --------------------------------------------------------------------------------------

test("a tag's button takes its value, or the search words, out of the state", () => {
  const read = state("?theme=access&borough=gullhaven&q=walks");
  logic.removeTag(read, "borough", "gullhaven");
  assert.deepEqual(read.chosen.borough, []);
  assert.equal(read.q, "walks");
  logic.removeTag(read, "q", "");
  assert.equal(read.q, "");
  assert.deepEqual(read.chosen.theme, ["access"]);
});

test("after a tag goes, focus goes to the tag in its place, else the one before, else nowhere among them", () => {
  assert.equal(logic.focusAfterRemoval(0, 2), 0);
  assert.equal(logic.focusAfterRemoval(2, 2), 1);  // the last of three went
  assert.equal(logic.focusAfterRemoval(0, 0), -1);
});

// -- counts that rest on inferred facts --------------------------------------------------------

test("a count says how much of it is unconfirmed in the words Python hands over", () => {
  assert.equal(logic.countNote(3, 0, CONFIG), "");
  assert.equal(logic.countNote(1, 1, CONFIG), "unconfirmed");
  assert.equal(logic.countNote(4, 4, CONFIG), "all unconfirmed");
  assert.equal(logic.countNote(4, 1, CONFIG), "1 unconfirmed");
  assert.equal(logic.countNote(0, 0, CONFIG), "");
});

test("an option's unconfirmed part counts the cards counted whose value of that facet is inferred", () => {
  // bravo's areas (and so its ICBs) are inferred; its theme and cohort are not.
  const all = logic.tally(CARDS, state(""), NOT_SEARCHED, CONFIG);
  assert.deepEqual(all.unconfirmed, { theme: {}, borough: { gullhaven: 1, harrowmouth: 1 }, icb: { nf: 1, sf: 1 }, cohort: {} });
  // With theme=access bravo is shown nowhere, but counts for the theme's options (the facet it misses).
  const access = logic.tally(CARDS, state("?theme=access"), NOT_SEARCHED, CONFIG);
  assert.deepEqual(access.unconfirmed.borough, {});
  assert.deepEqual(access.counts.borough, { gullhaven: 1 });
  // With borough=harrowmouth bravo still counts, inferred, for Gullhaven (its own facet).
  const harrowmouth = logic.tally(CARDS, state("?borough=harrowmouth"), NOT_SEARCHED, CONFIG);
  assert.deepEqual([harrowmouth.counts.borough, harrowmouth.unconfirmed.borough], [{ gullhaven: 2, harrowmouth: 2 }, { gullhaven: 1, harrowmouth: 1 }]);
});

// -- what the page shows -----------------------------------------------------------------------

test("the view of a state is the cards in order, each option's count, note and tick, and the page's words", () => {
  const shown = logic.view(CARDS, state("?borough=harrowmouth&sort=cohort"), NOT_SEARCHED, FACETS, PACKS, CONFIG);
  assert.deepEqual(slugs(shown.ordered), ["delta", "bravo"]);
  assert.deepEqual(shown.options.borough, {
    gullhaven: { checked: false, count: 2, note: "1 unconfirmed" },
    harrowmouth: { checked: true, count: 2, note: "1 unconfirmed" }
  });
  assert.deepEqual(shown.options.theme.workforce, { checked: false, count: 2, note: "" });
  assert.deepEqual(shown.options.icb.nf, { checked: false, count: 1, note: "unconfirmed" });
  assert.deepEqual(
    [shown.status, shown.empty, shown.filtered, shown.searched, shown.sort, shown.chosen, shown.suggestion, shown.pack],
    ["Showing 2 of 4 projects", false, true, false, "cohort", "(1 chosen)", null, null]
  );
  assert.deepEqual(shown.tags, [{ key: "borough", value: "harrowmouth", text: "Borough: Harrowmouth" }]);
});

test("the view of no match is empty, offers the suggestion, and of one value offers its pack", () => {
  const nothing = logic.view(CARDS, state("?q=wlks"), { searched: true, scores: new Map(), suggestion: "walks" }, FACETS, PACKS, CONFIG);
  assert.deepEqual([nothing.ordered, nothing.empty, nothing.status, nothing.suggestion, nothing.sort], [[], true, "Showing 0 of 4 projects", "walks", "relevance"]);
  assert.equal(nothing.options.theme.access.count, 0);
  const one = logic.view(CARDS, state("?theme=access"), NOT_SEARCHED, FACETS, PACKS, CONFIG);
  assert.deepEqual(one.pack, PACKS.theme.access);
  assert.equal(logic.view(CARDS, state(""), NOT_SEARCHED, FACETS, PACKS, CONFIG).chosen, "");
});

test("a map tile's count is said with its noun, and the download is named for its filters", () => {
  assert.deepEqual([logic.projectsWord(0), logic.projectsWord(1), logic.projectsWord(2)], [" projects", " project", " projects"]);
  assert.equal(logic.csvFileName(state(""), CONFIG), "projects-all.csv");
  assert.equal(logic.csvFileName(state("?sort=cohort"), CONFIG), "projects-filtered.csv");
  assert.equal(logic.chosenText(state("?theme=access&theme=workforce&q=x"), CONFIG), "(2 chosen)");
});

// -- the list's steps --------------------------------------------------------------------------

test("the cards kept in place are a longest run already in order; those not wanted go", () => {
  const kept = logic.keptInPlace(["a", "x", "c", "b", "d"], ["a", "b", "c", "d", "e"]);
  assert.equal(kept.size, 3);
  assert.ok(kept.has("a") && kept.has("d") && !kept.has("x"));
  assert.deepEqual([...logic.keptInPlace([], ["a"])], []);
});

test("a fill step inserts the missing cards after the one before them, up to its limit", () => {
  const ordered = ["a", "b", "c", "d", "e"];
  const isIn = (item) => item === "b" || item === "d";
  // At once: none beyond the first two places (upTo 2), so only "a".
  assert.deepEqual(logic.fillStep(ordered, 0, isIn, 0, 2), { inserts: [{ item: "a", after: null }], next: 2, done: false });
  // Then a batch of one: "c" after "b", stopping before "e".
  assert.deepEqual(logic.fillStep(ordered, 2, isIn, 1, 0), { inserts: [{ item: "c", after: "b" }], next: 4, done: false });
  assert.deepEqual(logic.fillStep(ordered, 4, isIn, 1, 0), { inserts: [{ item: "e", after: "d" }], next: 5, done: true });
  // Nothing missing: done at once, touching nothing.
  assert.deepEqual(logic.fillStep(["b", "d"], 0, isIn, 0, 36), { inserts: [], next: 2, done: true });
});

test("filling step by step from any list ends with exactly the ordered cards, in order", () => {
  const ordered = ["e", "a", "c", "f", "b"];
  const list = ["a", "x", "b", "c"];
  const keep = logic.keptInPlace(list, ordered);
  const current = list.filter((item) => keep.has(item));
  let next = 0;
  let step;
  do {
    step = logic.fillStep(ordered, next, (item) => current.includes(item), 1, 0);
    step.inserts.forEach(({ item, after }) => current.splice(after === null ? 0 : current.indexOf(after) + 1, 0, item));
    next = step.next;
  } while (!step.done);
  assert.deepEqual(current, ordered);
});

// -- search ranking and suggestions

test("a result's whole words count each typed word once, as typed or as its stem", () => {
  const forms = [["men"], ["walking", "walk"]];
  assert.equal(logic.wholeWords(["mens", "walk"], forms), 1);
  assert.equal(logic.wholeWords(["men", "walk"], forms), 2);
  assert.equal(logic.wholeWords(["mental", "walker"], forms), 0);
});

test("more whole words rank first, then the words as a phrase, whatever the search's own score", () => {
  assert.ok(logic.relevance(1, false, 0.5) > logic.relevance(0, true, 900));
  assert.ok(logic.relevance(2, false, 0.5) > logic.relevance(1, true, 900));
  assert.ok(logic.relevance(2, true, 0.5) > logic.relevance(2, false, 900));
  assert.ok(logic.relevance(1, false, 2) > logic.relevance(1, false, 1));
});

test("the typed words are a phrase when they stand side by side, in order, in one field", () => {
  const query = [["mental"], ["health"]];
  // "patients with mental health issues": the aim has the phrase.
  const aim = [[["patients", "patient"], ["with"], ["mental"], ["health"], ["issues", "issu"]]];
  assert.equal(logic.hasPhrase(aim, query), true);
  // "wellbeing/mental issues" in the aim and "Health" in the name: both words, no phrase.
  const apart = [[["hbd"], ["womens", "women"], ["health"]], [["wellbeing"], ["mental"], ["issues", "issu"]]];
  assert.equal(logic.hasPhrase(apart, query), false);
  // In the other order, or with a word between: no phrase.
  assert.equal(logic.hasPhrase([[["health"], ["mental"]]], query), false);
  assert.equal(logic.hasPhrase([[["mental"], ["and"], ["health"]]], query), false);
  // A word counts in any of its forms: "isolated older" in "isolation, older".
  assert.equal(logic.hasPhrase([[["isolation", "isol"], ["older", "older"]]], [["isolated", "isol"], ["older"]]), true);
  // One word is no phrase.
  assert.equal(logic.hasPhrase(aim, [["mental"]]), false);
});

test("a near spelling stands for a typed word only when it starts with the same letter or holds it", () => {
  assert.equal(logic.sameStart("harbour", "harbor"), true);
  assert.equal(logic.sameStart("good", "food"), false);
  assert.equal(logic.sameStart("south", "youth"), false);
  assert.equal(logic.sameStart("a2dominion", "dominion"), true);
});

test("a suggestion is never a stop word, a two-letter word or a word most projects have", () => {
  const stop = new Set(["have", "be"]);
  assert.equal(logic.suggestible("dunmere", 2, 10, stop), true);
  assert.equal(logic.suggestible("have", 1, 10, stop), false);
  assert.equal(logic.suggestible("nf", 1, 10, stop), false);
  assert.equal(logic.suggestible("care", 6, 10, stop), false);
  assert.equal(logic.suggestible("care", 1, 1, stop), true);
});

test("the announcement is the status, then any suggestion", () => {
  assert.equal(logic.announcement("Showing 0 of 10 projects", null), "Showing 0 of 10 projects");
  assert.equal(logic.announcement("Showing 0 of 10 projects", "Dunmere"), "Showing 0 of 10 projects. Did you mean Dunmere?");
});

test("the page title names the search words and how many projects they find", () => {
  const base = "Find a project \u2013 Fernshire";
  assert.equal(logic.pageTitle(base, "  ", 10), base);
  assert.equal(logic.pageTitle(base, " walks ", 3), "3 projects for \u2018walks\u2019 \u2013 " + base);
  assert.equal(logic.pageTitle(base, "walks", 1), "1 project for \u2018walks\u2019 \u2013 " + base);
});
