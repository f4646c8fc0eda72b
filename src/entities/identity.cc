// Resolution in four passes over the distinct names of a story (each name analysed once):
// 1. people with a given name and a surname, grouped by surname key, joined when their given
//    names agree (equal, an initial, or one name in two languages);
// 2. a lone surname or given name joins the one person who has it, else stands alone;
// 3. organisations and places join by name similarity within blocks, acronyms by initials
//    or by a definition in the text ("Institute for the Study of War (ISW)");
// 4. bare role phrases join the one person holding a fitting role.
#include "entities/identity.h"

#include <algorithm>
#include <array>
#include <map>
#include <numeric>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "entities/names.h"
#include "entities/roles.h"
#include "util/strings.h"

namespace sitrep {

namespace {

using names::NameForm;

// A distinct (type, surface) name of the story.
struct Name {
  EntityType type;
  std::string surface;
  const NameForm* form = nullptr;
  size_t mentions = 0;
  size_t first_seen = 0;  // order of first mention, for stable output
  std::vector<roles::Role> roles;
  std::vector<size_t> role_articles;  // aligned with roles: the article each came from
  std::vector<size_t> articles;
};

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Find(size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // Joins b's group into a's; false when they were one already.
  bool Join(size_t a, size_t b) {
    a = Find(a), b = Find(b);
    if (a == b) return false;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
    return true;
  }

 private:
  std::vector<size_t> parent_;
};

// The name as written, without possessive, quotes and surrounding punctuation.
std::string CleanSurface(std::string_view s) {
  s = TrimSpace(s);
  for (std::string_view p : {"'s", "\u2019s", "'", "\u2019"})
    if (s.size() > p.size() && s.ends_with(p)) s.remove_suffix(p.size());
  auto strip = [](std::string_view& v) {
    const std::string_view marks[] = {"\"", "\u201C", "\u201D", "\u00AB", "\u00BB", ",", ".",
                                      ":", ";", "(", ")"};
    bool changed = true;
    while (changed && !v.empty()) {
      changed = false;
      for (auto m : marks) {
        if (v.starts_with(m)) v.remove_prefix(m.size()), changed = true;
        if (v.ends_with(m) && !(m == "." && v.size() > 2 && v[v.size() - 3] == ' '))
          v.remove_suffix(m.size()), changed = true;
      }
      v = TrimSpace(v);
    }
  };
  strip(s);
  if (s.size() > 4 && AsciiLower(s.substr(0, 4)) == "the ") s.remove_prefix(4);
  return std::string(s);
}

// Where the name proper starts in a person mention that a tagger took with its title
// ("Harbour mayor Mykola Petrenko" → "Mykola Petrenko").
size_t NameStart(std::string_view s) {
  size_t pos = 0;
  size_t last_role_end = 0;
  while (pos < s.size()) {
    size_t sp = s.find(' ', pos);
    if (sp == std::string_view::npos) break;
    std::string_view w = s.substr(pos, sp - pos);
    unsigned char c = w.empty() ? 0 : w[0];
    bool lower = c >= 'a' && c <= 'z';
    if (roles::IsRoleWord(w) || lower) last_role_end = sp + 1;
    pos = sp + 1;
  }
  return last_role_end;
}

std::string SurnameKey(const std::string& key) {
  std::string k = key;
  auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  if (k.size() >= 5 && vowel(k.back())) k.pop_back();  // -ko/-ka, -a of feminine forms
  return k;
}

bool IsAllCaps(std::string_view s) {
  size_t letters = 0;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2 && letters <= 6;
}

// First letters of a long form's content words: "Institute for the Study of War" → "isw".
std::string Initials(const NameForm& f) {
  std::string out;
  size_t start = 0;
  const std::string& r = f.romanised;
  static const std::unordered_set<std::string_view> skip = {"of", "the", "and", "for", "on",
                                                            "in", "a", "de", "du", "la"};
  while (start < r.size()) {
    size_t end = r.find(' ', start);
    if (end == std::string::npos) end = r.size();
    std::string_view w(r.data() + start, end - start);
    if (!w.empty() && !skip.count(w)) out += w[0];
    start = end + 1;
  }
  return out;
}

std::string Slug(std::string_view romanised) {
  std::string out;
  for (char c : romanised) out += c == ' ' ? '-' : c;
  return out;
}

const char* TypeName(EntityType t) {
  switch (t) {
    case EntityType::kPerson: return "person";
    case EntityType::kOrganisation: return "org";
    case EntityType::kPlace: return "place";
    default: return "misc";
  }
}

class Resolver {
 public:
  explicit Resolver(std::span<Article> articles) : articles_(articles) {}

