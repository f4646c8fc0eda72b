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
    std::vector<uint64_t> shingles;  // sorted hashes, for the exact check
    uint32_t root;                   // the upstream of its group (itself when none)
  };
  std::vector<Entry> entries;
  std::unordered_map<std::string, uint32_t> by_id;
  std::unordered_map<uint32_t, std::vector<uint32_t>> copies;  // upstream → its copies
  dedup::LshTable lsh;
  dedup::PassageIndex passages;

  // The upstream of the earliest group among the near-duplicates of `shingles`.
  std::optional<uint32_t> MatchGroup(const std::vector<uint64_t>& shingles,
                                     const std::vector<uint64_t>& keys) const {
    std::optional<uint32_t> best;
    for (uint32_t c : lsh.Candidates(keys)) {
      if (dedup::Jaccard(shingles, entries[c].shingles) < kCopyThreshold) continue;
      const uint32_t r = entries[c].root;
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
      entries[m].root = self;
      links.push_back({entries[m].id, {entries[self].id,
                                       dedup::Jaccard(entries[m].shingles, entries[self].shingles)}});
    }
    copies[self] = std::move(group);
    return links;
  }

  std::vector<ReusedPassage> Passages(const Article& a, uint32_t self, bool index) {
    const uint32_t root = entries[self].root;
    auto skip = [&](uint32_t other) { return entries[other].root == root; };
    std::vector<ReusedPassage> out;
    for (const dedup::PassageMatch& m : passages.Add(a, self, index, skip))
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
  m.entries.push_back({article.id, article.published.when, dedup::ShingleHashes(article), self});
  Impl::Entry& e = m.entries.back();
  Found found;
  if (!e.shingles.empty()) {
    const std::vector<uint64_t> keys = dedup::BandKeys(e.shingles);
    if (auto root = m.MatchGroup(e.shingles, keys)) {
      if (CompareDates(e.published, m.entries[*root].published) < 0) {
        found.relinked = m.Reroot(*root, self);
      } else {
        e.root = *root;
        m.copies[*root].push_back(self);
        found.copy_of = CopyOf{m.entries[*root].id,
                               dedup::Jaccard(e.shingles, m.entries[*root].shingles)};
      }
    }
    m.lsh.Insert(self, keys);
  }
  // A copy's passages are its upstream's. A new upstream of an existing group is not
  // indexed: the group's first upstream already stands for the text.
  if (!found.copy_of) found.passages = m.Passages(article, self, found.relinked.empty());
  return found;
}

size_t CopyIndex::size() const { return impl_->entries.size(); }

}  // namespace sitrep
