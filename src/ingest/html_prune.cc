#include "ingest/html_prune.h"

#include "ingest/page_date_scan.h"
#include "util/strings.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>
#include <string>

namespace sitrep {

namespace {

constexpr size_t npos = std::string_view::npos;

bool IsNameEnd(char c) {
  return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// True when a tag named `name` opens (or, with `slash`, closes) at html[at] == '<'.
bool TagAt(std::string_view html, size_t at, std::string_view name, bool slash = false) {
  size_t start = at + 1 + (slash ? 1 : 0);
  if (slash && (at + 1 >= html.size() || html[at + 1] != '/')) return false;
  if (start + name.size() >= html.size()) return false;
  return strncasecmp(html.data() + start, name.data(), name.size()) == 0 &&
         IsNameEnd(html[start + name.size()]);
}

// The '>' closing the tag that starts at `at`, or npos.
size_t TagEnd(std::string_view html, size_t at) { return html.find('>', at); }

// Where the raw text of a <script> or <style> ends: the first "</name", or npos.
size_t FindCloseTag(std::string_view html, size_t from, std::string_view name) {
  for (size_t at = html.find("</", from); at != npos; at = html.find("</", at + 2))
    if (TagAt(html, at, name, true)) return at;
  return npos;
}

// The matching "</name" of an element that nests (<nav> in <nav>), or npos.
size_t FindMatchingClose(std::string_view html, size_t from, std::string_view name) {
  int depth = 1;
  for (size_t at = html.find('<', from); at != npos; at = html.find('<', at + 1)) {
    if (TagAt(html, at, name)) {
      ++depth;
    } else if (TagAt(html, at, name, true) && --depth == 0) {
      return at;
    }
  }
  return npos;
}

// Past the '>' of the end tag at `close`; the end of input when it never comes.
size_t After(std::string_view html, size_t close) {
  size_t gt = TagEnd(html, close);
  return gt == npos ? html.size() : gt + 1;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool Contains(std::string_view s, std::string_view part) {
  for (size_t i = 0; i + part.size() <= s.size(); ++i)
    if (strncasecmp(s.data() + i, part.data(), part.size()) == 0) return true;
  return false;
}

// Attributes a reader of text, metadata or dates looks at. The rest (src, srcset, data-*,
// event handlers, links' href) is a third of what is left of a page, and gumbo would copy
// every byte of it.
bool KeepAttribute(std::string_view tag, std::string_view name) {
  static constexpr std::string_view kKept[] = {
      "class", "id",      "itemprop", "itemtype",   "property", "name",  "content",
      "lang",  "xml:lang", "rel",     "type",       "hidden",   "title", "http-equiv",
      "charset", "pubdate", "role",   "style"};
  for (std::string_view k : kKept)
    if (name.size() == k.size() && strncasecmp(name.data(), k.data(), k.size()) == 0) return true;
  // Image paths often carry the publication day (/2017/05/14/photo.jpg).
  if (strncasecmp(name.data(), "src", 3) == 0 && name.size() == 3)
    return tag.size() == 3 && strncasecmp(tag.data(), "img", 3) == 0;
  // href matters on <link rel=canonical> and <base>; on <a> only the tag itself counts.
  if (strncasecmp(name.data(), "href", 4) == 0 && name.size() == 4)
    return !(tag.size() == 1 && (tag[0] == 'a' || tag[0] == 'A'));
  // Dates hide in attributes of many names: datetime, data-published, data-utime.
  return Contains(name, "date") || Contains(name, "time") || Contains(name, "publish");
}

bool IsJsonLd(std::string_view start_tag) {
  for (size_t i = 0; i + 7 <= start_tag.size(); ++i)
    if (strncasecmp(start_tag.data() + i, "ld+json", 7) == 0) return true;
  return false;
}

class Pruner {
 public:
  explicit Pruner(std::string_view html) : html_(html) { out_.reserve(html.size() / 2); }

  std::string Run() {
    while (pos_ < html_.size()) {
      const void* lt = memchr(html_.data() + pos_, '<', html_.size() - pos_);
      if (lt == nullptr) break;
      size_t at = static_cast<const char*>(lt) - html_.data();
      Copy(at);
      Step(at);
    }
    Copy(html_.size());
    return std::move(out_);
  }

 private:
  // Copies html_[copied_, to) with each run of white space made one character (a newline
  // if the run had one): indentation is a tenth of a page, and no reader keeps it.
  void Copy(size_t to) {
    const char* p = html_.data() + copied_;
    const char* end = html_.data() + to;
    while (p < end) {
      const char* run = p;
      while (p < end && !IsSpace(*p)) ++p;
      out_.append(run, p - run);
      if (p == end) break;
      bool newline = false;
      for (; p < end && IsSpace(*p); ++p) newline |= *p == '\n';
      out_ += newline ? '\n' : ' ';
    }
    copied_ = pos_ = to;
  }
  void Skip(size_t to) { copied_ = pos_ = to; }

  // Decides what happens to the markup starting at html_[at] == '<'.
  void Step(size_t at) {
    if (html_.compare(at, 4, "<!--") == 0) {
      size_t end = html_.find("-->", at + 4);
      Skip(end == npos ? html_.size() : end + 3);
    } else if (TagAt(html_, at, "script") || TagAt(html_, at, "style")) {
      RawText(at);
    } else if (TagAt(html_, at, "title") || TagAt(html_, at, "textarea")) {
      CopyRcdata(at);
    } else if (TagAt(html_, at, "svg")) {
      DropElement(at, "svg");
    } else if (const char* name = DroppedElement(at)) {
      DropElement(at, name);
    } else if (TagAt(html_, at, "link") && !NeededLink(at)) {
      size_t gt = TagEnd(html_, at);
      Skip(gt == npos ? html_.size() : gt + 1);
    } else if (at + 1 < html_.size() && std::isalpha(static_cast<unsigned char>(html_[at + 1]))) {
      StartTag(at);
    } else {
      pos_ = at + 1;
    }
  }

  // Elements that hold nothing for the text, the metadata or the date: menus, fallbacks
  // for browsers without scripts, drop-down lists, frames. (Asides stay: many pages put the
  // byline and the date in an <aside class="meta">.)
  const char* DroppedElement(size_t at) const {
    for (const char* name : {"nav", "noscript", "template", "select", "iframe"})
      if (TagAt(html_, at, name)) return name;
    return nullptr;
  }

  // Of the <link>s, only the canonical address and the author are read; stylesheets,
  // icons, preloads and alternates are most of a page's <head>.
  bool NeededLink(size_t at) const {
    size_t gt = TagEnd(html_, at);
    std::string_view tag = html_.substr(at, gt == npos ? npos : gt - at);
    return Contains(tag, "canonical") || Contains(tag, "author");
  }

  // Rewrites a start tag with only the attributes worth keeping, read by the HTML
  // tokenizer's rules (quoted values may hold '>'). A tag cut off by the end of input is
  // left as it is.
  void StartTag(size_t at) {
    size_t i = at + 1;
    while (i < html_.size() && !IsSpace(html_[i]) && html_[i] != '/' && html_[i] != '>') ++i;
    std::string_view tag = html_.substr(at + 1, i - at - 1);
    std::string& rewritten = tag_;  // reused: most tags fit without a new allocation
    rewritten.assign(1, '<').append(tag);
    while (i < html_.size()) {
      while (i < html_.size() && (IsSpace(html_[i]) || html_[i] == '/')) ++i;
      if (i >= html_.size()) break;
      if (html_[i] == '>') {
        if (html_[i - 1] == '/') rewritten += '/';
        out_ += rewritten;
        out_ += '>';
        return Skip(i + 1);
      }
      size_t name_start = i;
      ++i;  // a name may begin with '='
      while (i < html_.size() && !IsSpace(html_[i]) && html_[i] != '/' && html_[i] != '>' &&
             html_[i] != '=')
        ++i;
      std::string_view name = html_.substr(name_start, i - name_start);
      size_t j = i;
      while (j < html_.size() && IsSpace(html_[j])) ++j;
      if (j < html_.size() && html_[j] == '=') {
        i = ValueEnd(j + 1);
        if (i == npos) break;
      }
      if (KeepAttribute(tag, name)) {
        rewritten += ' ';
        rewritten.append(html_.data() + name_start, i - name_start);
      }
    }
    pos_ = at + 1;  // cut off: copied as it is
  }

  // Past the attribute value that starts at or after `i`; npos when the input ends first.
  size_t ValueEnd(size_t i) const {
    while (i < html_.size() && IsSpace(html_[i])) ++i;
    if (i >= html_.size()) return npos;
    char quote = html_[i];
    if (quote == '"' || quote == '\'') {
      size_t close = html_.find(quote, i + 1);
      return close == npos ? npos : close + 1;
    }
    while (i < html_.size() && !IsSpace(html_[i]) && html_[i] != '>') ++i;
    return i;
  }

  void RawText(size_t at) {
    std::string_view name = TagAt(html_, at, "script") ? "script" : "style";
    size_t gt = TagEnd(html_, at);
    if (gt == npos) return Skip(html_.size());
    size_t close = FindCloseTag(html_, gt + 1, name);
    size_t end = close == npos ? html_.size() : After(html_, close);
    if (name == "script" && IsJsonLd(html_.substr(at, gt - at))) {
      pos_ = end;  // copied later, untouched
      return;
    }
    if (name == "script") KeepScriptDates(html_.substr(gt + 1, (close == npos ? html_.size() : close) - gt - 1));
    Skip(end);
  }

  // A script's state object may be the only place a page states its dates: what the date
  // finder reads of it ("datePublished":"...") survives as a small script of its own.
  void KeepScriptDates(std::string_view body) {
    auto dates = page_date::ScriptDates(body);
    if (dates.empty()) return;
    out_ += "<script>";
    for (const auto& [key, value] : dates) out_ += "\"" + key + "\":\"" + value + "\"\n";
    out_ += "</script>";
  }

  // <title>x<script>y</title> is text, not a script: step over it whole.
  void CopyRcdata(size_t at) {
    std::string_view name = TagAt(html_, at, "title") ? "title" : "textarea";
    size_t close = FindCloseTag(html_, at + 1, name);
    pos_ = close == npos ? html_.size() : After(html_, close);
  }

  void DropElement(size_t at, std::string_view name) {
    size_t close = FindMatchingClose(html_, at + 1, name);
    if (close == npos) {
      pos_ = at + 1;  // unclosed: leave it to the parser
    } else {
      Skip(After(html_, close));
    }
  }

  std::string_view html_;
  std::string out_;
  std::string tag_;
  size_t pos_ = 0;     // where scanning resumes
  size_t copied_ = 0;  // html_[0, copied_) has been dealt with
};

}  // namespace

std::string PruneHtml(std::string_view html) { return Pruner(html).Run(); }

namespace {

// Elements that never hold others, or that the parser closes by itself when the next one
// opens: they do not deepen the tree however they are written.
bool NestsNothing(std::string_view name) {
  static constexpr std::string_view kFlat[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td",
      "th", "thead", "tbody", "tfoot", "rp", "rt", "!doctype"};
  return std::find(std::begin(kFlat), std::end(kFlat), name) != std::end(kFlat);
}

// Elements whose content is text, where "<" starts no tag.
bool IsRawText(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "noembed" || name == "plaintext";
}

// One tag at html[at] == '<': its lowercased name, whether it closes, whether it ends "/>",
// and where it ends. False when '<' starts no tag.
struct Tag {
  std::string name;
  bool closing = false, self_closing = false;
  size_t end = 0;  // one past '>'
};

bool ReadTag(std::string_view html, size_t at, Tag& tag) {
  size_t i = at + 1;
  tag.closing = i < html.size() && html[i] == '/';
  i += tag.closing;
  size_t name_start = i;
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) ||
                             (i == name_start && html[i] == '!'))) {
    ++i;
  }
  if (i == name_start) return false;
  tag.name = AsciiLower(html.substr(name_start, i - name_start));
  size_t gt = html.find('>', i);
  tag.end = gt == std::string_view::npos ? html.size() : gt + 1;
  tag.self_closing = gt != std::string_view::npos && gt > i && html[gt - 1] == '/';
  return true;
}

// Where raw text that `tag` opened ends: at its closing tag, or the end of the page.
size_t SkipRawText(std::string_view html, const Tag& tag) {
  std::string close = "</" + tag.name;
  for (size_t p = html.find("</", tag.end); p != std::string_view::npos;
       p = html.find("</", p + 2)) {
    if (AsciiLower(html.substr(p, close.size())) == close) return p;
  }
  return html.size();
}

}  // namespace

std::optional<std::string> FlattenDeepNesting(std::string_view html, size_t max_depth) {
  std::string out;
  size_t depth = 0, dropped = 0, copied = 0;  // copied: html before this is in `out`
  bool deep = false;
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at)) {
    if (html.compare(at, 4, "<!--") == 0) {
      size_t end = html.find("-->", at + 4);
      at = end == std::string_view::npos ? html.size() : end + 3;
      continue;
    }
    Tag tag;
    if (!ReadTag(html, at, tag)) {
      ++at;
      continue;
    }
    bool drop = false;
    if (tag.closing) {
      if (dropped > 0) {
        drop = true;
        --dropped;
      } else if (depth > 0 && !NestsNothing(tag.name)) {
        --depth;
      }
    } else if (!tag.self_closing && !NestsNothing(tag.name)) {
      if (depth >= max_depth) {
        drop = deep = true;
        ++dropped;
      } else {
        ++depth;
      }
    }
    if (drop) {
      out.append(html.substr(copied, at - copied));
      copied = tag.end;
    }
    at = !tag.closing && IsRawText(tag.name) ? SkipRawText(html, tag) : tag.end;
  }
  if (!deep) return std::nullopt;
  out.append(html.substr(copied));
  return out;
}


}  // namespace sitrep