  std::vector<Entity> Run() {
    SplitPlaceAndPerson();
    JoinOrganisationTails();
    VoteTypes();
    CollectNames();
    uf_ = std::make_unique<UnionFind>(names_.size());
    JoinFullNames();
    JoinLoneNames();
    JoinByName(EntityType::kOrganisation);
    JoinByName(EntityType::kPlace);
    JoinAcronyms();
    auto entities = BuildEntities();
    ResolveBareRoles(entities);
    std::erase_if(entities, [](const Entity& e) { return e.key.empty(); });
    std::stable_sort(entities.begin(), entities.end(),
                     [](const Entity& a, const Entity& b) { return a.mentions > b.mentions; });
    return entities;
  }

 private:
  // How often each surface form is tagged as each type in the story.
  using Votes = std::array<size_t, 4>;
  std::unordered_map<std::string, Votes> CountTypes() {
    std::unordered_map<std::string, Votes> votes;
    for (Article& a : articles_)
      for (const Mention& m : a.mentions) {
        if (m.span.end > a.text.size() || m.span.begin >= m.span.end) continue;
        std::string surface = CleanSurface(a.Text(m.span));
        if (!surface.empty()) ++votes[surface][static_cast<size_t>(m.type)];
      }
    return votes;
  }

  static size_t NonPersonVotes(const Votes& v) {
    return v[static_cast<size_t>(EntityType::kOrganisation)] +
           v[static_cast<size_t>(EntityType::kPlace)];
  }

  // The tagger runs a place and the name after it into one span when nothing parts them
  // ("Mayor of Veloria Mykola", the surname lost to a line break). Such a span is split where
  // a person's name begins: a word that the story tags as a person elsewhere, or a known given
  // name with at most one word after it, provided the words before it are a place or body
  // the story names elsewhere.
  void SplitPlaceAndPerson() {
    auto votes = CountTypes();
    for (Article& a : articles_) {
      std::vector<Mention> out;
      out.reserve(a.mentions.size());
      for (const Mention& m : a.mentions) {
        auto parts = m.type == EntityType::kPerson || m.span.end > a.text.size()
                         ? std::nullopt
                         : PersonAfterPlace(a, m, votes);
        if (!parts) {
          out.push_back(m);
          continue;
        }
        out.push_back(parts->first);
        out.push_back(parts->second);
      }
      a.mentions = std::move(out);
    }
  }

  // The tagger parts a body's name at "for" or "of" ("Institute" | "for the" | "Study of
  // Tides"), leaving a body without its remit and a stray name: an organisation, the
  // connective and the name or organisation right after it are one organisation. A place
  // after "of" stays a place ("the Port Council of Veloria").
  void JoinOrganisationTails() {
    static constexpr std::string_view kJoints[] = {" for the ", " for ", " of the ", " of "};
    for (Article& a : articles_) {
      std::vector<Mention> out;
      out.reserve(a.mentions.size());
      for (const Mention& m : a.mentions) {
        if (!out.empty() && out.back().type == EntityType::kOrganisation &&
            (m.type == EntityType::kOrganisation || m.type == EntityType::kMisc) &&
            out.back().span.end < m.span.begin && m.span.end <= a.text.size()) {
          std::string_view gap = a.Text({out.back().span.end, m.span.begin});
          if (std::find(std::begin(kJoints), std::end(kJoints), gap) != std::end(kJoints)) {
            out.back().span.end = m.span.end;
            continue;
          }
        }
        out.push_back(m);
      }
      a.mentions = std::move(out);
    }
  }

