#include "claims/claims.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "dedup/passages.h"
#include "dedup/words.h"
#include "claims/anchors.h"
#include "claims/denials.h"
#include "claims/draft.h"
#include "claims/frames.h"
#include "claims/terms.h"
#include "quotes/quotes.h"

namespace sitrep::claims {

namespace {

// Two look-alike events are told in the same words with other names and figures ("a quake
// of 6.1 killed 12 in X" / "a quake of 7.6 killed 3 in Y"): statements that both give names,
// or both give figures, and share none of them are about different things.
bool Compatible(const Draft& a, const Draft& b) {
  if (!a.numbers.empty() && !b.numbers.empty() && !Intersect(a.numbers, b.numbers)) return false;
  // The same team placing two of its players on the injured list: two events.
  if (!a.people.empty() && !b.people.empty() &&
      std::none_of(a.people.begin(), a.people.end(),
                   [&](const std::string& p) { return std::binary_search(b.people.begin(), b.people.end(), p); }))
    return false;
  if (!a.names.empty() && !b.names.empty() && !Intersect(a.names, b.names)) return false;
  return true;
}

constexpr size_t kMinLeadWords = 6;
constexpr size_t kMinSharedTerms = 3;

// The article a copy was taken from, followed up to the first one.
size_t RootOf(const StoryArticles& story, const std::map<std::string, size_t>& index, size_t i) {
  for (int hops = 0; hops < 16 && i < story.upstream.size() && !story.upstream[i].empty(); ++hops) {
    auto it = index.find(story.upstream[i]);
    if (it == index.end()) break;
    i = it->second;
  }
  return i;
}

// The first sentence long enough to state something: the article's own report of the event.
std::optional<Span> LeadSentence(const Article& a) {
  for (const Sentence& s : a.sentences) {
    const std::string_view text = a.Text(s.span);
    if (std::count(text.begin(), text.end(), ' ') + 1 >= static_cast<long>(kMinLeadWords)) return s.span;
  }
  return std::nullopt;
}

std::vector<Draft> Statements(const StoryArticles& story, dedup::Vocabulary& vocab) {
  std::vector<Draft> out;
  std::map<std::string, size_t> index;
  for (size_t k = 0; k < story.articles.size(); ++k) index[story.articles[k].id] = k;
  for (size_t ai = 0; ai < story.articles.size(); ++ai) {
    const Article& a = story.articles[ai];
    const size_t root = RootOf(story, index, ai);
    for (const Attribution* found : DistinctAttributions(a)) {
      const Attribution& at = *found;
      Draft d;
      Statement& s = d.statement;
      s.article = ai;
      s.span = at.content;
      s.text = a.Text(at.content);
      s.speaker = !at.speaker.empty() ? at.speaker : std::string(a.Text(at.source));
      s.chain = ProvenanceChain(a, at, s.speaker);
      s.stance = StanceOf(a.Text(at.cue), s.text);
      out.push_back(std::move(d));
    }
    if (a.attributions.empty()) {
      if (auto lead = LeadSentence(a)) {
        Draft d;
        // The article's own report: its relays belong to some of its statements, not to it.
        std::vector<std::string> chain;
        if (!a.outlet.empty()) chain.push_back(a.outlet);
        d.statement = {ai, *lead, std::string(a.Text(*lead)), "", chain, "",
                       Stance::kReports, ""};
        out.push_back(std::move(d));
      }
    }
    // Origins: the speaker by name (a transliteration is the same speaker), else the agency
    // that relayed the statement, else the first article of a copy chain.
    for (size_t k = out.size(); k-- > 0 && out[k].statement.article == ai;) {
      Statement& s = out[k].statement;
      dedup::Term t;
      const std::string_view last = std::string_view(s.speaker).substr(s.speaker.rfind(' ') + 1);
      if (!s.speaker.empty() && vocab.Lookup(last, false, t)) {
        s.origin = "speaker " + vocab.Key(t.id);
        out[k].speaker_key = t.id;
      }
      else if (!s.speaker.empty()) s.origin = "speaker " + s.speaker;
      else if (s.chain.size() > 1) s.origin = "relay " + s.chain.front();
      else s.origin = "article " + story.articles[root].id;
    }
  }
  return out;
}

TermWeights WeighTerms(const StoryArticles& story, std::vector<Draft>& drafts, dedup::Vocabulary& vocab) {
  TermWeights weights;
  std::vector<TermCounts> tf(drafts.size());
  for (size_t i = 0; i < drafts.size(); ++i) {
    const Article& a = story.articles[drafts[i].statement.article];
    CountTerms(a, drafts[i].statement.span, vocab, tf[i], nullptr, &drafts[i].names, &drafts[i].numbers);
    for (auto* ids : {&drafts[i].names, &drafts[i].numbers}) {
      std::sort(ids->begin(), ids->end());
      ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
    }
    for (auto& [term, n] : tf[i]) ++weights.df[term];
  }
  weights.n = static_cast<double>(drafts.size());
  for (size_t i = 0; i < drafts.size(); ++i) drafts[i].terms = weights.Vector(tf[i]);
  return weights;
}

// Statements whose content lies in a passage the copies stage finds in two articles: one
// statement, reworded or translated.
void LinkPassages(const StoryArticles& story, std::vector<Draft>& drafts) {
  dedup::PassageIndex index;
  for (size_t ai = 0; ai < story.articles.size(); ++ai) {
    for (const dedup::PassageMatch& m :
         index.Add(story.articles[ai], static_cast<uint32_t>(ai), true, [](uint32_t) { return false; }))
      for (size_t i = 0; i < drafts.size(); ++i) {
        if (drafts[i].statement.article != ai || !Overlaps(drafts[i].statement.span, m.here)) continue;
        for (size_t j = 0; j < drafts.size(); ++j)
          if (drafts[j].statement.article == m.other && Overlaps(drafts[j].statement.span, m.there)) {
            drafts[i].passage_links.insert(j);
            drafts[j].passage_links.insert(i);
          }
      }
  }
}

// A reporter's paraphrase and the quote that bears it out, one after the other ("Marek said
// the port was forced to sign, according to Nordinform. 'They forced us,' Marek said."): one
// statement told twice. The paraphrase is often credited to the agency that relayed it; its
// origin is then the speaker it names.
constexpr uint32_t kFollowUpGap = 300;  // characters between the two
constexpr size_t kFollowUpShared = 2;

void LinkFollowUps(std::vector<Draft>& drafts) {
  std::vector<size_t> order(drafts.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const Statement &x = drafts[a].statement, &y = drafts[b].statement;
    return std::tie(x.article, x.span.begin) < std::tie(y.article, y.span.begin);
  });
  for (size_t k = 0; k + 1 < order.size(); ++k) {
    Draft &first = drafts[order[k]], &next = drafts[order[k + 1]];
    const Statement &p = first.statement, &q = next.statement;
    if (p.article != q.article || q.span.begin < p.span.end || q.span.begin - p.span.end > kFollowUpGap) continue;
    if (p.stance == Stance::kDenies || q.stance == Stance::kDenies || !next.speaker_key) continue;
    const bool same_speaker = first.speaker_key == next.speaker_key;
    if (!same_speaker && !std::binary_search(first.names.begin(), first.names.end(), *next.speaker_key)) continue;
    if (SharedCount(first.terms, next.terms) < kFollowUpShared + (same_speaker ? 0 : 1)) continue;
    // A quote that bears a paraphrase out tells its deed too; one that tells another deed, or
    // none where the paraphrase tells one, is the speaker's next point.
    if ((!first.frames.empty() || !next.frames.empty()) && !SharedFrame(first.frames, next.frames)) continue;
    first.passage_links.insert(order[k + 1]);
    next.passage_links.insert(order[k]);
    // Credited to a relay of the quote that follows: the quoted speaker said it.
    if (!same_speaker && std::find(q.chain.begin() + 1, q.chain.end(), p.speaker) != q.chain.end())
      first.statement.origin = q.origin;
  }
}

// What a join on words must agree with besides the words.
struct JoinContext {
  EventConflicts& conflicts;
  ArticleNeighbours& neighbours;
  const std::unordered_set<uint32_t> common;  // verbs and days any statement may use
};

// The best claim for a draft among `groups`, by its closest member; -1 when none is close.
std::pair<int, std::string> BestGroup(const std::vector<Draft>& drafts, const std::vector<Group>& groups,
                                      size_t i, double bar, const dedup::Vocabulary& vocab,
                                      bool need_assertion, JoinContext& context) {
  int best = -1;
  double best_score = bar;
  std::string why;
  for (size_t g = 0; g < groups.size(); ++g) {
    // Every member must be about the same event, not only the closest one: a claim grows one
    // statement at a time, and a chain of close pairs can walk from one event to its look-alike.
    if (std::any_of(groups[g].members.begin(), groups[g].members.end(), [&](size_t m) {
          return context.conflicts(drafts[i].statement.article, drafts[m].statement.article);
        }))
      continue;
    if (need_assertion && std::all_of(groups[g].members.begin(), groups[g].members.end(), [&](size_t m) {
          return drafts[m].statement.stance == Stance::kDenies;
        }))
      continue;
    for (size_t m : groups[g].members) {
      if (drafts[i].passage_links.count(m)) {
        char buf[64];
        snprintf(buf, sizeof buf, "reuses a passage of statement %zu", m + 1);
        return {static_cast<int>(g), buf};
      }
      if (drafts[m].statement.stance == Stance::kDenies) continue;
      // The same deed by the same agent to the same patient, however worded: one statement.
      // It outweighs any closeness of words alone.
      if (const Frame* f = SharedFrame(drafts[i].frames, drafts[m].frames)) {
        const double c = Cosine(drafts[i].terms, drafts[m].terms);
        if (1 + c >= best_score) {
          best_score = 1 + c;
          best = static_cast<int>(g);
          char buf[48];
          snprintf(buf, sizeof buf, " (statement %zu)", m + 1);
          why = "same frame: " + f->Describe() + buf;
        }
        continue;
      }
      // Statements of one kind of deed by or to other actors are two events, however alike.
      if (FramesConflict(drafts[i].frames, drafts[m].frames)) continue;
      // A denial answers a claim in its own words; the others must agree on names and figures.
      if (!need_assertion && !Compatible(drafts[i], drafts[m])) continue;
      // Two short statements meet on one or two words by chance ("need", "anymore"): one
      // statement told twice shares several, besides the verbs and days any statement uses.
      if (!need_assertion && SharedCount(drafts[i].terms, drafts[m].terms, &context.common) < kMinSharedTerms)
        continue;
      const double c = Cosine(drafts[i].terms, drafts[m].terms);
      // Words alone join two articles' statements only where the articles tell one
      // occurrence: look-alike events are told in the same words ("two villages damaged",
      // "made an eight-year offer"), and only their particulars tell them apart.
      if (c >= best_score && !context.neighbours.Near(drafts[i].statement.article, drafts[m].statement.article))
        continue;
      if (c >= best_score) {
        best_score = c;
        best = static_cast<int>(g);
        char buf[48];
        snprintf(buf, sizeof buf, "cosine %.2f with statement %zu: ", c, m + 1);
        why = buf + SharedTerms(drafts[i].terms, drafts[m].terms, vocab);
      }
    }
  }
  return {best, why};
}

constexpr double kFullWordingTerms = 10;
constexpr double kLongestWordingTerms = 30;

Claim MakeClaim(const StoryArticles& story, const std::vector<Draft>& drafts, const Group& g) {
  Claim c;
  std::set<size_t> articles;
  std::set<std::string> outlets, origins;
  bool asserted = false;
  double best_centrality = -1;
  for (size_t m : g.members) {
    c.statements.push_back(drafts[m].statement);
    Statement& s = c.statements.back();
    // An agency credited with a statement its article also quotes the speaker for, relayed by
    // that agency, passes on that speaker's words: one origin.
    for (size_t o : g.members) {
      const Statement& t = drafts[o].statement;
      if (o != m && t.article == s.article && !s.speaker.empty() && t.chain.size() > 1 &&
          std::find(t.chain.begin() + 1, t.chain.end(), s.speaker) != t.chain.end()) {
        s.origin = t.origin;
        break;
      }
    }
    if (s.stance == Stance::kDenies) {
      ++c.against;
      continue;
    }
    asserted = true;
    articles.insert(s.article);
    if (!story.articles[s.article].outlet.empty()) outlets.insert(story.articles[s.article].outlet);
    origins.insert(s.origin);
    // The wording: the statement closest to the others, but a fragment ("to the capital for
    // talks") says less than a sentence, however central its few words.
    double centrality = 0;
    // A statement that tells the deed the others tell, in other words, is central too.
    for (size_t o : g.members)
      centrality += o == m ? 0
                           : Cosine(drafts[m].terms, drafts[o].terms) +
                                 (SharedFrame(drafts[m].frames, drafts[o].frames) ? 1 : 0);
    const double terms = static_cast<double>(drafts[m].terms.size());
    centrality *= std::min(1.0, terms / kFullWordingTerms);
    // Nor does a quotation of several paragraphs make a wording: it says many things.
    if (terms > kLongestWordingTerms) centrality *= kLongestWordingTerms / terms;
    if (centrality > best_centrality) best_centrality = centrality, c.wording = s.text;
  }
  if (!asserted) c.wording = c.statements.front().text;
  c.articles = articles.size();
  c.outlets = outlets.size();
  c.origins = origins.size();
  c.contested = asserted && c.against > 0;
  return c;
}

}  // namespace

