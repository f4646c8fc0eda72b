// Sentences: ICU's sentence rules (UAX #29) per paragraph, then two filters ICU lacks:
// news abbreviations and initials ("Lt. Gen.", "J. R. R.", "Dec. 19", "U.S.") do not end a
// sentence, and no sentence starts inside a quotation, so a quote of several sentences
// stays one unit with its attribution ("... before spring," Petrenko said.).
//
// Tokens: ICU's word rules, which keep numbers ("3.5", "1,000") and dotted names
// ("Example.NET") whole, then: hyphenated words are one token ("full-scale", "S-400");
// an abbreviation keeps its period ("Lt.", "U.S."), except the one that ends a sentence;
// contractions and possessives split as in the Penn Treebank ("do" "n't", "Norway" "’s")
// so that a name's token is the bare name.
//
// Both iterators work on the UTF-8 text itself through a UText, so every boundary is a
// byte offset and nothing is converted or mapped back.
#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>
#include <string>
#include <unordered_set>

#include "text/abbreviations.h"

namespace sitrep {

namespace {

// Break iterators are costly to build: one prototype each, cloned once per thread.
struct Iterators {
  std::unique_ptr<icu::BreakIterator> sentence, word;
  UText text = UTEXT_INITIALIZER;

  Iterators() {
    UErrorCode status = U_ZERO_ERROR;
    static const std::unique_ptr<icu::BreakIterator> sentence_proto(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), status));
    static const std::unique_ptr<icu::BreakIterator> word_proto(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    sentence.reset(sentence_proto->clone());
    word.reset(word_proto->clone());
  }
  ~Iterators() { utext_close(&text); }

  // Points both iterators at `s`; offsets they return are bytes into `s`.
  void SetText(std::string_view s) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&text, s.data(), static_cast<int64_t>(s.size()), &status);
    sentence->setText(&text, status);
    word->setText(&text, status);
  }
};

Iterators& ThreadIterators() {
  thread_local Iterators iterators;
  return iterators;
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t'; }

// ---- quotations ----

struct Region {
  uint32_t begin, end;  // bytes: the opening mark to just after the closing one
};

enum class Mark { kNone, kOpen, kClose, kEither };

// What the quote mark at `i` (of `len` bytes) does, from the mark and its neighbours.
Mark QuoteMark(std::string_view s, size_t i, size_t& len) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == '"') {
    len = 1;
    const bool space_before = i == 0 || IsSpace(s[i - 1]) || s[i - 1] == '(' || s[i - 1] == '[';
    const bool space_after = i + 1 >= s.size() || IsSpace(s[i + 1]);
    if (space_before && !space_after) return Mark::kOpen;
    if (!space_before && space_after) return Mark::kClose;
    return space_before ? Mark::kEither : Mark::kClose;  // "word"word: rare, read as closing
  }
  if (c < 0xC2) return Mark::kNone;
  len = 2;
  if (s.compare(i, 2, "«") == 0) return Mark::kOpen;
  if (s.compare(i, 2, "»") == 0) return Mark::kClose;
  len = 3;
  if (s.compare(i, 3, "“") == 0) return Mark::kEither;  // opens in English, closes after „
  if (s.compare(i, 3, "„") == 0) return Mark::kOpen;
  if (s.compare(i, 3, "”") == 0) return Mark::kClose;
  return Mark::kNone;
}

// Quotations in one paragraph. A closing mark without an opening one ends a quote that
// began in an earlier paragraph; an opening mark never closed runs to the paragraph's end.
std::vector<Region> QuoteRegions(std::string_view p) {
  std::vector<Region> regions;
  std::vector<std::pair<uint32_t, bool>> open;  // position, opened with „
  uint32_t resume = 0;  // where an unmatched closing quote's region may start
  for (size_t i = 0; i < p.size();) {
    size_t len = 1;
    Mark mark = QuoteMark(p, i, len);
    const auto at = static_cast<uint32_t>(i);
    i += len;
    if (mark == Mark::kNone) continue;
    if (mark == Mark::kEither) {
      const bool low_open = !open.empty() && open.back().second;
      mark = (p[at] == '"' ? !open.empty() : low_open) ? Mark::kClose : Mark::kOpen;
    }
    if (mark == Mark::kOpen) {
      open.push_back({at, p.compare(at, 3, "„") == 0});
      continue;
    }
    const uint32_t begin = open.empty() ? resume : open.back().first;
    if (!open.empty()) open.pop_back();
    if (open.empty()) {
      regions.push_back({begin, static_cast<uint32_t>(i)});
      resume = static_cast<uint32_t>(i);
    }
  }
  if (!open.empty()) regions.push_back({open.front().first, static_cast<uint32_t>(p.size())});
  return regions;
}

bool InsideQuote(const std::vector<Region>& regions, uint32_t b) {
  for (const Region& r : regions)
    if (r.begin < b && b < r.end) return true;
  return false;
}