  std::optional<std::pair<Mention, Mention>> PersonAfterPlace(
      const Article& a, const Mention& m, const std::unordered_map<std::string, Votes>& votes) {
    std::string_view text = a.Text(m.span);
    std::vector<size_t> starts;  // byte offsets of the words in the span
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) starts.push_back(i);
    for (size_t k = 1; k < starts.size(); ++k) {
      std::string_view head = TrimSpace(text.substr(0, starts[k]));
      std::string_view tail = text.substr(starts[k]);
      std::string first_word(tail.substr(0, tail.find(' ')));
      auto head_votes = votes.find(CleanSurface(head));
      if (head_votes == votes.end() || NonPersonVotes(head_votes->second) == 0) continue;
      auto tail_votes = votes.find(CleanSurface(tail));
      bool person_elsewhere = tail_votes != votes.end() &&
                              tail_votes->second[static_cast<size_t>(EntityType::kPerson)] > 0;
      bool given = starts.size() - k <= 2 && names::IsGivenName(names::Romanise(first_word));
      if (!person_elsewhere && !given) continue;
      const Votes& hv = head_votes->second;
      EntityType head_type = hv[static_cast<size_t>(EntityType::kPlace)] >=
                                     hv[static_cast<size_t>(EntityType::kOrganisation)]
                                 ? EntityType::kPlace
                                 : EntityType::kOrganisation;
      uint32_t head_end = m.span.begin + static_cast<uint32_t>(head.size());
      uint32_t tail_begin = m.span.begin + static_cast<uint32_t>(starts[k]);
      return std::make_pair(Mention{{m.span.begin, head_end}, head_type, {}},
                            Mention{{tail_begin, m.span.end}, EntityType::kPerson, {}});
    }
    return std::nullopt;
  }

  // One surface form, one type in a story: each mention votes for its tag, and a one-word
  // form that is the surname of a full name the story tags as a person gets that full
  // name's mentions as votes for person ("Petrenko" beside "Mykola Petrenko"). A tie between
  // person and another type goes to person with that support, else to the other type: a
  // lone capitalised word is a person only with support. Other ties leave the tags alone.
  void VoteTypes() {
    auto votes = CountTypes();
    constexpr size_t kP = static_cast<size_t>(EntityType::kPerson);
    std::unordered_map<std::string, size_t> full_name_mentions;  // surname key → mentions
    for (const auto& [surface, v] : votes) {
      if (v[kP] == 0) continue;
      const NameForm& f = cache_.Get(surface.substr(NameStart(surface)));
      if (f.keys.size() >= 2) full_name_mentions[SurnameKey(f.keys.back())] += v[kP];
    }
    std::unordered_map<std::string, EntityType> settled;
    for (const auto& [surface, v] : votes) {
      size_t kinds = std::count_if(v.begin(), v.end(), [](size_t n) { return n > 0; });
      if (kinds < 2) continue;
      Votes score = v;
      const NameForm& f = cache_.Get(surface);
      bool surname_of_full_name = false;
      if (f.keys.size() == 1)
        if (auto it = full_name_mentions.find(SurnameKey(f.keys.front())); it != full_name_mentions.end())
          score[kP] += it->second, surname_of_full_name = true;
      size_t best = 0;
      for (size_t t = 1; t < score.size(); ++t)
        if (score[t] > score[best]) best = t;
      size_t ties = std::count(score.begin(), score.end(), score[best]);
      if (ties > 1) {
        if (score[kP] != score[best] || ties > 2) continue;
        for (size_t t = 0; t < score.size(); ++t)
          if ((t == kP) == surname_of_full_name && score[t] == score[best]) best = t;
      }
      settled[surface] = static_cast<EntityType>(best);
    }
    if (settled.empty()) return;
    for (Article& a : articles_)
      for (Mention& m : a.mentions) {
        if (m.span.end > a.text.size() || m.span.begin >= m.span.end) continue;
        auto it = settled.find(CleanSurface(a.Text(m.span)));
        if (it != settled.end()) m.type = it->second;
      }
  }

