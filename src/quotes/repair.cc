// Each rule reads one attribution with its sentence and the article's quotations, and either
// moves a span edge or marks the attribution as no statement. The rules look at words and
// punctuation (and, for a source, where the entity tagger found a name); resolving names to
// speakers is the provenance rules' business.
#include "quotes/repair.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "quotes/sentences.h"
#include "util/strings.h"

namespace sitrep::quotes {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

int WordCount(std::string_view text) {
  int n = 0;
  bool in_word = false;
  for (char c : text) {
    n += !IsSpace(c) && !in_word;
    in_word = !IsSpace(c);
  }
  return n;
}

std::string_view FirstWord(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  size_t end = 0;
  while (end < text.size() && !IsSpace(text[end]) && text[end] != ',') ++end;
  return text.substr(0, end);
}

// A quotation mark at byte i: +1 opens, -1 closes, 2 either (a straight mark), 0 none.
int MarkAt(std::string_view t, size_t i, size_t& len) {
  len = 1;
  if (t[i] == '"') return 2;
  static constexpr std::array<std::pair<std::string_view, int>, 5> kMarks = {
      {{"“", 1}, {"«", 1}, {"„", 1}, {"”", -1}, {"»", -1}}};
  for (auto [mark, kind] : kMarks)
    if (t.substr(i, mark.size()) == mark) {
      len = mark.size();
      return kind;
    }
  return 0;
}

bool IsMarkOrPunct(std::string_view t, size_t i, size_t& len) {
  if (MarkAt(t, i, len)) return true;
  len = 1;
  return IsSpace(t[i]) || t[i] == ',' || t[i] == '.' || t[i] == '!' || t[i] == '?' || t[i] == ';' || t[i] == ':';
}

// Only white space, punctuation and quotation marks between two bytes.
bool OnlyPunctuation(std::string_view t, uint32_t from, uint32_t to) {
  for (size_t i = from, len = 1; i < to; i += len)
    if (!IsMarkOrPunct(t, i, len)) return false;
  return true;
}

// Quotations, mark to mark, paired within a paragraph; an opening mark never closed runs to
// the paragraph's end.
std::vector<Span> Quotations(const Article& a) {
  std::vector<Span> out;
  const std::string_view t = a.text;
  for (const Span& p : a.paragraphs) {
    int64_t open = -1;
    for (size_t i = p.begin, len = 1; i < p.end; i += len) {
      int kind = MarkAt(t, i, len);
      if (kind == 2) kind = open >= 0 ? -1 : 1;
      if (kind == 1 && open < 0) open = int64_t(i);
      else if (kind == -1 && open >= 0) {
        out.push_back({uint32_t(open), uint32_t(i + len)});
        open = -1;
      }
    }
    if (open >= 0) out.push_back({uint32_t(open), p.end});
  }
  return out;
}

// The sentence's end without trailing space and its closing full stop, "!" or "?".
uint32_t ClauseEnd(const Article& a, Span sentence) {
  uint32_t end = sentence.end;
  while (end > sentence.begin && IsSpace(a.text[end - 1])) --end;
  if (end > sentence.begin && (a.text[end - 1] == '.' || a.text[end - 1] == '!' || a.text[end - 1] == '?')) --end;
  return end;
}

Span TrimSpaces(const Article& a, Span s) {
  while (s.begin < s.end && (IsSpace(a.text[s.begin]) || a.text[s.begin] == ',')) ++s.begin;
  while (s.end > s.begin && (IsSpace(a.text[s.end - 1]) || a.text[s.end - 1] == ',')) --s.end;
  return s;
}

uint32_t Overlap(Span x, Span y) {
  const uint32_t begin = std::max(x.begin, y.begin), end = std::min(x.end, y.end);
  return end > begin ? end - begin : 0;
}

bool CueBefore(const Attribution& q) { return q.cue.end <= q.content.begin; }

// ---- the rules ----

// A quotation the tagger found in part: its window ends some way before a long quotation's
// opening mark, or stops short of its closing one.
void TakeQuotationWhole(const Article& a, Attribution& q, const std::vector<Span>& quotations) {
  for (Span z : quotations) {
    if (q.content.begin >= z.end || q.content.end <= z.begin) continue;
    if (q.cue.begin >= z.begin && q.cue.end <= z.end) return;  // a cue inside: someone quoted within
    const bool reaches_end = q.content.end <= z.end && OnlyPunctuation(a.text, q.content.end, z.end);
    const bool reaches_start = q.content.begin >= z.begin && OnlyPunctuation(a.text, z.begin, q.content.begin);
    if (reaches_end && q.content.begin > z.begin) q.content.begin = z.begin;
    else if (reaches_start && q.content.end < z.end && q.content.end > z.begin) q.content.end = z.end;
    return;
  }
}

// "“...,” Radio Harbour quoted Jane Roe as saying": a content that opens with a quotation and
// runs on over its own cue, with no quotation after the cue ("“A,” she said, “B.”" is one
// content in two pieces), is that quotation.
void StopBeforeOwnCue(const Attribution& q, const std::vector<Span>& quotations, Span& content) {
  if (!(content.begin <= q.cue.begin && q.cue.begin < content.end)) return;
  for (Span z : quotations)
    if (z.begin >= q.cue.end && z.begin < content.end) return;
  for (Span z : quotations)
    if (z.begin == content.begin && z.end <= q.cue.begin) content = z;
}

// "said that in recent days, ..." stops at the comma; a reported clause right after its cue
// ("said that ...", "said the port ...") runs to the end of its sentence unless another cue
// stands between.
void RunToClauseEnd(const Article& a, Attribution& q, const std::vector<Attribution>& all) {
  if (!CueBefore(q) || !OnlyPunctuation(a.text, q.cue.end, q.content.begin)) return;
  std::string_view content = a.Text(q.content);
  if (content.empty() || !(content[0] >= 'a' && content[0] <= 'z')) return;  // a quotation, a name
  const Sentence* s = SentenceAt(a, q.content.begin);
  if (!s) return;
  const uint32_t end = ClauseEnd(a, s->span);
  if (end <= q.content.end) return;
  for (const Attribution& o : all)
    if (&o != &q && o.cue.begin >= q.content.end && o.cue.begin < end) return;
  q.content.end = end;
}

// "as Jane Roe put it": the content is the quotation (or clause) just before "as", the
// source the words between "as" and the cue; another attribution of the sentence whose
// content ran over "as ... put it" ends before it.
bool AsPutIt(const Article& a, Attribution& q, std::vector<Attribution>& all) {
  const std::string cue = AsciiLower(a.Text(q.cue));
  if (!(cue == "put" || cue == "puts" || cue == "put it" || cue == "puts it")) return false;
  const Sentence* s = SentenceAt(a, q.cue.begin);
  if (!s) return false;
  const std::string before = AsciiLower(a.text.substr(s->span.begin, q.cue.begin - s->span.begin));
  const size_t as = before.rfind(" as ");
  if (as == std::string::npos || WordCount(std::string_view(before).substr(as + 4)) > 8) return false;
  const uint32_t as_at = s->span.begin + uint32_t(as);  // the space before "as"
  q.source = TrimSpaces(a, {as_at + 4, q.cue.begin});
  uint32_t end = as_at;
  while (end > s->span.begin && (IsSpace(a.text[end - 1]) || a.text[end - 1] == ',')) --end;
  Span content{s->span.begin, end};
  for (Span z : Quotations(a))
    if (z.end == end || (z.end + 1 == end && a.text[end - 1] == ',')) content = z;
  if (content.begin == s->span.begin)
    for (uint32_t i = end; i-- > s->span.begin;)
      if (a.text[i] == ',') {
        content.begin = i + 1;
        break;
      }
  q.content = TrimSpaces(a, content);
  for (Attribution& o : all)
    if (&o != &q && o.content.begin < as_at && o.content.end > as_at) o.content.end = as_at;
  return true;
}

// A content that runs on over its own credit's "as Jane Roe put it" (the tagger missed "put"
// as a cue) ends before "as".
void StopBeforeAsPutIt(const Article& a, Attribution& q) {
  const std::string content = AsciiLower(a.Text(q.content));
  for (size_t as = content.find(" as "); as != std::string::npos; as = content.find(" as ", as + 1)) {
    size_t put = content.find(" put it", as);
    if (put == std::string::npos) put = content.find(" puts it", as);
    if (put == std::string::npos || WordCount(std::string_view(content).substr(as + 4, put - as - 4)) > 6) continue;
    uint32_t end = q.content.begin + uint32_t(as);
    while (end > q.content.begin && (IsSpace(a.text[end - 1]) || a.text[end - 1] == ',')) --end;
    q.content.end = end;
    return;
  }
}

// "Otherwise, according to Jane Roe, the port stays shut": the content is what follows.
void AccordingToParenthesis(const Article& a, Attribution& q) {
  if (AsciiLower(a.Text(q.cue)) != "according to" || q.content.end > q.cue.begin || q.source.size() == 0) return;
  if (WordCount(a.Text(q.content)) > 2) return;
  // Set off by commas on both sides: "Otherwise, according to ..., " (not "That's according to").
  uint32_t comma = q.cue.begin;
  while (comma > q.content.end && IsSpace(a.text[comma - 1])) --comma;
  if (comma == q.content.end || a.text[comma - 1] != ',') return;
  const Sentence* s = SentenceAt(a, q.cue.begin);
  if (!s) return;
  uint32_t i = q.source.end;
  while (i < s->span.end && IsSpace(a.text[i])) ++i;
  if (i >= s->span.end || a.text[i] != ',') return;
  Span rest = TrimSpaces(a, {i + 1, ClauseEnd(a, s->span)});
  if (WordCount(a.Text(rest)) >= 4) q.content = rest;
}

// A content that only points at what was said: a pronoun or a short phrase opened by a
// determiner ("this visit", "his opinion", "That"), or the topic of "commented on" / "spoke
// about".
bool Placeholder(const Article& a, const Attribution& q) {
  const std::string cue = AsciiLower(a.Text(q.cue));
  if (cue.ends_with(" on") || cue.ends_with(" about")) return true;
  std::string_view content = a.Text(q.content);
  if (WordCount(content) > 3) return false;
  static const std::array<std::string_view, 10> kPointers = {"it", "this", "that", "these", "those",
                                                             "his", "her", "their", "its", "so"};
  const std::string first = AsciiLower(FirstWord(content));
  if (first == "that" && CueBefore(q) && WordCount(content) > 1) return false;  // "said that the port ..."
  return std::find(kPointers.begin(), kPointers.end(), first) != kPointers.end() ||
         first.starts_with("that’") || first.starts_with("that'");
}

// What a placeholder stands for: the paragraph (or sentence) before, when it opens the
// sentence ("That's according to Jane Roe"); the clause before the source ("The port stays
// shut, Jane Roe, the harbour master, commented on this"). Empty when neither is there.
Span PlaceholderFor(const Article& a, const Attribution& q, const std::vector<const Attribution*>& others) {
  const Sentence* s = SentenceAt(a, q.cue.begin);
  if (!s) return {};
  if (q.content.begin == s->span.begin && q.content.end <= q.cue.begin) {
    const size_t index = size_t(s - a.sentences.data());
    if (index == 0) return {};
    const Sentence& prev = a.sentences[index - 1];
    if (prev.paragraph != s->paragraph) return TrimSpaces(a, a.paragraphs[prev.paragraph]);
    return TrimSpaces(a, prev.span);
  }
  if (q.source.size() == 0 || q.source.end > q.cue.begin) return {};
  uint32_t comma = q.source.begin;
  while (comma > s->span.begin && IsSpace(a.text[comma - 1])) --comma;
  if (comma == s->span.begin || a.text[comma - 1] != ',') return {};
  Span before = TrimSpaces(a, {s->span.begin, comma - 1});
  if (WordCount(a.Text(before)) < 6) return {};  // "On the other hand, ..." is no statement
  // A clause with a cue of its own is another statement, not this one's.
  for (const Attribution* o : others)
    if (o != &q && o->cue.begin >= before.begin && o->cue.end <= before.end) return {};
  return before;
}

// "As a reminder, the harbour council": a leading phrase with no name and a comma is no
// part of the source.
void CutSourceLeftover(const Article& a, Attribution& q) {
  std::string_view source = a.Text(q.source);
  const size_t comma = source.find(", ");
  if (comma == std::string_view::npos || WordCount(source.substr(0, comma)) > 3) return;
  for (char c : source.substr(0, comma))
    if ((c >= 'A' && c <= 'Z') || static_cast<unsigned char>(c) >= 0x80) return;
  static const std::array<std::string_view, 12> kPeople = {"minister", "spokesman", "spokeswoman", "official",
                                                           "expert", "analyst", "secretary", "head",
                                                           "chief", "director", "leader", "president"};
  std::string last(source.substr(0, comma));
  last = last.substr(last.rfind(' ') == std::string::npos ? 0 : last.rfind(' ') + 1);
  if (std::find(kPeople.begin(), kPeople.end(), last) != kPeople.end()) return;
  q.source.begin += uint32_t(comma + 2);
}

// "Jane Roe was more specific about the plan, stressing that ...": for a participle after a
// comma the model can take the predicate before it for the source. A source that opens on a
// lower-case word no noun phrase opens with is that predicate; the participle's subject is the
// clause's, the nearest person (else organisation) named before it in the sentence.
void SubjectForPredicate(const Article& a, Attribution& q) {
  const std::string_view source = a.Text(q.source), cue = a.Text(q.cue);
  if (source.empty() || !std::islower(static_cast<unsigned char>(source[0])) || !cue.ends_with("ing")) return;
  if (q.cue.begin < 2 || std::string_view(a.text).substr(q.cue.begin - 2, 2) != ", ") return;
  static const std::set<std::string> kOpeners = {
      "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
      "he", "she", "it", "they", "we", "i", "you", "who", "which", "some", "many", "most", "several", "both",
      "all", "each", "one", "two", "three", "other", "another", "officials", "experts", "analysts", "sources"};
  if (kOpeners.count(AsciiLower(FirstWord(source)))) return;
  const Sentence* sentence = SentenceAt(a, q.source.begin);
  if (!sentence) return;
  const Mention* subject = nullptr;
  for (const Mention& m : a.mentions) {
    if (m.span.begin < sentence->span.begin || m.span.end > q.source.begin) continue;
    if (m.type == EntityType::kPerson || (m.type == EntityType::kOrganisation &&
                                          (!subject || subject->type != EntityType::kPerson)))
      subject = &m;
  }
  if (subject) q.source = subject->span;
}

// Words that say someone spoke, wrote or held a view: a cue needs one (or no letters at all,
// as a dash or a colon that introduces a quotation). Stems, matched at a word's start.
bool SpeechWord(std::string_view w) {
  static const std::string_view kStems[] = {
      "said", "say", "tell", "told", "state", "claim", "add", "noted", "note", "noting", "warn", "emphasi",
      "emphasiz", "stress", "explain", "recall", "believ", "think", "thought", "argu", "insist", "assur",
      "announc", "report", "writ", "wrote", "tweet", "post", "comment", "assum", "suggest", "admit",
      "acknowledg", "deni", "deny", "confirm", "reveal", "accus", "urge", "urging", "ask", "answer", "repl",
      "respon", "predict", "expect", "estimat", "conclud", "declar", "describ", "call", "convinc", "hope",
      "hoping", "fear", "worr", "doubt", "agree", "agreed", "disagre", "critici", "complain", "promis", "vow",
      "pledg", "threat", "demand", "propos", "recommend", "advis", "maintain", "contend", "conced", "point",
      "accord", "quot", "cite", "citing", "interview", "testif", "remark", "observ", "mention", "indicat",
      "signal", "express", "voic", "feel", "felt", "opin", "speak", "spoke", "talk", "discuss", "prais",
      "blam", "condemn", "welcom", "hail", "dismiss", "reject", "specul", "forecast", "caution", "alleg",
      "declin", "refus", "recount", "learn", "assert", "stat", "insist", "announce"};
  const std::string lower = AsciiLower(w);
  for (std::string_view stem : kStems)
    if (lower.starts_with(stem)) return true;
  return false;
}

bool SpeechCue(std::string_view cue) {
  bool letters = false;
  for (size_t i = 0; i < cue.size();) {
    while (i < cue.size() && IsSpace(cue[i])) ++i;
    size_t end = i;
    while (end < cue.size() && !IsSpace(cue[end])) ++end;
    std::string_view w = cue.substr(i, end - i);
    // "’s according to": the clitic is no word.
    while (!w.empty() && !std::isalpha(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
    if (!w.empty()) letters = true;
    if (!w.empty() && SpeechWord(w)) return true;
    i = end;
  }
  return !letters;
}

// "Her words actually mean: ...": the author reads someone's words; the reading is the
// author's. A source that is someone's words, not someone.
bool AuthorsReading(const Article& a, const Attribution& q) {
  const std::string source = AsciiLower(a.Text(q.source));
  for (std::string_view w : {"words", "statement", "remarks", "comments"})
    if (source.find(std::string(w)) != std::string::npos &&
        (source.find("’s " + std::string(w)) != std::string::npos ||
         source.find("'s " + std::string(w)) != std::string::npos))
      return true;
  return false;
}

// A word of a credit's source: a capitalised word (a name, a title), a particle inside a
// name ("de", "van", "al-") or a pronoun.
bool SourceWord(std::string_view w) {
  if (w.empty()) return false;
  if (std::isupper(static_cast<unsigned char>(w.front())) || static_cast<unsigned char>(w.front()) >= 0x80) return true;
  for (std::string_view p : {"he", "she", "they", "de", "van", "von", "al", "bin"})
    if (w == p) return true;
  return false;
}

constexpr std::string_view kNoBreakSpace = "\u00a0";

// The first byte at or after i (before end) that is no space, tab or no-break space.
size_t SkipBlanks(std::string_view t, size_t i, size_t end) {
  while (i < end) {
    if (t[i] == ' ' || t[i] == '\t') ++i;
    else if (t.substr(i).starts_with(kNoBreakSpace)) i += kNoBreakSpace.size();
    else break;
  }
  return i;
}

// The words of text[from, end) up to the clause's end (a full stop, comma, semicolon or
// line break), each as a span; empty when the clause runs over `max` words.
std::vector<Span> ClauseWords(std::string_view t, size_t from, size_t end, size_t max) {
  std::vector<Span> words;
  for (size_t i = from; i < end;) {
    i = SkipBlanks(t, i, end);
    if (i >= end || t[i] == '.' || t[i] == ',' || t[i] == ';' || t[i] == '\n' || t[i] == '!' || t[i] == '?') break;
    size_t j = i;
    while (j < end && !IsSpace(t[j]) && !t.substr(j).starts_with(kNoBreakSpace) && t[j] != '.' && t[j] != ',' && t[j] != ';') ++j;
    words.push_back({uint32_t(i), uint32_t(j)});
    if (words.size() > max) return {};
    i = j;
  }
  return words;
}

// "― Jane Roe" after a quotation: one to four capitalised words (no speech verb, no pronoun),
// then the line's end, a full stop ending it, or a comma before the name's title.
bool EpigraphCredit(std::string_view t, const std::vector<Span>& words, size_t line_end) {
  if (words.size() > 4) return false;
  for (Span w : words) {
    const std::string_view word = t.substr(w.begin, w.size());
    if (!std::isupper(static_cast<unsigned char>(word.front())) || SpeechWord(word)) return false;
  }
  size_t after = SkipBlanks(t, words.back().end, line_end);
  if (after < line_end && t[after] == ',') return true;
  if (after < line_end && t[after] == '.') after = SkipBlanks(t, after + 1, line_end);
  return after >= line_end;
}

// "“...”, - noted Jane Roe." / "“...”, Jane Roe noted." / "“...” ― Jane Roe": a quotation the
// tagger left without a cue, closed by its credit: a comma or dash, a speech verb and a name or
// pronoun, and the clause ends; or, epigraph style, a dash and a name alone ending its line
// (a title may follow the name after a comma), the dash its cue. Translated press writes the
// dash; the tagger, trained on US news, misses it.
std::vector<Attribution> CreditedQuotations(const Article& a, const std::vector<Span>& quotations) {
  std::vector<Attribution> out;
  const std::string_view t = a.text;
  for (Span z : quotations) {
    // Taken by a cue outside it; a cue the tagger found among the quotation's own words does
    // not credit it.
    const bool taken = std::any_of(a.attributions.begin(), a.attributions.end(), [&](const Attribution& q) {
      return Overlap(z, q.content) > 0 && Overlap(z, q.cue) == 0;
    });
    if (taken || z.size() < 2) continue;
    size_t i = SkipBlanks(t, z.end, t.size());
    if (t.substr(i).starts_with(",")) i = SkipBlanks(t, i + 1, t.size());
    Span dash;
    for (std::string_view d : {"-", "—", "–", "―"})
      if (t.substr(i).starts_with(d)) dash = {uint32_t(i), uint32_t(i + d.size())};
    if (dash.size()) i = dash.end;
    const size_t line_end = std::min(t.find('\n', i), t.size());
    const std::vector<Span> words = ClauseWords(t, i, line_end, 5);
    if (words.empty()) continue;
    auto text = [&](Span w) { return t.substr(w.begin, w.size()); };
    auto names = [&](auto from, auto to) {
      return from < to && std::all_of(from, to, [&](Span w) { return SourceWord(text(w)); });
    };
    Attribution at;
    if (SpeechWord(text(words.front())) && names(words.begin() + 1, words.end()))
      at.cue = words.front(), at.source = {words[1].begin, words.back().end};
    else if (SpeechWord(text(words.back())) && names(words.begin(), words.end() - 1))
      at.cue = words.back(), at.source = {words.front().begin, words[words.size() - 2].end};
    else if (dash.size() && EpigraphCredit(t, words, line_end))
      at.cue = dash, at.source = {words.front().begin, words.back().end};
    else
      continue;
    at.content = z;
    at.direct = true;
    out.push_back(at);
  }
  return out;
}

bool HasAuxiliary(std::string_view clause) {
  static const std::set<std::string> kAux = {"is", "are", "was", "were", "will", "would", "has", "have",
                                             "had", "can", "could", "may", "might", "must", "should", "be"};
  for (size_t i = 0; i < clause.size();) {
    while (i < clause.size() && IsSpace(clause[i])) ++i;
    size_t j = i;
    while (j < clause.size() && !IsSpace(clause[j])) ++j;
    if (kAux.count(AsciiLower(clause.substr(i, j - i)))) return true;
    i = j;
  }
  return false;
}

// "The port will reopen in May, Jane Roe, the harbour master, has told Radio Harbour.": a
// sentence the tagger left without a cue whose last clause is a speech verb (after "has",
// "had" or nothing) and whose clause before it opens with a person's name (an apposition may
// follow the name). The content is what comes before the name; the source the name and its
// apposition. Wire style; the tagger, reading a window of tokens, loses it in a long sentence.
std::vector<Attribution> CreditedClauses(const Article& a) {
  std::vector<Attribution> out;
  const std::string_view t = a.text;
  for (const Sentence& sentence : a.sentences) {
    const Span s = sentence.span;
    if (std::any_of(a.attributions.begin(), a.attributions.end(),
                    [&](const Attribution& q) { return Overlap(s, q.content) > 0 || Overlap(s, q.cue) > 0; }))
      continue;
    std::vector<uint32_t> commas;
    for (uint32_t i = s.begin; i < s.end; ++i)
      if (t[i] == ',') commas.push_back(i);
    if (commas.size() < 2) continue;
    // The last clause: [has|had] <speech verb> ...
    const uint32_t last = commas.back() + 1;
    std::vector<Span> words = ClauseWords(t, last, s.end, 8);
    if (words.empty()) continue;
    size_t verb = 0;
    const std::string_view first_word = t.substr(words[0].begin, words[0].size());
    if ((first_word == "has" || first_word == "had") && words.size() > 1) verb = 1;
    const std::string_view verb_word = t.substr(words[verb].begin, words[verb].size());
    if (!SpeechWord(verb_word) || std::isupper(static_cast<unsigned char>(verb_word[0]))) continue;
    // "..., Jane Roe, said this on ..." points at what came before: not this rule's.
    if (verb + 1 < words.size()) {
      const std::string_view object = t.substr(words[verb + 1].begin, words[verb + 1].size());
      if (object == "this" || object == "so" || object == "it" || object == "that") continue;
    }
    // The name opens the clause after the content's comma: the first comma a person's name
    // follows (an apposition may come between it and the last clause).
    for (size_t c = 0; c + 1 < commas.size(); ++c) {
      uint32_t name_at = commas[c] + 1;
      while (name_at < s.end && t[name_at] == ' ') ++name_at;
      const auto person = std::find_if(a.mentions.begin(), a.mentions.end(), [&](const Mention& m) {
        return m.type == EntityType::kPerson && m.span.begin == name_at;
      });
      if (person == a.mentions.end()) continue;
      // the name ends its clause, or the clause is the name alone
      if (person->span.end != commas[c + 1]) break;
      Attribution at;
      at.content = TrimSpaces(a, {s.begin, commas[c]});
      // A clause, not a title before the name ("The deputy mayor, Jane Roe, said ..."): it
      // has a verb, seen by its auxiliary or copula.
      if (WordCount(a.Text(at.content)) < 4 || !HasAuxiliary(a.Text(at.content))) break;
      at.source = {person->span.begin, commas.back()};
      at.cue = {words[0].begin, words[verb].end};
      out.push_back(at);
      break;
    }
  }
  return out;
}

// A transcript's speaker label opening a paragraph: "WALLACE: ..." or, with a quotation mark
// before it, "\"MR. ROE: ...": one to three words of capitals (two letters at least, so "Q:"
// and "A:" are not names), then a colon and the turn's words. The label's span, else empty.
Span TurnLabel(const Article& a, Span paragraph) {
  const std::string_view t = a.text;
  size_t i = paragraph.begin, len = 0;
  if (i < paragraph.end && MarkAt(t, i, len)) i += len;
  const size_t colon = t.find(':', i);
  if (colon == std::string_view::npos || colon >= paragraph.end || colon - i > 40) return {};
  size_t letters = 0, words = 1;
  for (size_t k = i; k < colon; ++k) {
    const char c = t[k];
    if (std::isupper(static_cast<unsigned char>(c))) ++letters;
    else if (c == ' ') ++words;
    else if (c != '.' && c != '\'' && c != '-') return {};
  }
  if (letters < 2 || words > 3 || t[colon - 1] == ' ') return {};
  // The turn reads as speech: words in lower case, not a table of capitals.
  const std::string_view turn = t.substr(colon + 1, paragraph.end - colon - 1);
  if (WordCount(turn) < 2) return {};
  const auto lower = std::count_if(turn.begin(), turn.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  const auto upper = std::count_if(turn.begin(), turn.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
  if (lower <= upper) return {};
  return {uint32_t(i), uint32_t(colon)};
}

// "WALLACE: Let's start with the debate." / "PENCE: Well, look, ...": in a transcript each turn
// is its speaker's, the colon its cue and the rest of the paragraph its content. A transcript
// is a dialogue: two speakers at least, and one of them speaks again, so a lone "UPDATE:" or
// "NOTE:", or a list of places each with its figures, is none.
std::vector<Attribution> TranscriptTurns(const Article& a) {
  std::vector<std::pair<Span, Span>> turns;  // label, paragraph
  std::map<std::string_view, int> speakers;  // label -> turns
  for (Span p : a.paragraphs)
    if (const Span label = TurnLabel(a, p); label.size()) {
      turns.push_back({label, p});
      ++speakers[a.Text(label)];
    }
  std::vector<Attribution> out;
  const bool speaks_again = std::any_of(speakers.begin(), speakers.end(), [](const auto& s) { return s.second > 1; });
  if (speakers.size() < 2 || !speaks_again) return out;
  for (auto [label, p] : turns) {
    Attribution at;
    at.source = label;
    at.cue = {label.end, label.end + 1};
    at.content = TrimSpaces(a, {label.end + 1, p.end});
    const bool found = std::any_of(a.attributions.begin(), a.attributions.end(),
                                   [&](const Attribution& q) { return Overlap(q.cue, at.cue) > 0; });
    if (!found) out.push_back(at);
  }
  return out;
}

}  // namespace

void RepairAttributions(Article& a, const RepairOptions& options) {
  const std::vector<Span> quotations = Quotations(a);
  auto credited = CreditedQuotations(a, quotations);
  for (const Attribution& clause : CreditedClauses(a)) credited.push_back(clause);
  for (const Attribution& turn : TranscriptTurns(a)) credited.push_back(turn);
  if (!credited.empty()) {
    a.attributions.insert(a.attributions.end(), credited.begin(), credited.end());
    std::stable_sort(a.attributions.begin(), a.attributions.end(),
                     [](const Attribution& x, const Attribution& y) { return x.cue.begin < y.cue.begin; });
  }
  std::vector<bool> drop(a.attributions.size(), false);
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    Attribution& q = a.attributions[i];
    const bool as_put_it = AsPutIt(a, q, a.attributions);
    if (options.for_reader && !as_put_it)
      drop[i] = !SpeechCue(a.Text(q.cue)) || AuthorsReading(a, q);
  }
  std::vector<const Attribution*> kept;
  for (size_t i = 0; i < a.attributions.size(); ++i)
    if (!drop[i]) kept.push_back(&a.attributions[i]);
  for (size_t i = 0; i < a.attributions.size(); ++i) {
    if (drop[i]) continue;
    Attribution& q = a.attributions[i];
    AccordingToParenthesis(a, q);
    if (options.for_reader && Placeholder(a, q)) {
      const Span stands_for = PlaceholderFor(a, q, kept);
      if (stands_for.size()) q.content = stands_for;
      else drop[i] = true;
    }
    StopBeforeOwnCue(q, quotations, q.content);
    TakeQuotationWhole(a, q, quotations);
    RunToClauseEnd(a, q, a.attributions);
    StopBeforeAsPutIt(a, q);
    if (q.source.size()) CutSourceLeftover(a, q), SubjectForPredicate(a, q);
    q.direct = std::any_of(quotations.begin(), quotations.end(), [&](Span z) {
      return z.begin <= q.content.begin && q.content.begin < z.end && 2 * Overlap(z, q.content) > q.content.size();
    });
  }
  for (size_t i = drop.size(); i-- > 0;)
    if (drop[i]) a.attributions.erase(a.attributions.begin() + i);
}

}  // namespace sitrep::quotes
