/* Showcase project finder: the search box's words matched against each project's fields.
 *
 * window.showcaseFinderSearch(documents, fields) indexes the documents' fields (each document
 * {id, name, aim, ...}; fields are hooks/showcase/wording/finder.py's SEARCH_FIELDS, which it writes on
 * each card as data-search-<field>, and default to every field the documents have) with
 * MiniSearch (assets/vendor/minisearch.min.js, loaded first) and returns {match: function (query)}.
 * match(query) gives {searched, scores, suggestion}: searched is false when the query has no
 * words (the finder then shows everything); scores maps the id of each matching document to
 * its relevance; suggestion is a nearby spelling of the query, offered only when nothing matches
 * and the spelling would match something, else null. Word forms come from the Porter stemmer
 * (assets/vendor/stemmer.min.js) and the words never suggested from stopword's English list
 * (assets/vendor/stopwords-en.min.js), both loaded first.
 *
 * How words match, so that what a visitor types finds what the data says:
 * - whole words and word beginnings: "men" finds "men" and "mentors", never "women";
 * - a word's family: each word is indexed as written and as its stem, and a typed word matches
 *   either way, so "connecting" finds "connect" and "carer" finds "carers";
 * - case, accents (NFKD with the marks taken off, and ł, ø, ß and the like spelt out) and
 *   apostrophes do not count: "womens" finds "Women's", "cafe" finds "Café";
 * - hyphens: "co-production" is indexed as "coproduction" and as "co" and "production", so all
 *   three ways of typing it match;
 * - every word must match (AND), each in any field;
 * - a word of 4 or more letters also matches words one letter away (8 or more: two), so a
 *   misspelling still finds the project, scored below exact and prefix matches.
 * Ranking: a project where more of the words match whole (as written or as a form of the word)
 * comes first, whatever the fields: "men" puts a men's project above one about mental health.
 * Then a match in the name counts most, then keywords and areas, then the organisation and
 * partners, then the rest; within a field an exact word counts above a word beginning, and that
 * above a near spelling.
 * Suggestions are words of the projects that are not common short words (stop words) and are
 * in at most half the projects (a word most projects have narrows nothing).
 */