  void CollectNames() {
    std::unordered_map<std::string, size_t> index;  // type + surface → name
    for (size_t ai = 0; ai < articles_.size(); ++ai) {
      Article& a = articles_[ai];
      for (size_t mi = 0; mi < a.mentions.size(); ++mi) {
        Mention& m = a.mentions[mi];
        if (m.span.end > a.text.size() || m.span.begin >= m.span.end) continue;
        std::string surface = CleanSurface(a.Text(m.span));
        Span name_span = m.span;
        if (m.type == EntityType::kPerson) {
          size_t start = NameStart(surface);
          if (start > 0) {
            size_t offset = a.Text(m.span).find(surface);
            if (offset != std::string_view::npos)
              name_span.begin = m.span.begin + static_cast<uint32_t>(offset + start);
            surface = surface.substr(start);
          }
        }
        if (surface.empty()) continue;
        std::string id = std::string(1, static_cast<char>('0' + static_cast<int>(m.type))) + surface;
        auto [it, added] = index.emplace(id, names_.size());
        if (added) {
          names_.push_back({m.type, surface, &cache_.Get(surface), 0, names_.size(), {}, {}, {}});
        }
        Name& n = names_[it->second];
        ++n.mentions;
        if (n.articles.empty() || n.articles.back() != ai) n.articles.push_back(ai);
        refs_.push_back({ai, mi, it->second});
        if (m.type == EntityType::kPerson) {
          for (auto& r : roles::RolesAround(a, name_span)) {
            n.roles.push_back(std::move(r));
            n.role_articles.push_back(ai);
          }
        }
      }
    }
  }

  bool GivenCompatible(const std::string& a, const std::string& b) {
    if (a.size() == 1 || b.size() == 1) return a[0] == b[0];
    return names::GivenNameKey(a) == names::GivenNameKey(b) || names::WordSimilarity(a, b) >= 0.85;
  }

  void Join(size_t into, size_t from, const std::string& why) {
    if (uf_->Join(into, from))
      merge_log_.push_back({from, "'" + names_[from].surface + "' ~ '" + names_[into].surface + "': " + why});
  }

  bool IsPerson(size_t i) const { return names_[i].type == EntityType::kPerson; }
  bool IsFull(size_t i) const { return names_[i].form->keys.size() >= 2; }
  std::string Surname(size_t i) const { return SurnameKey(names_[i].form->keys.back()); }
  const std::string& Given(size_t i) const { return names_[i].form->keys.front(); }

  // Calls fn on the pairs of a block worth comparing: all of them in a small block; in a
  // large one (a word many names share), each name with its neighbours in the order of
  // `order` (sorted neighbourhood), so the work stays linear in the names.
  template <typename Order, typename Fn>
  static void ForPairs(std::vector<size_t>& members, Order order, Fn fn) {
    constexpr size_t kSmall = 64, kWindow = 16;
    bool small = members.size() <= kSmall;
    if (!small)
      std::sort(members.begin(), members.end(),
                [&](size_t a, size_t b) { return order(a) < order(b); });
    for (size_t x = 0; x < members.size(); ++x) {
      size_t end = small ? members.size() : std::min(members.size(), x + 1 + kWindow);
      for (size_t y = x + 1; y < end; ++y) fn(members[x], members[y]);
    }
  }

