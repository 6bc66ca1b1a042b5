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
 *   either way, so "connecting" finds "connect" and "carer" finds "carers" (a stem is never
 *   matched by a near spelling: "carers" does not find "care");
 * - initials: two words of a name joined by "and" or "&" ("Barking & Dagenham") are found by
 *   their initials ("B&D", "b & d");
 * - case, accents (NFKD with the marks taken off, and ł, ø, ß and the like spelt out) and
 *   apostrophes do not count: "womens" finds "Women's", "cafe" finds "Café";
 * - hyphens: "co-production" is indexed as "coproduction" and as "co" and "production", so all
 *   three ways of typing it match;
 * - every word must match (AND), each in any field;
 * - a word of 4 or more letters also matches words one letter away (8 or more: two) that start
 *   with the same letter or hold the word ("harbor": "harbour", never "food": "good"), so a
 *   misspelling still finds the project, scored below exact and prefix matches.
 * Ranking: a project where more of the words match whole (as written or as a form of the word)
 * comes first, whatever the fields: "men" puts a men's project above one about mental health.
 * Then one with the words side by side in one field ("mental health"). Then a match in the name counts most, then keywords and areas, then the organisation and
 * partners, then the rest; within a field an exact word counts above a word beginning, and that
 * above a near spelling.
 * Suggestions are words of the projects that are not common short words (stop words), are
 * in at most half the projects (a word most projects have narrows nothing), start as the typed
 * word does, and only for a word of 4 or more letters.
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
  // A word: two initials joined by "&" ("B&D", one word), or letters, digits and marks, with
  // apostrophes and hyphens inside it.
  var WORD = /(?<![\p{L}\p{N}])\p{L}&\p{L}(?![\p{L}\p{N}])|[\p{L}\p{N}\p{M}]+(?:(?:['\u2018\u2019\u02bc`\u00b4]|[-\u2010\u2011]+)[\p{L}\p{N}\p{M}]+)*/gu;
  // Two initials typed with spaces round the "&" ("B & D"), written as one word.
  var SPACED_INITIALS = /(?<![\p{L}\p{N}])(\p{L})\s+&\s+(\p{L})(?![\p{L}\p{N}])/gu;
  // Two words joined by "and" or "&" ("Barking & Dagenham"), indexed by their initials too
  // ("b&d"), as people shorten them; the "&" keeps such a term apart from any word.
  // Only in the fields that are names: "health and fitness" in a summary is no "H&F".
  var NAMED_FIELDS = ["name", "areas", "organisation", "partners", "pcn", "groups"];
  var JOINED = /(?<![\p{L}\p{N}])(\p{L})[\p{L}\p{N}\p{M}'\u2019]*\s+(?:and|&)\s+(?=(\p{L}))/giu;

  function fold(word) {
    return word.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[łøđħıßæœþ]/g, function (letter) { return SPELT_OUT[letter]; })
      .replace(APOSTROPHES, "");
  }

  function surfaceWords(text) {
    return text.replace(SPACED_INITIALS, "$1&$2").match(WORD) || [];
  }

  // The initials of each pair of words joined by "and" or "&" in the text: ["b&d"].
  function joinedInitials(text) {
    var found = [];
    var match;
    JOINED.lastIndex = 0;
    while ((match = JOINED.exec(text))) found.push(fold(match[1] + "&" + match[2]));
    return found;
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
  // fuzziness, but with a swap of two letters counted as one edit (the search counts two); none
  // for a word of three letters or fewer, as one letter off is another word ("have": "care",
  // "SWL": "SEL", another ICB).
  function suggestionReach(term) {
    return fuzziness(term);
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

  // A word's stem; initials ("b&d") have none: the stemmer would take their last letter for a
  // plural.
  function stemOf(term) {
    return term.indexOf("&") >= 0 ? term : window.stemmer(term);
  }

  // The forms a typed word is looked up as: as written, and its stem when that differs.
  function forms(term) {
    var stem = stemOf(term);
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

    function indexTokens(text, field) {
      var found = [];
      var words = surfaceWords(text);
      for (var i = 0; i < words.length; i++) {
        var known = wordTerms.get(words[i]);
        if (!known) {
          var split = terms(words[i], true);
          var entry = vocabulary.get(split[0]);
          if (!entry) vocabulary.set(split[0], entry = { word: words[i], uses: 0, projects: 0, last: null });
          var stems = split.map(stemOf).filter(function (stem) { return split.indexOf(stem) < 0; });
          wordTerms.set(words[i], known = { terms: split.concat(stems), entry: entry });
        }
        known.entry.uses++;
        if (known.entry.last !== current) {
          known.entry.last = current;
          known.entry.projects++;
        }
        for (var t = 0; t < known.terms.length; t++) found.push(known.terms[t]);
      }
      return NAMED_FIELDS.indexOf(field) >= 0 ? found.concat(joinedInitials(text)) : found;
    }

    function queryTokens(text) {
      return surfaceWords(text).map(function (word) { return terms(word, false)[0]; }).filter(Boolean);
    }

    var index = new window.MiniSearch({
      fields: fields || documentFields(documents),
      tokenize: function (text, field) { return indexing ? indexTokens(text, field) : queryTokens(text); },
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

    // Each word matches as written (a near spelling too) or as its stem (never a near spelling
    // of the stem: "carers" would find "care"); a near spelling only when it starts with the same
    // letter ("food" is not "good"); every word must match.
    function wordMatches(term) {
      var each = forms(term);
      var queries = [{ queries: [each[0]], fuzzy: fuzziness }];
      if (each.length > 1) queries.push({ queries: [each[1]], fuzzy: false });
      var found = new Map();
      index.search({ combineWith: "OR", queries: queries }).forEach(function (result) {
        if (result.terms.some(function (matched) { return logic.sameStart(matched, term); })) found.set(result.id, result);
      });
      return found;
    }

    // Each project's fields as its words' forms, for the phrase a query may be ([[term, stem]]
    // per word, per field); worked out for a project once it is a result.
    var fieldForms = new Map();
    var byId = new Map(documents.map(function (document) { return [document.id, document]; }));
    function formsOf(id) {
      if (!fieldForms.has(id)) {
        var document = byId.get(id);
        fieldForms.set(id, Object.keys(document).filter(function (field) { return field !== "id"; }).map(function (field) {
          return queryTokens(document[field]).map(forms);
        }));
      }
      return fieldForms.get(id);
    }

    function scoresOf(query) {
      indexAll();
      var typed = queryTokens(query);
      var wordForms = typed.map(forms);
      var perWord = typed.map(wordMatches);
      var scores = new Map();
      if (!typed.length) return scores;
      perWord[0].forEach(function (first, id) {
        if (!perWord.every(function (matches) { return matches.has(id); })) return;
        var matched = [];
        var score = 0;
        // For the phrase, each word as typed, its stem, and the words it matched here ("mentl":
        // "mental").
        var asMatched = perWord.map(function (matches, at) {
          var result = matches.get(id);
          matched.push.apply(matched, result.terms);
          score += result.score;
          return wordForms[at].concat(result.terms);
        });
        // One word is no phrase: its projects' words are not worked out.
        var phrase = typed.length > 1 && logic.hasPhrase(formsOf(id), asMatched);
        scores.set(id, logic.relevance(logic.wholeWords(matched, wordForms), phrase, score));
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
          if (!suggestible(known, candidate) || !logic.sameStart(candidate, term)) return;
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