std::vector<Claim> FindClaims(const StoryArticles& story, const ClaimOptions& options) {
  dedup::Vocabulary vocab;
  std::vector<Draft> drafts = Statements(story, vocab);
  const TermWeights weights = WeighTerms(story, drafts, vocab);
  const Actors actors(story.articles, vocab);
  for (Draft& d : drafts) {
    d.frames = actors.FramesOf(story.articles[d.statement.article], d.statement.span);
    d.people = actors.PeopleIn(story.articles[d.statement.article], d.statement.span);
  }
  LinkPassages(story, drafts);
  LinkFollowUps(drafts);
  EventConflicts conflicts(story, vocab);
  ArticleNeighbours neighbours(story, vocab);
  const DeedTerms deeds = ReadDeeds(vocab);
  JoinContext context{conflicts, neighbours, ReadCommonTerms(vocab)};
  std::vector<Group> groups;
  // Assertions first, in story order; denials then answer the claim they match best.
  for (int pass = 0; pass < 2; ++pass)
    for (size_t i = 0; i < drafts.size(); ++i) {
      const bool denial = drafts[i].statement.stance == Stance::kDenies;
      if (denial != (pass == 1)) continue;
      auto [g, why] = denial ? DeniedClaim(story, drafts, groups, i, options.deny_join, vocab, weights, deeds, actors, conflicts)
                             : BestGroup(drafts, groups, i, options.join, vocab, false, context);
      if (g < 0) {
        groups.push_back({{i}});
        continue;
      }
      drafts[i].statement.why = why;
      groups[g].members.push_back(i);
    }
  std::vector<Claim> claims;
  for (const Group& g : groups) claims.push_back(MakeClaim(story, drafts, g));
  std::stable_sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) {
    return std::make_tuple(b.origins, b.contested, b.statements.size()) <
           std::make_tuple(a.origins, a.contested, a.statements.size());
  });
  return claims;
}

}  // namespace sitrep::claims