  // People with a given name and a surname: same surname (by key, or by spelling within
  // a block of the key's first three letters) and agreeing given names.
  void JoinFullNames() {
    std::unordered_map<std::string, std::vector<size_t>> block;
    for (size_t i = 0; i < names_.size(); ++i)
      if (IsPerson(i) && IsFull(i)) block[Surname(i).substr(0, 3)].push_back(i);
    auto order = [&](size_t i) { return std::make_pair(Surname(i), names::GivenNameKey(Given(i))); };
    for (auto& [_, members] : block) {
      ForPairs(members, order, [&](size_t i, size_t j) {
          bool same_key = Surname(i) == Surname(j);
          double s = same_key ? 1 : names::WordSimilarity(Surname(i), Surname(j));
          if (s < 0.8 || !GivenCompatible(Given(i), Given(j))) return;
          std::string why = same_key ? "same surname key '" + Surname(i) + "'"
                                     : "surnames alike (" + std::to_string(s).substr(0, 4) + ")";
          if (names::GivenNameKey(Given(i)) == names::GivenNameKey(Given(j)) && Given(i) != Given(j))
            why += ", given names are one name in two languages";
          else if (Given(i) != Given(j))
            why += ", given names agree";
          Join(i, j, why);
      });
    }
  }

  // A one-word person name: the surname of exactly one full name, else the given name of
  // exactly one, else joined with other one-word names of the same surname key.
  void JoinLoneNames() {
    std::unordered_map<std::string, std::vector<size_t>> by_prefix;  // surname prefix → full names
    std::unordered_map<std::string, std::vector<size_t>> by_given;   // given key → full names
    std::unordered_map<std::string, std::vector<size_t>> by_surname;  // surname key → full names
    for (size_t i = 0; i < names_.size(); ++i) {
      if (!IsPerson(i) || !IsFull(i)) continue;
      by_prefix[Surname(i).substr(0, 3)].push_back(i);
      by_surname[Surname(i)].push_back(i);
      by_given[names::GivenNameKey(Given(i))].push_back(i);
    }
    std::unordered_map<std::string, size_t> lone_by_key;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (!IsPerson(i) || IsFull(i) || names_[i].form->keys.empty()) continue;
      std::string key = SurnameKey(names_[i].form->keys.front());
      std::unordered_set<size_t> roots;
      size_t example = 0;
      if (auto it = by_surname.find(key); it != by_surname.end())
        for (size_t f : it->second) roots.insert(uf_->Find(f)), example = f;
      // Spellings beyond the key, looked for in a block small enough to scan.
      if (auto it = by_prefix.find(key.substr(0, 3)); it != by_prefix.end() && it->second.size() <= 64)
        for (size_t f : it->second)
          if (Surname(f) != key && names::WordSimilarity(Surname(f), key) >= 0.8)
            roots.insert(uf_->Find(f)), example = roots.size() == 1 ? f : example;
      if (roots.size() == 1) {
        Join(example, i, Surname(example) == key ? "same surname key '" + key + "'"
                                                 : "surname spelled alike");
        continue;
      }
      if (roots.size() > 1) continue;  // two people share this surname: leave it apart
      std::string given = names::GivenNameKey(names_[i].form->keys.front());
      if (auto it = by_given.find(given); it != by_given.end()) {
        for (size_t f : it->second) roots.insert(uf_->Find(f)), example = f;
        if (roots.size() == 1) {
          Join(example, i, "given name of the only person in the story who has it" +
                               std::string(Given(example) != names_[i].form->keys.front()
                                               ? " (one name in two languages)"
                                               : ""));
        }
        continue;  // a given name shared by several people stays unresolved
      }
      auto [it, added] = lone_by_key.emplace(key, i);
      if (!added) Join(it->second, i, "same surname key '" + key + "'");
    }
    // One-word surnames spelled apart beyond their keys ("Zelensky", "Zelenskyy").
    std::unordered_map<std::string, std::vector<size_t>> lone_block;
    for (auto& [key, i] : lone_by_key)
      if (uf_->Find(i) == i) lone_block[key.substr(0, 3)].push_back(i);
    auto order = [&](size_t i) -> const std::string& { return names_[i].form->keys.front(); };
    for (auto& [_, members] : lone_block)
      ForPairs(members, order, [&](size_t i, size_t j) {
        double s = names::WordSimilarity(names_[i].form->keys.front(), names_[j].form->keys.front());
        if (s >= 0.8) Join(i, j, "surnames alike (" + std::to_string(s).substr(0, 4) + ")");
      });
  }