// ---- sentences ----

// Whether the text before a candidate break ends with an abbreviation or an initial.
bool EndsWithAbbreviation(std::string_view before) {
  while (!before.empty() && IsSpace(before.back())) before.remove_suffix(1);
  if (before.empty() || before.back() != '.') return false;
  const size_t space = before.find_last_of(" \n(\"“«");
  const std::string_view word = before.substr(space == std::string_view::npos ? 0 : space + 1);
  return IsAbbreviation(word);
}

void AddSentence(Article& a, uint32_t begin, uint32_t end, uint32_t paragraph) {
  while (begin < end && IsSpace(a.text[begin])) ++begin;
  while (end > begin && IsSpace(a.text[end - 1])) --end;
  if (end > begin) a.sentences.push_back({{begin, end}, paragraph});
}

void SplitParagraph(Article& a, Iterators& it, uint32_t index) {
  const Span para = a.paragraphs[index];
  const std::string_view p = a.Text(para);
  it.SetText(p);
  const std::vector<Region> quotes = QuoteRegions(p);
  uint32_t start = 0;
  for (int32_t b = it.sentence->next(); b != icu::BreakIterator::DONE; b = it.sentence->next()) {
    const auto at = static_cast<uint32_t>(b);
    if (at < p.size() && (InsideQuote(quotes, at) || EndsWithAbbreviation(p.substr(0, at))))
      continue;
    AddSentence(a, para.begin + start, para.begin + at, index);
    start = at;
  }
}

// ---- tokens ----

bool IsWordByte(char c) {
  return static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c));
}

// Contractions and possessives that become their own token: "n't", "'s", "’ll", ...
size_t CliticLength(std::string_view token) {
  static const std::string_view kClitics[] = {"n't", "n’t", "'s", "’s", "'re", "’re", "'ve", "’ve",
                                              "'ll", "’ll", "'d", "’d", "'m", "’m", "'S", "’S"};
  for (std::string_view c : kClitics) {
    if (token.size() > c.size() && token.ends_with(c)) {
      const char before = token[token.size() - c.size() - 1];
      if (c[0] == 'n' || IsWordByte(before)) return c.size();
    }
  }
  return 0;
}

void Tokenize(Article& a, Iterators& it, const std::unordered_set<uint32_t>& sentence_ends) {
  const std::string& t = a.text;
  it.SetText(t);
  std::vector<Span>& out = a.tokens;
  out.reserve(t.size() / 5);
  int32_t prev = it.word->first();
  for (int32_t b = it.word->next(); b != icu::BreakIterator::DONE; prev = b, b = it.word->next()) {
    const auto begin = static_cast<uint32_t>(prev), end = static_cast<uint32_t>(b);
    if (IsSpace(t[begin])) continue;
    if (!out.empty()) {
      Span& last = out.back();
      // "full" "-" "scale" → "full-scale"; "S" "-" "400" → "S-400".
      const bool word_now = IsWordByte(t[begin]);
      const bool after_hyphen = last.end == begin && last.size() == 1 && t[last.begin] == '-' &&
                                out.size() >= 2 && out[out.size() - 2].end == last.begin &&
                                IsWordByte(t[out[out.size() - 2].begin]);
      if (word_now && after_hyphen) {
        out.pop_back();
        out.back().end = end;
        continue;
      }
      // "Lt" "." → "Lt." unless that period ends the sentence.
      if (end == begin + 1 && t[begin] == '.' && last.end == begin && !sentence_ends.count(end) &&
          IsAbbreviation(std::string_view(t).substr(last.begin, end - last.begin))) {
        last.end = end;
        continue;
      }
    }
    out.push_back({begin, end});
  }
  // Split clitics last, so "Commander-in-Chief’s" first becomes one word.
  std::vector<Span> split;
  split.reserve(out.size() + out.size() / 16);
  for (const Span& s : out) {
    const size_t clitic = IsWordByte(t[s.begin]) ? CliticLength(a.Text(s)) : 0;
    if (clitic == 0) {
      split.push_back(s);
    } else {
      split.push_back({s.begin, static_cast<uint32_t>(s.end - clitic)});
      split.push_back({static_cast<uint32_t>(s.end - clitic), s.end});
    }
  }
  out.swap(split);
}

}  // namespace

void Segment(Article& article) {
  article.sentences.clear();
  article.tokens.clear();
  Iterators& it = ThreadIterators();
  if (article.paragraphs.empty() && !article.text.empty())
    article.paragraphs.push_back({0, static_cast<uint32_t>(article.text.size())});
  for (uint32_t i = 0; i < article.paragraphs.size(); ++i) SplitParagraph(article, it, i);
  std::unordered_set<uint32_t> ends;
  ends.reserve(article.sentences.size() * 2);
  for (const Sentence& s : article.sentences) ends.insert(s.span.end);
  Tokenize(article, it, ends);
}

}  // namespace sitrep
