#include "ingest/html_text.h"

#include <strings.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "ingest/html_hints.h"

namespace sitrep {

namespace {

constexpr int kMaxDepth = 400;  // deeper markup is junk; recursion stays bounded

// One node of the page, flattened in document order so that a subtree is a range.
struct Node {
  const GumboNode* g = nullptr;
  int parent = -1;
  int end = 0;  // one past the last node of the subtree
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  bool text = false;
  bool in_link = false;
  bool removed = false;  // boilerplate, left out of scores and text
  Hint hint = Hint::kNone;
  uint32_t chars = 0;       // non-space characters in the subtree
  uint32_t link_chars = 0;  // of which inside <a>
  uint32_t commas = 0;
  float score = 0;
  bool scored = false;
};

// Elements that never hold article text, whatever their class says.
bool NeverText(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_NAV: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_LABEL: case GUMBO_TAG_MENU:
      return true;
    default:
      return false;
  }
}

bool IsBlock(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
    case GUMBO_TAG_LI: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FORM: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_DETAILS: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_NAV: case GUMBO_TAG_BODY: case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

// Blocks that are paragraphs themselves, as opposed to containers of paragraphs.
bool IsParagraph(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return IsHeading(t);
  }
}

bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// The attributes the extractor reads, found in one pass over the element's list.
struct Names {
  std::string_view class_attr, id, itemprop;
  bool hidden = false;  // by the page itself: a reader never sees it
};

bool HidingStyle(std::string_view style) {
  std::string s(style);
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return IsSpace(c); }), s.end());
  return strcasestr(s.c_str(), "display:none") || strcasestr(s.c_str(), "visibility:hidden");
}

Names ReadNames(const GumboNode* n) {
  Names names;
  const GumboVector& attrs = n->v.element.attributes;
  for (unsigned i = 0; i < attrs.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
    std::string_view name = a->name;  // gumbo lower-cases attribute names
    if (name == "class") names.class_attr = a->value;
    else if (name == "id") names.id = a->value;
    else if (name == "itemprop") names.itemprop = a->value;
    else if (name == "hidden") names.hidden = true;
    else if (name == "style" && HidingStyle(a->value)) names.hidden = true;
  }
  return names;
}

// How the page's own hints and tags weigh a container before any text is counted.
float BaseScore(const Node& n) {
  float s = n.hint == Hint::kContent ? 25 : n.hint == Hint::kBoilerplate ? -25 : 0;
  switch (n.tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: return s + 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE: return s + 3;
    case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
    case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM: case GUMBO_TAG_ADDRESS:
      return s - 3;
    case GUMBO_TAG_TH: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      return s - 5;
    default:
      return s;
  }
}

class Extractor {
 public:
  explicit Extractor(const GumboNode* root) {
    nodes_.reserve(4096);
    Flatten(root, -1, 0, false);
    Sum();
    RemoveBoilerplate();
    Sum();
  }

  std::vector<std::string> Run() {
    ScoreParagraphs();
    int top = TopCandidate();
    if (top < 0) return {};
    top = Widen(top);
    std::vector<std::string> out;
    for (int i : WithSiblings(top)) Emit(i, out);
    return out;
  }

