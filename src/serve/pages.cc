#include "serve/pages.h"
#include "util/strings.h"

#include <algorithm>
#include <map>
#include <set>

#include "brief/render.h"
#include "cli/output.h"
#include "serve/site.h"

namespace sitrep::serve {

namespace {

constexpr const char* kStyle = R"(
body{font:16px/1.5 Georgia,'Times New Roman',serif;color:#1b1b1b;background:#f6f4ef;margin:0}
main{max-width:960px;margin:0 auto;padding:24px 24px 64px;background:#fff;box-shadow:0 0 24px #0001}
nav.site{font:14px system-ui,sans-serif;display:flex;gap:16px;align-items:center;border-bottom:1px solid #ddd;padding-bottom:10px;margin-bottom:16px}
nav.site a{color:#8a1c1c;text-decoration:none;font-weight:600}
nav.site form{margin-left:auto}nav.site input{font:14px system-ui,sans-serif;padding:4px 8px;width:220px}
h1{font-size:28px;line-height:1.2;margin:0 0 8px}
h2{font:600 13px/1 system-ui,sans-serif;letter-spacing:.08em;text-transform:uppercase;color:#8a1c1c;border-top:2px solid #1b1b1b;padding-top:10px;margin:32px 0 12px}
.tabs a{margin-right:12px}.tabs a.on{color:#1b1b1b;border-bottom:2px solid #8a1c1c}
table{border-collapse:collapse;width:100%;font:14px system-ui,sans-serif}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e4e4e4;vertical-align:top}
.meta,.pager{font:13px system-ui,sans-serif;color:#555}
.side{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(240px,1fr);gap:12px;overflow-x:auto;padding-bottom:8px}
.side article{border:1px solid #ddd;border-radius:6px;padding:10px;font-size:14px}
.side h3{font:600 14px system-ui,sans-serif;margin:4px 0}
mark.hit{background:#fde68a}
.ent{border-bottom:2px solid #2f6f4f}.ent-person{border-color:#1f4e8c}.ent-organisation{border-color:#8c5a1f}
.ent-place{border-color:#2f6f4f}.ent-misc{border-color:#777}
.quote{background:#f3ecff}.speaker{font-weight:600}.cue{font-style:italic}
.legend span{margin-right:12px}
)";

std::string Nav(const std::string& q = "") {
  return "<nav class=site><a href=\"/\">sitrep</a><a href=\"/?sort=newest\">Newest</a>"
         "<a href=\"/?sort=contested\">Contested</a><form action=\"/search\" method=get>"
         "<input name=q type=search placeholder=\"Search articles\" value=\"" +
         EscapeHtml(q) + "\"></form></nav>";
}

Response Html(std::string body, int status = 200) {
  return {status, "text/html; charset=utf-8", std::move(body)};
}

Response Layout(const std::string& title, const std::string& body, const std::string& q = "",
                int status = 200) {
  return Html("<!doctype html><html lang=en><meta charset=utf-8><meta name=viewport "
              "content=\"width=device-width,initial-scale=1\"><title>" +
                  EscapeHtml(title) + " · sitrep</title><style>" + kStyle + "</style><main>" + Nav(q) +
                  body + "</main></html>\n",
              status);
}

Response NotFound(const std::string& what) {
  return Layout("Not found", "<h1>Not found</h1><p>" + EscapeHtml(what) + "</p>", "", 404);
}

std::string Pager(const std::string& base, size_t offset, size_t limit, bool more) {
  std::string h = "<p class=pager>";
  if (offset > 0)
    h += "<a href=\"" + EscapeHtml(base + "offset=" + std::to_string(offset > limit ? offset - limit : 0)) +
         "\">← Previous</a> ";
  if (more) h += "<a href=\"" + EscapeHtml(base + "offset=" + std::to_string(offset + limit)) + "\">Next →</a>";
  return h + "</p>";
}

Response StoryList(Site& site, const Request& req, const std::smatch&) {
  const size_t limit = 30, offset = SizeParam(req, "offset", 0, 1u << 30);
  std::string sort = req.Param("sort", "largest");
  std::vector<std::pair<StorySummary, size_t>> rows;
  bool more = false;
  if (sort == "contested") {
    auto all = site.ContestedStories();
    more = all.size() > offset + limit;
    for (size_t i = offset; i < std::min(all.size(), offset + limit); ++i) rows.push_back(all[i]);
  } else if (sort == "newest") {
    auto all = site.WithStore([](Store& s) { return s.Stories(SIZE_MAX >> 1, 0); });
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.last_seen > b.last_seen; });
    more = all.size() > offset + limit;
    for (size_t i = offset; i < std::min(all.size(), offset + limit); ++i) rows.emplace_back(all[i], 0);
  } else {
    sort = "largest";
    auto page = site.WithStore([&](Store& s) { return s.Stories(limit + 1, offset); });
    more = page.size() > limit;
    for (size_t i = 0; i < std::min(limit, page.size()); ++i) rows.emplace_back(page[i], 0);
  }
  std::string h = "<h1>Stories</h1><p class=\"tabs meta\">";
  for (const char* tab : {"largest", "newest", "contested"})
    h += std::string("<a href=\"/?sort=") + tab + "\"" + (sort == tab ? " class=on" : "") + ">" + tab + "</a>";
  h += "</p><table><tr><th>#</th><th>story</th><th>articles</th><th>outlets</th><th>first seen</th><th>last seen</th>" +
       std::string(sort == "contested" ? "<th>contested claims</th>" : "") + "</tr>";
  for (const auto& [s, contested] : rows) {
    const std::string id = std::to_string(s.id);
    h += "<tr><td>" + id + "</td><td><a href=\"/stories/" + id + "\">" +
         EscapeHtml(s.label.empty() ? "(unlabelled)" : s.label) + "</a></td><td>" +
         std::to_string(s.articles) + "</td><td>" + std::to_string(s.outlets) + "</td><td>" +
         EscapeHtml(s.first_seen.substr(0, 10)) + "</td><td>" + EscapeHtml(s.last_seen.substr(0, 10)) + "</td>" +
         (sort == "contested" ? "<td>" + std::to_string(contested) + "</td>" : "") + "</tr>";
  }
  if (rows.empty()) h += "<tr><td colspan=6>No stories here yet.</td></tr>";
  h += "</table>" + Pager("/?sort=" + sort + "&", offset, limit, more);
  return Layout("Stories", h);
}

// The first paragraphs of an article, up to about `chars` characters.
std::string Lead(const Article& a, size_t chars) {
  std::string h;
  size_t used = 0;
  for (const Span& p : a.paragraphs) {
    if (used >= chars) break;
    std::string_view text = a.Text(p);
    if (used + text.size() > chars + 200) {
      size_t cut = text.rfind(' ', chars - std::min(chars, used));
      text = text.substr(0, cut == std::string_view::npos ? 0 : cut);
      h += "<p>" + EscapeHtml(text) + " …</p>";
      break;
    }
    h += "<p>" + EscapeHtml(text) + "</p>";
    used += text.size();
  }
  return h;
}

// Each source's title and lead in a column of its own, oldest first, so the reader sees how
// the outlets told the same story.
std::string SideBySide(const StoryView& v) {
  std::map<std::string, const Article*> by_id;
  for (const Article& a : v.story.articles) by_id[a.id] = &a;
  std::string h = "<h2>Sources side by side</h2><div class=side>";
  size_t n = 0;
  for (const brief::Source& s : v.brief.sources) {
    auto it = by_id.find(s.article_id);
    if (it == by_id.end()) continue;
    ++n;
    h += "<article><div class=meta>" + std::to_string(n) + " · " +
         EscapeHtml(s.outlet.empty() ? "unknown outlet" : s.outlet) + " · " +
         EscapeHtml(s.published.empty() ? "date unknown" : s.published.substr(0, 10)) +
         (s.copy_of.empty() ? "" : " · copy") + "</div><h3><a href=\"/articles/" + EscapeHtml(s.article_id) +
         "\">" + EscapeHtml(cli::Headline(*it->second)) + "</a></h3>" + Lead(*it->second, 600) + "</article>";
  }
  return h + "</div>";
}

Response StoryPage(Site& site, const Request&, const std::smatch& m) {
  const std::string digits = m[1];
  auto view = digits.size() > 9 ? nullptr : site.View(static_cast<StoryId>(std::stoul(digits)));
  if (!view) return NotFound("There is no story " + digits + ".");
  // The brief's own page (it escapes every text), with the site's navigation and the
  // sources side by side added.
  std::string page = brief::ToHtml(view->brief);
  std::string links = "<p class=meta><a href=\"/api/stories/" + digits + "/brief\">brief as JSON</a> · "
                      "<a href=\"/api/stories/" + digits + "/claims\">claims as JSON</a></p>";
  if (size_t style = page.find("</style>"); style != std::string::npos)
    page.insert(style, kStyle);
  if (size_t end = page.rfind("</main>"); end != std::string::npos)
    page.insert(end, SideBySide(*view) + links);
  if (size_t start = page.find("<main>"); start != std::string::npos)
    page.insert(start + 6, Nav());
  return Html(std::move(page));
}

std::string Legend() {
  return "<p class=\"legend meta\"><span class=\"ent ent-person\">person</span><span class=\"ent "
         "ent-organisation\">organisation</span><span class=\"ent ent-place\">place</span><span "
         "class=quote>quoted statement</span><span class=speaker>speaker</span></p>";
}

Response ArticlePage(Site& site, const Request&, const std::smatch& m) {
  const std::string id = m[1];
  auto read = site.ReadArticle(id);
  if (!read) return NotFound("There is no article " + id + ".");
  const auto& placement = read->placement;
  const Article& a = read->article;
  std::string h = "<h1>" + EscapeHtml(cli::Headline(a)) + "</h1><p class=meta>" +
                  EscapeHtml(a.outlet.empty() ? "unknown outlet" : a.outlet) + " · " +
                  EscapeHtml(a.published.when.known() ? a.published.when.Iso() : "date unknown");
  if (!a.published.evidence.source.empty()) h += " (from " + EscapeHtml(a.published.evidence.source) + ")";
  if (!a.byline.empty()) h += " · " + EscapeHtml(a.byline);
  if (placement && placement->story.story)
    h += " · <a href=\"/stories/" + std::to_string(placement->story.story) + "\">story " +
         std::to_string(placement->story.story) + "</a>";
  if (placement && placement->copy_of)
    h += " · copy of <a href=\"/articles/" + EscapeHtml(placement->copy_of->upstream) + "\">" +
         EscapeHtml(placement->copy_of->upstream.substr(0, 8)) + "</a>";
  h += "<br>id " + EscapeHtml(a.id);
  if (a.url.starts_with("http://") || a.url.starts_with("https://"))  // never "javascript:"
    h += " · <a href=\"" + EscapeHtml(a.url) + "\" rel=\"noopener noreferrer\">original</a>";
  h += "</p>";
  if (!a.mentions.empty() || !a.attributions.empty()) h += Legend();
  h += HighlightedText(a);
  if (!a.mentions.empty()) {
    std::map<std::string, std::set<std::string>> by_type;
    for (const Mention& mention : a.mentions)
      by_type[EntityTypeName(mention.type)].insert(mention.entity.empty() ? std::string(a.Text(mention.span)) : mention.entity);
    h += "<h2>Entities</h2><ul>";
    for (const auto& [type, names] : by_type) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + EscapeHtml(n);
      h += "<li><b>" + EscapeHtml(type) + "</b>: " + list + "</li>";
    }
    h += "</ul>";
  }
  if (!a.attributions.empty()) {
    h += "<h2>Quotes</h2><ul>";
    for (const Attribution& q : a.attributions) {
      std::string speaker = q.speaker.empty() ? std::string(a.Text(q.source)) : q.speaker;
      h += "<li><span class=speaker>" + EscapeHtml(speaker.empty() ? "unknown" : speaker) + "</span>: <q>" +
           EscapeHtml(a.Text(q.content)) + "</q>" + (q.venue.empty() ? "" : " <span class=meta>(" + EscapeHtml(q.venue) + ")</span>") +
           "</li>";
    }
    h += "</ul>";
  }
  return Layout(cli::Headline(a), h);
}

// A snippet with the store's [match] marks as highlights; the text is escaped first, so
// only the marks become markup.
std::string Snippet(const std::string& snippet) {
  std::string out;
  int open = 0;
  for (char c : EscapeHtml(snippet)) {
    if (c == '[') out += "<mark class=hit>", ++open;
    else if (c == ']' && open > 0) out += "</mark>", --open;
    else out += c;
  }
  while (open-- > 0) out += "</mark>";
  return out;
}

Response SearchPage(Site& site, const Request& req, const std::smatch&) {
  const std::string q = req.Param("q");
  const size_t limit = 20, offset = SizeParam(req, "offset", 0, 1u << 30);
  std::string h = "<h1>Search</h1>";
  if (q.find_first_not_of(" \t") == std::string::npos)
    return Layout("Search", h + "<p class=meta>Words must all match (else any); quotes, AND, OR, NOT, NEAR and prefix* work too.</p>");
  std::vector<SearchHit> hits;
  try {
    hits = site.WithStore([&](Store& s) { return s.Search(q, limit + 1, offset); });
  } catch (const StoreError& e) {
    return Layout("Search", h + "<p>" + EscapeHtml(e.what()) + "</p>", q, 400);
  }
  h += "<p class=meta>Results for <b>" + EscapeHtml(q) + "</b></p><ol start=" + std::to_string(offset + 1) + ">";
  for (size_t i = 0; i < std::min(limit, hits.size()); ++i) {
    const ArticleSummary& a = hits[i].article;
    // An untitled article is named by its first words, as on its own page, not "(untitled)".
    std::string title = a.title;
    if (title.empty())
      if (auto whole = site.WithStore([&](Store& s) { return s.Get(a.id); })) title = cli::Headline(*whole);
    h += "<li><a href=\"/articles/" + EscapeHtml(a.id) + "\">" + EscapeHtml(title.empty() ? "(untitled)" : title) +
         "</a> <span class=meta>" + EscapeHtml(a.outlet) + " " + EscapeHtml(a.published.substr(0, 10)) + "</span><br>" +
         Snippet(hits[i].snippet) + "</li>";
  }
  h += "</ol>";
  if (hits.empty()) h += "<p>Nothing found.</p>";
  h += Pager("/search?q=" + UrlEncode(q) + "&", offset, limit, hits.size() > limit);
  return Layout("Search: " + q, h, q);
}

}  // namespace

std::string UrlEncode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += {'%', hex[c >> 4], hex[c & 15]};
  }
  return out;
}

std::string HighlightedText(const Article& a) {
  struct Mark {
    Span span;
    std::string cls, title;
  };
  std::vector<Mark> marks;
  for (const Mention& m : a.mentions)
    marks.push_back({m.span, std::string("ent ent-") + EntityTypeName(m.type), m.entity});
  for (const Attribution& q : a.attributions) {
    marks.push_back({q.content, "quote", q.speaker});
    marks.push_back({q.source, "speaker", ""});
    marks.push_back({q.cue, "cue", ""});
  }
  const uint32_t size = static_cast<uint32_t>(a.text.size());
  std::set<uint32_t> cuts;
  for (Mark& m : marks) {
    m.span.end = std::min(m.span.end, size);
    m.span.begin = std::min(m.span.begin, m.span.end);
    cuts.insert(m.span.begin);
    cuts.insert(m.span.end);
  }
  std::vector<Span> paragraphs = a.paragraphs;
  if (paragraphs.empty() && size) paragraphs.push_back({0, size});
  std::string h = "<div class=text>";
  for (Span p : paragraphs) {
    p.end = std::min(p.end, size);
    p.begin = std::min(p.begin, p.end);
    h += "<p>";
    // Pieces between consecutive cuts, each wrapped in the classes of the marks covering it,
    // so overlapping marks never produce crossed tags.
    uint32_t at = p.begin;
    while (at < p.end) {
      auto next = cuts.upper_bound(at);
      uint32_t to = next == cuts.end() ? p.end : std::min(*next, p.end);
      std::string cls, title;
      for (const Mark& m : marks)
        if (m.span.begin <= at && to <= m.span.end && m.span.size()) {
          cls += (cls.empty() ? "" : " ") + m.cls;
          if (!m.title.empty()) title = m.title;
        }
      std::string piece = EscapeHtml(std::string_view(a.text).substr(at, to - at));
      h += cls.empty() ? piece
                       : "<span class=\"" + cls + "\"" + (title.empty() ? "" : " title=\"" + EscapeHtml(title) + "\"") +
                             ">" + piece + "</span>";
      at = to;
    }
    h += "</p>";
  }
  return h + "</div>";
}

void AddPageRoutes(Router& r) {
  r.Add("GET", "/", StoryList);
  r.Add("GET", "/stories/([0-9]+)", StoryPage);
  r.Add("GET", "/articles/([0-9a-f]{1,16})", ArticlePage);
  r.Add("GET", "/search", SearchPage);
}

}  // namespace sitrep::serve