(function () {
  "use strict";

  // How much a match in each field counts (a field not named here counts 1).
  var BOOST = {
    name: 8, keywords: 3, areas: 3, organisation: 2, partners: 2, pcn: 2, groups: 1.5,
    theme: 1.5, cohort: 1.5, aim: 1.5, summary: 1
  };
  var WEIGHTS = { prefix: 0.5, fuzzy: 0.2 };
  var BATCH = 100;  // documents indexed per background task: about 15 ms with long summaries
  // Letters NFKD leaves alone that people type without their marks.
  var SPELT_OUT = { "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th" };
  var APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/g;
  var HYPHENS = /[-\u2010\u2011]+/;
  // A word: letters, digits and marks, with apostrophes and hyphens inside it.
  var WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['\u2018\u2019\u02bc`\u00b4]|[-\u2010\u2011]+)[\p{L}\p{N}\p{M}]+)*/gu;

  function fold(word) {
    return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[łøđħıßæœþ]/g, function (letter) { return SPELT_OUT[letter]; })
      .replace(APOSTROPHES, "");
  }

  function surfaceWords(text) {
    return text.match(WORD) || [];
  }

  // A hyphenated word's joined form first, then (when indexing) its parts.
  function terms(word, withParts) {
    var parts = fold(word).split(HYPHENS).filter(Boolean);
    var found = [parts.join("")];
    if (withParts && parts.length > 1) found.push.apply(found, parts);
    return found;
  }

  function fuzziness(term) {
    return term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
  }

  // How far a suggestion may be from a word that matches nothing: as far as the search's own
  // fuzziness, but with a swap of two letters counted as one edit (the search counts two), and
  // at least one letter; none for a word of one or two letters. Any wider and a short word is
  // offered unrelated ones ("have": "care").
  function suggestionReach(term) {
    return term.length < 3 ? 0 : Math.max(fuzziness(term), 1);
  }

  // Edit distance with adjacent swaps counted as one edit ("dunmeer" is one from "dunmere"),
  // or Infinity once it is sure to exceed `limit`.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return Infinity;
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous[j] = j;
    for (var i = 1; i <= a.length; i++) {
      var current = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        current[j] = value;
        if (value < best) best = value;
      }
      if (best > limit) return Infinity;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  // The forms a typed word is looked up as: as written, and its stem when that differs.
  function forms(term) {
    var stem = window.stemmer(term);
    return stem === term ? [term] : [term, stem];
  }

  function documentFields(documents) {
    var found = new Set();
    documents.forEach(function (document) { Object.keys(document).forEach(function (field) { found.add(field); }); });
    found.delete("id");
    return Array.from(found);
  }

  function showcaseFinderSearch(documents, fields) {
    // Each indexed term's first spelling in the data (what a suggestion shows) and how often it
    // occurs (the commoner of two equally near spellings wins); and each word's terms, worked
    // out once however often the word recurs.
    var vocabulary = new Map();
    var wordTerms = new Map();
    var indexing = false;
    var current = null;  // the document being indexed: a word's projects are counted once each
    var stopWords = new Set(window.stopwordsEnglish);
    var logic = window.showcaseFinderLogic;

    function indexTokens(text) {
      var found = [];
      var words = surfaceWords(text);
      for (var i = 0; i < words.length; i++) {
        var known = wordTerms.get(words[i]);
        if (!known) {
          var split = terms(words[i], true);
          var entry = vocabulary.get(split[0]);
          if (!entry) vocabulary.set(split[0], entry = { word: words[i], uses: 0, projects: 0, last: null });
          var stems = split.map(window.stemmer).filter(function (stem) { return split.indexOf(stem) < 0; });
          wordTerms.set(words[i], known = { terms: split.concat(stems), entry: entry });
        }
        known.entry.uses++;
        if (known.entry.last !== current) {
          known.entry.last = current;
          known.entry.projects++;
        }
        for (var t = 0; t < known.terms.length; t++) found.push(known.terms[t]);
      }
      return found;
    }

    function queryTokens(text) {
      return surfaceWords(text).map(function (word) { return terms(word, false)[0]; });
    }

    var index = new window.MiniSearch({
      fields: fields || documentFields(documents),
      tokenize: function (text) { return indexing ? indexTokens(text) : queryTokens(text); },
      processTerm: function (term) { return term || null; },
      searchOptions: {
        boost: BOOST, prefix: true, fuzzy: fuzziness, weights: WEIGHTS, combineWith: "AND",
        tokenize: queryTokens
      }
    });

    // Indexing 1,000 projects with long summaries takes a few hundred milliseconds: it is done
    // in the background, a batch per task, so the page never stops answering for long; a
    // search that comes first indexes the rest at once.
    var pending = documents.slice();
    var timer = 0;

    function indexSome(count) {
      indexing = true;
      pending.splice(0, count).forEach(function (document) {
        current = document.id;
        index.add(document);
      });
      indexing = false;
    }

    function indexLater() {
      timer = setTimeout(function () {
        timer = 0;
        indexSome(BATCH);
        if (pending.length) indexLater();
      }, 0);
    }

    function indexAll() {
      clearTimeout(timer);
      timer = 0;
      indexSome(pending.length);
    }

    if (pending.length) indexLater();

    // Each word matches as written or as its stem; every word must match.
    function scoresOf(query) {
      indexAll();
      var wordForms = queryTokens(query).map(forms);
      var scores = new Map();
      index.search({ combineWith: "AND", queries: wordForms.map(function (each) { return { combineWith: "OR", queries: each }; }) })
        .forEach(function (result) {
          scores.set(result.id, logic.exactFirst(logic.wholeWords(result.terms, wordForms), result.score));
        });
      return scores;
    }

    function suggestible(entry, candidate) {
      return logic.suggestible(candidate, entry.projects, documents.length, stopWords);
    }

    // The query with each word that matches nothing on its own replaced by the nearest indexed
    // word, if the result matches something.
    function suggest(words) {
      var changed = false;
      var fixed = words.map(function (word) {
        var term = terms(word, false)[0];
        if (stopWords.has(term) || scoresOf(term).size) return word;
        var reach = suggestionReach(term);
        var best = null;
        var bestDistance = Infinity;
        vocabulary.forEach(function (known, candidate) {
          if (!suggestible(known, candidate)) return;
          var away = distance(term, candidate, Math.min(reach, bestDistance));
          if (away < bestDistance || (away === bestDistance && best && known.uses > best.uses)) {
            best = known;
            bestDistance = away;
          }
        });
        if (!best) return word;
        changed = true;
        return best.word;
      });
      if (!changed) return null;
      var suggestion = fixed.join(" ");
      return scoresOf(suggestion).size ? suggestion : null;
    }

    return {
      match: function (query) {
        var words = surfaceWords(query || "");
        if (!words.length) return { searched: false, scores: new Map(), suggestion: null };
        var scores = scoresOf(words.join(" "));
        return { searched: true, scores: scores, suggestion: scores.size ? null : suggest(words) };
      }
    };
  }

  window.showcaseFinderSearch = showcaseFinderSearch;
})();