  // Organisations and places: alike names within blocks of each word key's first two
  // letters (three would part "kiv" and "kiev").
  void JoinByName(EntityType type) {
    std::unordered_map<std::string, std::vector<size_t>> block;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i].type != type || IsAllCaps(names_[i].surface)) continue;
      std::unordered_set<std::string> seen;
      for (const auto& k : names_[i].form->keys)
        if (seen.insert(k.substr(0, 2)).second) block[k.substr(0, 2)].push_back(i);
    }
    auto order = [&](size_t i) -> const std::string& { return names_[i].form->joined; };
    // A one-word name alike to longer ones ("Harbour" in "Harbour Authority" and "Harbour
    // Bank") is held back and joins only if they all turn out to be one body.
    std::map<size_t, std::vector<std::pair<size_t, double>>> one_word;  // name → longer alike
    for (auto& [_, members] : block)
      ForPairs(members, order, [&](size_t i, size_t j) {
        if (uf_->Find(i) == uf_->Find(j)) return;
        double s = names::NameSimilarity(*names_[i].form, *names_[j].form);
        if (s < names::kSameName) return;
        bool short_i = names_[i].form->keys.size() == 1, short_j = names_[j].form->keys.size() == 1;
        if (short_i != short_j) {
          one_word[short_i ? i : j].push_back({short_i ? j : i, s});
          return;
        }
        Join(i, j, "names alike (" + std::to_string(s).substr(0, 4) + ")");
      });
    for (auto& [word, longer] : one_word) {
      std::unordered_set<size_t> roots;
      for (auto [l, _] : longer) roots.insert(uf_->Find(l));
      if (roots.size() != 1) continue;
      auto [l, s] = longer.front();
      Join(l, word, "names alike (" + std::to_string(s).substr(0, 4) + ")");
    }
  }

  // An acronym joins the one long form whose initials it spells, or that the text defines
  // it as ("... Study of War (ISW)").
  void JoinAcronyms() {
    std::unordered_map<std::string, std::vector<size_t>> by_initials;
    std::unordered_map<std::string, size_t> by_surface;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i].type == EntityType::kPerson) continue;
      by_surface.emplace(names_[i].surface, i);
      if (!IsAllCaps(names_[i].surface) && names_[i].form->all_keys.size() >= 2)
        by_initials[Initials(*names_[i].form)].push_back(i);
    }
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i].type == EntityType::kPerson || !IsAllCaps(names_[i].surface)) continue;
      if (auto defined = DefinedLongForm(names_[i].surface, by_surface)) {
        Join(*defined, i, "acronym defined in the text");
        continue;
      }
      auto it = by_initials.find(AsciiLower(names_[i].surface));
      if (it == by_initials.end()) continue;
      std::unordered_set<size_t> roots;
      for (size_t f : it->second) roots.insert(uf_->Find(f));
      if (roots.size() == 1) Join(it->second.front(), i, "acronym of '" + names_[it->second.front()].surface + "'");
    }
  }

  // "Long Form (ACR)" or "ACR (Long Form)" in any article, with the long form a known name.
  std::optional<size_t> DefinedLongForm(const std::string& acr,
                                        const std::unordered_map<std::string, size_t>& by_surface) {
    for (const Article& a : articles_) {
      std::string_view t = a.text;
      std::string pattern = "(" + acr + ")";
      for (size_t p = t.find(pattern); p != std::string_view::npos; p = t.find(pattern, p + 1)) {
        size_t end = p;
        while (end > 0 && t[end - 1] == ' ') --end;
        // The long form ends right before the parenthesis: try the last one to ten words.
        size_t begin = end;
        for (int words = 0; words < 10 && begin > 0; ++words) {
          size_t sp = t.rfind(' ', begin - 2 < begin ? begin - 2 : 0);
          begin = sp == std::string_view::npos || sp + 1 >= end ? 0 : sp + 1;
          auto it = by_surface.find(std::string(t.substr(begin, end - begin)));
          if (it != by_surface.end() && it->first != acr) return it->second;
          if (begin == 0) break;
        }
      }
    }
    return std::nullopt;
  }

  std::vector<Entity> BuildEntities() {
    std::map<size_t, std::vector<size_t>> groups;  // root → names, in order of first mention
    for (size_t i = 0; i < names_.size(); ++i) groups[uf_->Find(i)].push_back(i);
    std::unordered_map<size_t, std::vector<size_t>> merges_of;  // root → merge_log_ entries
    for (size_t m = 0; m < merge_log_.size(); ++m)
      merges_of[uf_->Find(merge_log_[m].first)].push_back(m);
    std::vector<Entity> out;
    std::unordered_set<std::string> keys;
    for (auto& [root, members] : groups) {
      // The name: most words (a full name over a surname), Latin letters, most mentioned.
      size_t best = members.front();
      auto rank = [&](size_t i) {
        const Name& n = names_[i];
        bool latin = std::all_of(n.surface.begin(), n.surface.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        return std::make_tuple(std::min<size_t>(n.form->keys.size(), 3), latin, n.mentions);
      };
      for (size_t i : members)
        if (rank(i) > rank(best)) best = i;
      Entity e;
      e.type = names_[best].type;
      e.name = names_[best].surface;
      std::string key = std::string(TypeName(e.type)) + ":" + Slug(names_[best].form->romanised);
      for (int n = 2; !keys.insert(key).second; ++n)
        key = std::string(TypeName(e.type)) + ":" + Slug(names_[best].form->romanised) + "-" + std::to_string(n);
      e.key = key;
      e.variants.push_back(e.name);
      std::vector<size_t> article_list;
      for (size_t i : members) {
        const Name& n = names_[i];
        if (i != best) e.variants.push_back(n.surface);
        e.mentions += n.mentions;
        article_list.insert(article_list.end(), n.articles.begin(), n.articles.end());
        for (size_t r = 0; r < n.roles.size(); ++r) {
          bool seen = std::any_of(e.roles.begin(), e.roles.end(), [&](const EntityRole& x) {
            return x.role == n.roles[r].text && x.article == articles_[n.role_articles[r]].id;
          });
          if (!seen) e.roles.push_back({n.roles[r].text, articles_[n.role_articles[r]].id});
          known_roles_[out.size()].push_back({n.roles[r], n.role_articles[r]});
        }
        entity_of_name_[i] = out.size();
      }
      for (size_t m : merges_of[root]) e.merges.push_back(merge_log_[m].second);
      std::sort(article_list.begin(), article_list.end());
      article_list.erase(std::unique(article_list.begin(), article_list.end()), article_list.end());
      for (size_t ai : article_list) e.articles.push_back(articles_[ai].id);
      out.push_back(std::move(e));
    }
    for (const auto& ref : refs_)
      articles_[ref.article].mentions[ref.mention].entity = out[entity_of_name_[ref.name]].key;
    return out;
  }

  // A bare role joins the person whose roles fit it best, when that person is the only one
  // to fit that well: "the dictator" with two dictators in the story stays unresolved.
  void ResolveBareRoles(std::vector<Entity>& entities) {
    for (size_t ai = 0; ai < articles_.size(); ++ai) {
      Article& a = articles_[ai];
      std::vector<Span> people;
      for (const auto& m : a.mentions)
        if (m.type == EntityType::kPerson) people.push_back(m.span);
      std::vector<Mention> added;
      for (const auto& bare : roles::BareRoles(a, people)) {
        double best = -1;
        size_t best_entity = 0, ties = 0;
        const KnownRole* matched = nullptr;
        for (auto& [ei, known] : known_roles_) {
          double score = -1;
          const KnownRole* fit = nullptr;
          for (const auto& k : known) {
            const roles::Role& r = k.role;
            if (r.head != bare.head) continue;
            size_t hits = 0;
            for (const auto& q : bare.qualifiers)
              hits += std::find(r.qualifiers.begin(), r.qualifiers.end(), q) != r.qualifiers.end();
            double s = bare.qualifiers.empty() ? 0.5 : double(hits) / double(bare.qualifiers.size());
            if (s > score) score = s, fit = &k;
          }
          if (score < 0) continue;
          if (score > best) best = score, best_entity = ei, ties = 1, matched = fit;
          else if (score == best) ++ties;
        }
        if (ties != 1 || best < 0.5) continue;
        Entity& e = entities[best_entity];
        added.push_back({bare.span, EntityType::kPerson, e.key});
        ++e.mentions;
        if (std::find(e.articles.begin(), e.articles.end(), a.id) == e.articles.end())
          e.articles.push_back(a.id);
        std::string why = "'" + bare.text + "' ~ '" + e.name + "': role '" + matched->role.text +
                          "', held by no one else in the story";
        if (matched->article == ai) JoinBodiesOfOneRole(entities, a, bare, matched->role, e);
        if (std::find(e.merges.begin(), e.merges.end(), why) == e.merges.end()) e.merges.push_back(why);
        if (std::find(e.variants.begin(), e.variants.end(), bare.text) == e.variants.end())
          e.variants.push_back(bare.text);
      }
      if (added.empty()) continue;
      a.mentions.insert(a.mentions.end(), added.begin(), added.end());
      std::stable_sort(a.mentions.begin(), a.mentions.end(),
                       [](const Mention& x, const Mention& y) { return x.span.begin < y.span.begin; });
    }
  }

  struct Ref {
    size_t article, mention, name;
  };
  struct KnownRole {
    roles::Role role;
    size_t article;
  };

  // The one organisation named inside a span of `a`, if exactly one is.
  const Entity* BodyIn(const std::vector<Entity>& entities, const Article& a, Span s) {
    const Entity* found = nullptr;
    for (const auto& m : a.mentions) {
      if (m.type != EntityType::kOrganisation || m.span.begin < s.begin || m.span.end > s.end) continue;
      auto it = std::find_if(entities.begin(), entities.end(),
                             [&](const Entity& e) { return e.key == m.entity; });
      if (it == entities.end()) continue;
      if (found && found != &*it) return nullptr;
      found = &*it;
    }
    return found;
  }

  // "Ivo Brant, a representative of the Harbour Authority" and, in the same article, "the
  // representative of the HA" resolved to him: one person's one role there, so the two
  // bodies named in it are one.
  void JoinBodiesOfOneRole(std::vector<Entity>& entities, Article& a, const roles::Role& bare,
                           const roles::Role& known, const Entity& person) {
    const Entity* in_bare = BodyIn(entities, a, bare.span);
    const Entity* in_known = BodyIn(entities, a, known.span);
    if (!in_bare || !in_known || in_bare == in_known) return;
    Entity& keep = entities[static_cast<size_t>(in_known - entities.data())];
    Entity& gone = entities[static_cast<size_t>(in_bare - entities.data())];
    keep.merges.push_back("'" + gone.name + "' ~ '" + keep.name + "': both name the body of " +
                          person.name + "'s role '" + known.text + "' in one article");
    for (auto& v : gone.variants) keep.variants.push_back(v);
    for (auto& m : gone.merges) keep.merges.push_back(m);
    keep.mentions += gone.mentions;
    for (auto& id : gone.articles)
      if (std::find(keep.articles.begin(), keep.articles.end(), id) == keep.articles.end())
        keep.articles.push_back(id);
    for (Article& art : articles_)
      for (Mention& m : art.mentions)
        if (m.entity == gone.key) m.entity = keep.key;
    gone = Entity{};  // dropped after resolution
  }

  std::span<Article> articles_;
  names::NameCache cache_;
  std::vector<Name> names_;
  std::vector<Ref> refs_;
  std::unique_ptr<UnionFind> uf_;
  std::vector<std::pair<size_t, std::string>> merge_log_;  // a name and why it joined
  std::unordered_map<size_t, size_t> entity_of_name_;
  std::map<size_t, std::vector<KnownRole>> known_roles_;  // entity index → roles
};

}  // namespace

std::vector<Entity> ResolveEntities(std::span<Article> story_articles) {
  return Resolver(story_articles).Run();
}

}  // namespace sitrep