 private:
  // Copies the useful part of the gumbo tree; what can never be text is left out.
  void Flatten(const GumboNode* g, int parent, int depth, bool in_link) {
    if (depth > kMaxDepth) return;
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_CDATA ||
        g->type == GUMBO_NODE_WHITESPACE) {
      Node n;
      n.g = g;
      n.parent = parent;
      n.text = true;
      n.in_link = in_link;
      n.end = nodes_.size() + 1;
      CountText(g->v.text.text, n);
      nodes_.push_back(n);
      return;
    }
    if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_DOCUMENT &&
        g->type != GUMBO_NODE_TEMPLATE)
      return;
    Node n;
    n.g = g;
    n.parent = parent;
    if (g->type != GUMBO_NODE_DOCUMENT) {
      n.tag = g->v.element.tag;
      if (NeverText(n.tag)) return;
      Names names = ReadNames(g);
      if (names.hidden) return;
      n.hint = HintOf(names);
      if (n.tag == GUMBO_TAG_A) in_link = true;
    }
    int self = nodes_.size();
    nodes_.push_back(n);
    const GumboVector& kids = g->type == GUMBO_NODE_DOCUMENT ? g->v.document.children
                                                             : g->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i)
      Flatten(static_cast<const GumboNode*>(kids.data[i]), self, depth + 1, in_link);
    nodes_[self].end = nodes_.size();
  }

  // Pages repeat the same few class names thousands of times: judge each once.
  Hint HintOf(const Names& names) {
    if (names.class_attr.empty() && names.id.empty() && names.itemprop.empty()) return Hint::kNone;
    std::string key;
    key.reserve(names.class_attr.size() + names.id.size() + names.itemprop.size() + 2);
    key.append(names.class_attr).append(1, '\x1f').append(names.id).append(1, '\x1f');
    key.append(names.itemprop);
    auto [it, fresh] = hints_.try_emplace(std::move(key), Hint::kNone);
    if (fresh) it->second = ClassHint(names.class_attr, names.id, names.itemprop);
    return it->second;
  }

  static void CountText(const char* s, Node& n) {
    for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p; ++p) {
      if (IsSpace(*p) || (*p & 0xC0) == 0x80) continue;
      ++n.chars;
      if (*p == ',') ++n.commas;
    }
    if (n.in_link) n.link_chars = n.chars;
  }

  // Subtree totals from the text nodes up, leaving out what was removed.
  void Sum() {
    for (Node& n : nodes_)
      if (!n.text) n.chars = n.link_chars = n.commas = 0;
    for (int i = nodes_.size() - 1; i > 0; --i) {
      const Node& n = nodes_[i];
      if (n.parent < 0 || n.removed) continue;
      Node& p = nodes_[n.parent];
      p.chars += n.chars;
      p.link_chars += n.link_chars;
      p.commas += n.commas;
    }
  }

  // Blocks named as boilerplate go, unless they hold much of the page: a name like
  // "pg-rail-tall" may wrap the story and its sidebar alike. Comments go whatever their size.
  void RemoveBoilerplate() {
    float limit = 0.35f * nodes_[0].chars;
    for (Node& n : nodes_) {
      if (n.parent >= 0 && nodes_[n.parent].removed) {
        n.removed = true;
      } else if (n.tag != GUMBO_TAG_BODY && n.tag != GUMBO_TAG_HTML && !n.text) {
        n.removed = n.hint == Hint::kComments || (n.hint == Hint::kBoilerplate && n.chars <= limit);
      }
    }
  }

  float LinkDensity(const Node& n) const {
    return n.chars == 0 ? 0 : static_cast<float>(n.link_chars) / n.chars;
  }

  // The block a text node belongs to: its nearest block-level ancestor.
  int BlockOf(int i) const {
    int p = nodes_[i].parent;
    while (p > 0 && !IsBlock(nodes_[p].tag)) p = nodes_[p].parent;
    return p;
  }

  void Credit(int i, float points) {
    Node& n = nodes_[i];
    if (!n.scored) {
      n.scored = true;
      n.score = BaseScore(n);
    }
    n.score += points;
  }

  // Each text block of some length gives points to the containers above it.
  void ScoreParagraphs() {
    std::vector<uint32_t> own(nodes_.size(), 0), commas(nodes_.size(), 0);
    for (size_t i = 0; i < nodes_.size(); ++i) {
      if (!nodes_[i].text || nodes_[i].chars == 0 || nodes_[i].removed) continue;
      int b = BlockOf(i);
      if (b < 0) continue;
      own[b] += nodes_[i].chars;
      commas[b] += nodes_[i].commas;
    }
    for (size_t b = 0; b < nodes_.size(); ++b) {
      if (own[b] < 25 || IsHeading(nodes_[b].tag)) continue;
      float points = 1 + commas[b] + std::min<float>(own[b] / 100, 3);
      // Text loose in a <div> is a paragraph of its own whose parent is that <div>.
      int first = IsParagraph(nodes_[b].tag) ? nodes_[b].parent : b;
      int level = 0;
      for (int a = first; a > 0 && level < 5; a = nodes_[a].parent, ++level) {
        float share = level == 0 ? 1 : level == 1 ? 0.5f : 1.0f / (level * 3);
        Credit(a, points * share);
      }
    }
  }

  float Final(int i) const { return nodes_[i].score * (1 - LinkDensity(nodes_[i])); }

  int TopCandidate() const {
    int best = -1;
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].scored && (best < 0 || Final(i) > Final(best))) best = i;
    return best;
  }

  bool Contains(int ancestor, int i) const { return ancestor <= i && i < nodes_[ancestor].end; }

  // The best container may be one chunk of a story split in several (a paywall, an ad
  // slot between the parts): look up for the container they share.
  int Widen(int top) const {
    top = UpToSharedAncestor(top);
    top = UpWhileScoresRise(top);
    // A lone child says nothing its parent does not.
    while (nodes_[top].parent > 0 && nodes_[nodes_[top].parent].tag != GUMBO_TAG_BODY &&
           OnlyChild(top))
      top = nodes_[top].parent;
    return top;
  }

  // Runners-up nearly as good as the top, best first.
  std::vector<int> RunnersUp(int top) const {
    std::vector<int> out;
    for (size_t i = 0; i < nodes_.size(); ++i)
      if (nodes_[i].scored && static_cast<int>(i) != top && Final(i) >= 0.75f * Final(top))
        out.push_back(i);
    std::sort(out.begin(), out.end(), [&](int a, int b) { return Final(a) > Final(b); });
    if (out.size() > 5) out.resize(5);
    return out;
  }

  int UpToSharedAncestor(int top) const {
    std::vector<int> rivals = RunnersUp(top);
    if (rivals.size() < 3) return top;
    for (int a = nodes_[top].parent; a > 0 && nodes_[a].tag != GUMBO_TAG_BODY;
         a = nodes_[a].parent) {
      int inside = std::count_if(rivals.begin(), rivals.end(), [&](int r) {
        return Contains(a, r) && r != a;
      });
      if (inside >= 3) return a;
    }
    return top;
  }

  int UpWhileScoresRise(int top) const {
    float last = nodes_[top].score, floor = last / 3;
    for (int a = nodes_[top].parent; a > 0 && nodes_[a].tag != GUMBO_TAG_BODY;
         a = nodes_[a].parent) {
      if (!nodes_[a].scored) continue;
      if (nodes_[a].score < floor) break;
      if (nodes_[a].score > last) return a;
      last = nodes_[a].score;
    }
    return top;
  }

  bool OnlyChild(int i) const {
    int parent = nodes_[i].parent, elements = 0;
    for (int c = parent + 1; c < nodes_[parent].end; c = nodes_[c].end)
      if (!nodes_[c].text || nodes_[c].chars > 0) ++elements;
    return elements == 1;
  }

  // The top container and those siblings that look like more of the same story.
  std::vector<int> WithSiblings(int top) const {
    int parent = nodes_[top].parent;
    if (parent < 0) return {top};
    float threshold = std::max(10.0f, Final(top) * 0.2f);
    std::vector<int> keep;
    for (int c = parent + 1; c < nodes_[parent].end; c = nodes_[c].end) {
      if (c == top || (nodes_[c].scored && Final(c) >= threshold) || LooksLikeProse(c))
        keep.push_back(c);
    }
    return keep;
  }

  bool LooksLikeProse(int i) const {
    const Node& n = nodes_[i];
    if (n.tag != GUMBO_TAG_P) return false;
    float ld = LinkDensity(n);
    return (n.chars > 80 && ld < 0.25f) || (n.chars > 0 && ld == 0 && n.commas > 0);
  }

  // Boilerplate that sits inside the article container: link lists, teaser blocks.
  bool Skip(const Node& n) const {
    if (n.chars == 0 || n.removed) return true;
    switch (n.tag) {
      // A list is judged whole: in a story's list of linked headlines with a line of text
      // under each, one item may be all link and still belong.
      case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DIV:
      case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_P:
        return LinkDensity(n) > 0.5f;
      default:
        return false;
    }
  }

  void Emit(int i, std::vector<std::string>& out) const {
    std::string para;
    EmitInto(i, para, out);
    Flush(para, out);
  }

  // The headline above the story is the title, not text; an <h1> further down is a heading.
  bool IsHeadline(const Node& n, const std::vector<std::string>& out) const {
    return n.tag == GUMBO_TAG_H1 && out.empty();
  }

  void EmitInto(int i, std::string& para, std::vector<std::string>& out) const {
    const Node& n = nodes_[i];
    if (n.removed) return;
    if (n.text) return AppendText(n.g->v.text.text, para);
    if (n.tag == GUMBO_TAG_BR) {
      // One break is a line inside the paragraph; two in a row start a new one.
      if (!para.empty() && para.back() == '\n') {
        para.pop_back();
        Flush(para, out);
      } else {
        TrimBack(para);
        para += '\n';
      }
      return;
    }
    if (Skip(n) || IsHeadline(n, out)) return;
    bool block = IsBlock(n.tag);
    if (block) Flush(para, out);
    for (int c = i + 1; c < n.end; c = nodes_[c].end) EmitInto(c, para, out);
    if (block) Flush(para, out);
  }

  static void AppendText(const char* s, std::string& para) {
    for (const char* p = s; *p; ++p) {
      unsigned char c = *p;
      bool space = IsSpace(c);
      // U+00A0 NO-BREAK SPACE is a space to a reader.
      if (c == 0xC2 && static_cast<unsigned char>(p[1]) == 0xA0) {
        space = true;
        ++p;
      }
      if (space) {
        if (!para.empty() && para.back() != ' ' && para.back() != '\n') para += ' ';
      } else {
        para += static_cast<char>(c);
      }
    }
  }

  static void TrimBack(std::string& s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  }

  static void Flush(std::string& para, std::vector<std::string>& out) {
    TrimBack(para);
    if (!para.empty()) out.push_back(std::move(para));
    para.clear();
  }

  std::vector<Node> nodes_;
  std::unordered_map<std::string, Hint> hints_;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsYear(std::string_view run) {
  return run.size() == 4 &&
         (run.starts_with("19") ? run[2] == '9' : run.starts_with("20") && run[2] <= '3');
}

