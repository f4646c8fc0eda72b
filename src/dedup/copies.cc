// Copies: the near-duplicate groups (minhash.h) and reused passages (passages.h) of the
// articles added so far.
//
// The copy threshold, exact Jaccard ≥ 0.8 over 5-word shingles: one changed word alters up
// to five shingles, so a syndicated copy with a new headline line, a byline, a "Read more"
// link or a trimmed closing sentence keeps well above 0.8 (a 15-word line added to a
// 200-word text gives about 0.91), while two outlets' own reports of one event share few
// five-word runs (on Reuters, pairs between 0.5 and 0.8 are mostly updates that add or
// rewrite a paragraph: related, but not the same article). Below 0.8 the passages stage
// still links what the two texts share.
#include "dedup/copies.h"

#include <tuple>
#include <unordered_map>

#include "dedup/minhash.h"
#include "dedup/passages.h"

namespace sitrep {

namespace {

constexpr double kCopyThreshold = 0.8;

// <0 when `a` is known to come before `b`, >0 after, 0 when either is unknown or they are
// equal at the precision both know ("2022-12-19" vs "2022-12-19T21:40" is a tie).
int CompareDates(const DateTime& a, const DateTime& b) {
  if (!a.known() || !b.known()) return 0;
  const Precision p = std::min(a.precision, b.precision);
  if (p >= Precision::kMinute && a.utc_offset_minutes && b.utc_offset_minutes) {
    const int64_t unit = p == Precision::kMinute ? 60 : 1;
    const int64_t x = a.UnixSeconds() / unit, y = b.UnixSeconds() / unit;
    return x < y ? -1 : x > y;
  }
  auto fields = [p](const DateTime& d) {
    auto upto = [p](Precision q, int v) { return p >= q ? v : 0; };
    return std::tuple(d.year, upto(Precision::kMonth, d.month), upto(Precision::kDay, d.day),
                      upto(Precision::kMinute, d.hour), upto(Precision::kMinute, d.minute),
                      upto(Precision::kSecond, d.second));
  };
  return fields(a) < fields(b) ? -1 : fields(b) < fields(a);
}

}  // namespace

struct CopyIndex::Impl {
  struct Entry {
    std::string id;
    DateTime published;
    // The shingle hashes in text order until the exact check first needs them sorted and
    // distinct (Exact): most articles are never a candidate, and sorting is a large part of
    // what they would cost.
    std::vector<uint64_t> shingles;
    bool exact = false;
  };
  std::vector<Entry> entries;
  // Each entry's group upstream (itself when none), apart from the entries: the passages
  // stage asks it for every candidate sentence, and a dense array answers from cache.
  std::vector<uint32_t> roots;
  std::unordered_map<std::string, uint32_t> by_id;
  std::unordered_map<uint32_t, std::vector<uint32_t>> copies;  // upstream → its copies
  dedup::LshTable lsh;
  dedup::PassageIndex passages;

  const std::vector<uint64_t>& Exact(uint32_t i) {
    Entry& e = entries[i];
    if (!e.exact) dedup::SortShingles(e.shingles), e.exact = true;
    return e.shingles;
  }
  double Similarity(uint32_t a, uint32_t b) { return dedup::Jaccard(Exact(a), Exact(b)); }

  // The upstream of the earliest group among the near-duplicates of `self`.
  std::optional<uint32_t> MatchGroup(uint32_t self, const std::vector<uint64_t>& keys) {
    std::optional<uint32_t> best;
    for (uint32_t c : lsh.Candidates(keys)) {
      if (Similarity(self, c) < kCopyThreshold) continue;
      const uint32_t r = roots[c];
      if (!best || CompareDates(entries[r].published, entries[*best].published) < 0 ||
          (CompareDates(entries[r].published, entries[*best].published) == 0 && r < *best))
        best = r;
    }
    return best;
  }

  // `self` was published before `root`: it becomes the upstream of root's group.
  std::vector<CopyLink> Reroot(uint32_t root, uint32_t self) {
    std::vector<uint32_t> group = std::move(copies[root]);
    copies.erase(root);
    group.insert(group.begin(), root);
    std::vector<CopyLink> links;
    for (uint32_t m : group) {
      roots[m] = self;
      links.push_back({entries[m].id, {entries[self].id, Similarity(m, self)}});
    }
    copies[self] = std::move(group);
    return links;
  }

  std::vector<ReusedPassage> Passages(const Article& a, std::span<const dedup::TokenHash> tokens,
                                      uint32_t self, bool index) {
    const uint32_t root = roots[self];
    auto skip = [&](uint32_t other) { return roots[other] == root; };
    std::vector<ReusedPassage> out;
    for (const dedup::PassageMatch& m : passages.Add(a, tokens, self, index, skip))
      out.push_back({m.here, entries[m.other].id, m.there, m.similarity});
    return out;
  }
};

CopyIndex::CopyIndex() : impl_(std::make_unique<Impl>()) {}
CopyIndex::~CopyIndex() = default;

CopyIndex::Found CopyIndex::Add(const Article& article) {
  Impl& m = *impl_;
  const auto self = static_cast<uint32_t>(m.entries.size());
  if (!m.by_id.try_emplace(article.id, self).second) return {};
  // Each token is hashed once, for the shingles and the passages' terms both.
  const std::vector<dedup::TokenHash> tokens = dedup::TokenHashes(article);
  m.entries.push_back({article.id, article.published.when, dedup::TextShingles(tokens)});
  m.roots.push_back(self);
  const Impl::Entry& e = m.entries.back();
  Found found;
  if (!e.shingles.empty()) {
    const std::vector<uint64_t> keys = dedup::BandKeys(e.shingles);  // repeats change no minimum
    if (auto root = m.MatchGroup(self, keys)) {
      if (CompareDates(e.published, m.entries[*root].published) < 0) {
        found.relinked = m.Reroot(*root, self);
      } else {
        m.roots[self] = *root;
        m.copies[*root].push_back(self);
        found.copy_of = CopyOf{m.entries[*root].id, m.Similarity(self, *root)};
      }
    }
    m.lsh.Insert(self, keys);
  }
  // A copy's passages are its upstream's. A new upstream of an existing group is not
  // indexed: the group's first upstream already stands for the text.
  if (!found.copy_of) found.passages = m.Passages(article, tokens, self, found.relinked.empty());
  return found;
}

size_t CopyIndex::size() const { return impl_->entries.size(); }

}  // namespace sitrep
