#include "claims/denials.h"

#include <algorithm>
#include <array>
#include <set>
#include <tuple>

#include "entities/countries.h"

namespace sitrep::claims {

namespace {

// Nouns for what a denial rejects: "the reports that ...", "such claims".
constexpr std::array kReportNouns = {"report", "reports", "claim", "claims", "speculation", "speculations",
                                     "allegation", "allegations", "rumour", "rumours", "rumor", "rumors",
                                     "statement", "statements", "talk", "suggestion", "suggestions",
                                     "accusation", "accusations", "assertion", "assertions", "story",
                                     "stories", "information", "news", "insinuations"};
// Words of a sentence that tells what a later denial points back to: "was reported", "claimed".
constexpr std::array kReportWords = {"report", "reports", "reported", "reportedly", "claim", "claims", "claimed",
                                     "allegation", "allegations", "alleged", "allegedly", "rumour", "rumours",
                                     "rumor", "rumors", "rumoured", "rumored", "speculation", "speculations",
                                     "speculated", "accused", "accusation", "accusations", "suggested"};
constexpr std::array kObjectLinks = {"about", "that", "of", "on", "regarding", "concerning"};
constexpr size_t kMinObjectTerms = 3;
constexpr size_t kContextSentences = 3;

template <size_t N>
bool OneOf(std::string_view word, const std::array<const char*, N>& set) {
  std::string lower;
  dedup::LowerInto(word, lower);
  return std::any_of(set.begin(), set.end(), [&](const char* s) { return lower == s; });
}

// What a denial calls false, as spans of its article, and how it was found: the words after
// "reports that" / "claims about"; when it points back ("these reports", "this is not true")
// also the sentence before it that tells what it answers.
std::pair<std::vector<Span>, std::string> DenialObject(const Article& a, Span content,
                                                       dedup::Vocabulary& vocab) {
  std::vector<Span> words;
  for (const Span& token : TokensIn(a, content)) {
    if (dedup::IsWordToken(a.Text(token))) words.push_back(token);
  }
  size_t terms = 0;
  for (size_t k = 0; k < words.size(); ++k) {
    dedup::Term t;
    terms += !IsDenyingWord(a.Text(words[k])) && vocab.Lookup(a.Text(words[k]), false, t);
    if (!OneOf(a.Text(words[k]), kReportNouns) || k + 1 >= words.size() ||
        !OneOf(a.Text(words[k + 1]), kObjectLinks))
      continue;
    size_t end = k + 2;
    while (end < words.size() && !IsDenyingWord(a.Text(words[end]))) ++end;
    if (end > k + 2) {
      const Span object{words[k + 2].begin, words[end - 1].end};
      return {{object}, std::string(a.Text(words[k])) + " " + std::string(a.Text(words[k + 1])) + " \"" +
                            std::string(a.Text(object)) + "\""};
    }
  }
  const bool points_back = std::any_of(words.begin(), words.end(), [&](Span w) {
    return OneOf(a.Text(w), kReportNouns);
  });
  if (!points_back && terms >= kMinObjectTerms) return {{content}, "its own words"};
  // What it points back to: the nearest sentence before it that speaks of reports or claims
  // ("was reported", "claimed"), else the sentence just before it.
  size_t s = 0;
  while (s < a.sentences.size() && a.sentences[s].span.end <= content.begin) ++s;
  if (s == 0) return {{content}, "its own words"};
  size_t answered = s - 1;
  for (size_t back = 1; back <= kContextSentences && back <= s; ++back) {
    const Span sentence = a.sentences[s - back].span;
    bool speaks_of_reports = false;
    for (const Span& token : TokensIn(a, sentence)) {
      speaks_of_reports |= OneOf(a.Text(token), kReportWords);
    }
    if (speaks_of_reports) {
      answered = s - back;
      break;
    }
  }
  return {{content, a.sentences[answered].span}, "what the sentence before it tells"};
}

// The capitals and peoples in a span that stand for their country, as "Warsaw for Poland".
std::string ActorsNamed(const Article& a, const std::vector<Span>& spans) {
  std::set<std::string> said;
  for (Span span : spans)
    for (const Span& token : TokensIn(a, span)) {
      const std::string_view w = a.Text(token);
      const std::string_view country = w.empty() || w[0] < 'A' || w[0] > 'Z' ? "" : CountryOf(w);
      if (!country.empty() && country != w) said.insert(std::string(w) + " for " + std::string(country));
    }
  std::string out;
  for (const std::string& s : said) out += (out.empty() ? "" : ", ") + s;
  return out;
}

constexpr double kCoverTie = 0.9;

// How much of what a denial calls false (`object`) one statement says: the object's weight
// they share; 0 unless they share an actor and a deed (two deeds when the denial names no one).
double DeniedCover(const TermVector& object, const TermVector& said, bool object_names,
                   dedup::Vocabulary& vocab) {
  size_t actors = 0, words = 0;
  double cover = 0;
  for (auto p = object.begin(), q = said.begin(); p != object.end() && q != said.end();) {
    if (p->first < q->first) ++p;
    else if (q->first < p->first) ++q;
    else {
      const char kind = vocab.Key(p->first)[0];
      (kind == '@' ? actors : words) += kind != '#';
      cover += p->second * p->second;
      ++p, ++q;
    }
  }
  if (words == 0 || actors + words < 2 || (object_names && actors == 0)) return 0;
  return cover;
}

}  // namespace

// The claim a denial answers: the one whose statements, with capitals and peoples read as the
// countries they stand for, come closest to what the denial calls false, sharing with it at
// least one actor and one word of what was done. -1 when none is close enough.
std::pair<int, std::string> DeniedClaim(const StoryArticles& story, const std::vector<Draft>& drafts,
                                        const std::vector<Group>& groups, size_t i, double bar,
                                        dedup::Vocabulary& vocab, const TermWeights& weights,
                                        const DeedTerms& deeds, const Actors& actors,
                                        EventConflicts& conflicts) {
  const Statement& denial = drafts[i].statement;
  const Article& a = story.articles[denial.article];
  const auto [spans, found] = DenialObject(a, denial.span, vocab);
  std::vector<Frame> denied;  // the deeds it calls false
  for (Span span : spans)
    for (Frame& f : actors.FramesOf(a, span)) denied.push_back(std::move(f));
  TermCounts object_tf;
  for (Span span : spans) CountTerms(a, span, vocab, object_tf, &deeds);
  const TermVector object = weights.Vector(object_tf);
  const bool object_names = std::any_of(object.begin(), object.end(), [&](const auto& t) {
    return vocab.Key(t.first)[0] == '@';
  });
  struct Candidate {
    bool negates_frame;  // a statement of the claim tells the very deed denied
    double cover;
    size_t support;
    int group;
    std::string why;
  };
  std::vector<Candidate> candidates;
  int best = -1;
  size_t best_support = 0;
  double best_cover = 0;
  std::string why;
  for (size_t g = 0; g < groups.size(); ++g) {
    const auto& members = groups[g].members;
    if (std::any_of(members.begin(), members.end(),
                    [&](size_t m) { return conflicts(denial.article, drafts[m].statement.article); }))
      continue;
    // The statement of the claim that says most of it: a claim of many statements must not
    // win by gathering, across them, words that no one of them says together.
    double cover = 0;
    TermVector claim;
    const Frame* negated = nullptr;
    for (size_t m : members) {
      if (drafts[i].passage_links.count(m)) {
        char buf[64];
        snprintf(buf, sizeof buf, "reuses a passage of statement %zu", m + 1);
        return {static_cast<int>(g), buf};
      }
      if (drafts[m].statement.stance == Stance::kDenies) continue;
      if (!negated) negated = SharedFrame(denied, drafts[m].frames);
      TermCounts tf;
      CountTerms(story.articles[drafts[m].statement.article], drafts[m].statement.span, vocab, tf, &deeds);
      const TermVector said = weights.Vector(tf);
      const double c = DeniedCover(object, said, object_names, vocab);
      if (c > cover) cover = c, claim = said;
    }
    if (!negated && (cover < bar || cover <= 0)) continue;
    const size_t support = std::count_if(members.begin(), members.end(), [&](size_t m) {
      return drafts[m].statement.stance != Stance::kDenies;
    });
    char buf[64];
    snprintf(buf, sizeof buf, ": the claim says %.0f%% of it, sharing ", 100 * cover);
    std::string reason = "denies " + found + buf + SharedTerms(object, claim, vocab);
    if (negated) reason = "denies " + found + ": the claim tells that deed (" + negated->Describe() + ")";
    const std::string stand_ins = ActorsNamed(a, spans);
    if (!stand_ins.empty()) reason += " (" + stand_ins + ")";
    candidates.push_back({negated != nullptr, cover, support, static_cast<int>(g), reason});
  }
  // A claim that tells the very deed denied comes first; among claims that say about as much
  // of it alike, the denial answers the one most widely told.
  const bool by_frame = std::any_of(candidates.begin(), candidates.end(), [](const Candidate& c) {
    return c.negates_frame;
  });
  double most = 0;
  for (const Candidate& c : candidates)
    if (c.negates_frame == by_frame) most = std::max(most, c.cover);
  for (const Candidate& c : candidates) {
    if (c.negates_frame != by_frame || (!by_frame && c.cover < kCoverTie * most)) continue;
    if (best < 0 || std::tie(c.support, c.cover) > std::tie(best_support, best_cover))
      best = c.group, best_support = c.support, best_cover = c.cover, why = c.why;
  }
  return {best, why};
}

}  // namespace sitrep::claims