// The digits starting at s[i], and where they end.
std::string_view DigitsAt(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && IsDigit(s[j])) ++j;
  return s.substr(i, j - i);
}

struct DateSigns {
  bool year = false;     // 1990-2039 standing alone
  bool numeric = false;  // "05/10/2018", "2016.12.01", "21:40"
};

DateSigns FindDateSigns(std::string_view s) {
  DateSigns found;
  for (size_t i = 0; i < s.size(); ++i) {
    if (!IsDigit(s[i]) || (i > 0 && IsDigit(s[i - 1]))) continue;
    std::string_view first = DigitsAt(s, i);
    size_t j = i + first.size();
    if (IsYear(first)) found.year = true;
    if (j + 1 < s.size() && IsDigit(s[j + 1])) {
      char sep = s[j];
      std::string_view second = DigitsAt(s, j + 1);
      size_t k = j + 1 + second.size();
      if (sep == ':' && second.size() == 2) found.numeric = true;
      if ((sep == '/' || sep == '.' || sep == '-') && k + 1 < s.size() && s[k] == sep &&
          IsDigit(s[k + 1]))
        found.numeric = true;
    }
  }
  return found;
}

bool EndsLikeSentence(std::string_view s) {
  return s.ends_with(".") || s.ends_with("!") || s.ends_with("?") || s.ends_with("\"") ||
         s.ends_with("\xE2\x80\x9D");  // "
}

// "05/10/2018 - Posted by ...", "Updated at 1:23 p.m.", "By Ann Tiller, December 2022":
// a date in a line that is no sentence, or a date in figures.
bool LooksLikeDateline(std::string_view line) {
  DateSigns signs = FindDateSigns(line);
  return signs.numeric || (signs.year && !EndsLikeSentence(line));
}

// Lower-cased ASCII, single spaces: enough to see that a line repeats the headline.
std::string Folded(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsSpace(c)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Above the first real paragraph, pages repeat the headline and put a dateline or byline
// ("05/10/2018 - Posted by ...", "Updated at 1:23 p.m."): neither is the story.
void DropLeadingLines(std::vector<std::string>& text, std::string_view title) {
  constexpr size_t kShortLine = 100;
  std::string headline = Folded(title);
  auto lead_end = std::find_if(text.begin(), text.end(),
                               [&](const std::string& p) { return p.size() >= kShortLine; });
  auto kept = std::remove_if(text.begin(), lead_end, [&](const std::string& p) {
    return (!headline.empty() && Folded(p) == headline) || LooksLikeDateline(p);
  });
  text.erase(kept, lead_end);
}

}  // namespace

std::vector<std::string> ExtractMainText(const GumboNode* root, std::string_view title) {
  if (root == nullptr) return {};
  std::vector<std::string> text = Extractor(root).Run();
  DropLeadingLines(text, title);
  return text;
}

}  // namespace sitrep
