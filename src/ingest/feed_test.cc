#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ingest/feed_parse.h"
#include "ingest/readers.h"
#include "time/date_parse.h"

namespace sitrep {
namespace {

std::vector<Document> Read(std::string_view xml, std::vector<std::string>* errors = nullptr) {
  std::vector<Document> docs;
  ReadFeed(
      xml, "f.xml", [&](Document&& d) { docs.push_back(std::move(d)); },
      [&](const std::string& where, const std::string& why) {
        if (errors) errors->push_back(why);
      });
  return docs;
}

TEST(Feed, ReadsRss2Items) {
  auto docs = Read(R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel><title>Censor.NET</title><link>https://censor.net/</link><language>uk</language>
<atom:link href="https://censor.net/rss" rel="self" type="application/rss+xml"/>
<item><title>Strike on &lt;b&gt;Kyiv&lt;/b&gt;</title><link>https://censor.net/n/1</link>
<description>Teaser</description><content:encoded><![CDATA[<p>Full <b>text</b></p>]]></content:encoded>
<pubDate>Mon, 19 Dec 2022 21:40:00 +0200</pubDate><dc:creator>Ivan Petrenko</dc:creator></item>
<item><title>Second</title><guid>https://censor.net/n/2</guid><description>Only &amp; summary</description></item>
</channel></rss>)");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].origin, "f.xml#item-1");
  EXPECT_EQ(docs[0].container, "feed");
  EXPECT_TRUE(docs[0].is_html);
  EXPECT_EQ(docs[0].body, "<p>Full <b>text</b></p>");
  EXPECT_EQ(docs[0].url, "https://censor.net/n/1");
  EXPECT_EQ(docs[0].title, "Strike on <b>Kyiv</b>");  // an RSS title is text
  EXPECT_EQ(docs[0].date, "Mon, 19 Dec 2022 21:40:00 +0200");
  EXPECT_EQ(docs[0].byline, "Ivan Petrenko");
  EXPECT_EQ(docs[0].language, "uk");
  EXPECT_EQ(docs[0].outlet, "Censor.NET");
  EXPECT_EQ(docs[1].url, "https://censor.net/n/2");  // the guid is the permalink
  EXPECT_EQ(docs[1].body, "Only & summary");  // the escaped HTML, unescaped once
}

TEST(Feed, ReadsTheTtl) {
  EXPECT_EQ(ParseFeed("<rss><channel><title>T</title><ttl>45</ttl></channel></rss>").ttl_minutes, 45);
  EXPECT_EQ(ParseFeed("<rss><channel><ttl>soon</ttl></channel></rss>").ttl_minutes, 0);
  EXPECT_EQ(ParseFeed("<rss><channel><ttl>99999999</ttl></channel></rss>").ttl_minutes, 7 * 24 * 60);
  EXPECT_EQ(ParseFeed("<rss><channel><title>T</title></channel></rss>").ttl_minutes, 0);
}

TEST(Feed, ReadsAtomWithBaseAndXhtml) {
  auto docs = Read(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://ex.org/news/" xml:lang="en">
<title>Ex</title><author><name>Desk</name></author>
<entry><title type="html">A &amp;amp; B &lt;i&gt;now&lt;/i&gt;</title>
<link rel="self" href="/self"/><link href="a.html"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>See <a href="b.html">b</a></p></div></content>
<updated>2022-12-19T21:40:00Z</updated><published>2022-12-19T20:00:00+02:00</published></entry>
<entry><title>Plain</title><link href="c.html"/><summary>Line one

Line &lt;two&gt;</summary></entry>
</feed>)");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].title, "A & B now");
  EXPECT_EQ(docs[0].url, "http://ex.org/news/a.html");
  EXPECT_EQ(docs[0].body, R"(<p>See <a href="http://ex.org/news/b.html">b</a></p>)");
  EXPECT_EQ(docs[0].date, "2022-12-19T20:00:00+02:00");
  EXPECT_EQ(docs[0].byline, "Desk");
  EXPECT_EQ(docs[0].language, "en");
  EXPECT_EQ(docs[1].body, "<p>Line one</p>\n<p>Line &lt;two&gt;</p>");
}

TEST(Feed, ReadsRdfAndIllFormedFeeds) {
  std::vector<std::string> errors;
  auto docs = Read(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>R</title></channel>
<item><title>One &nbsp; two</title><link>http://r.org/1</link><dc:date>2022-12-19</dc:date>
<description>Body & more</description></item></rdf:RDF>)",
                   &errors);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].url, "http://r.org/1");
  EXPECT_EQ(docs[0].date, "2022-12-19");
  EXPECT_EQ(errors.size(), 1u);  // ill-formed, read with recovery
}

TEST(Feed, RejectsWhatIsNoFeed) {
  EXPECT_THROW(Read(""), InputError);
  EXPECT_THROW(Read("<html><body>hi</body></html>"), InputError);
  EXPECT_THROW(Read("\x01\x02 garbage"), InputError);
  EXPECT_TRUE(Read("<rss><channel></channel></rss>").empty());
}

TEST(Feed, DoesNotLoadExternalEntities) {
  auto docs = Read(R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>a&x;b</title></item></channel></rss>)");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].title.find("root"), std::string::npos);
}

TEST(Feed, SurvivesCutFeeds) {
  std::string feed = R"(<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>http://a/</link><description><![CDATA[<p>x</p>]]></description></item>
<item><title>B</title><link>http://b/</link><description>y &amp; z</description></item></channel></rss>)";
  for (size_t n = 0; n <= feed.size(); ++n) {
    try {
      Read(feed.substr(0, n));
    } catch (const InputError&) {
    }
  }
}

// ---- feedparser's test suite: a small evaluator for its Python expectations --------------
//
// Each expectation is a Python expression over feedparser's result ("not bozo and
// entries[0]['title'] == 'x'"). It is evaluated against a model of our Feed with the keys
// sitrep uses; touching any other key (rights, tags, cloud, ...) makes it out of scope.

struct Value {
  enum Kind { kNone, kBool, kNum, kStr, kList, kDict, kError } kind = kNone;
  bool b = false;
  double num = 0;
  std::string s;
  std::vector<Value> list;
  std::map<std::string, Value> dict;
  std::string ctx;  // for dicts: which in-scope key set applies

  static Value Bool(bool v) { Value x; x.kind = kBool, x.b = v; return x; }
  static Value Num(double v) { Value x; x.kind = kNum, x.num = v; return x; }
  static Value Str(std::string v) { Value x; x.kind = kStr, x.s = std::move(v); return x; }
  static Value Error() { Value x; x.kind = kError; return x; }
  static Value Dict(std::string ctx) { Value x; x.kind = kDict, x.ctx = std::move(ctx); return x; }

  bool Truthy() const {
    switch (kind) {
      case kBool: return b;
      case kNum: return num != 0;
      case kStr: return !s.empty();
      case kList: return !list.empty();
      case kDict: return !dict.empty();
      default: return false;
    }
  }
  bool operator==(const Value& o) const {
    if (kind != o.kind) return false;
    switch (kind) {
      case kNone: return true;
      case kBool: return b == o.b;
      case kNum: return num == o.num;
      case kStr: return s == o.s;
      case kList: return list == o.list;
      case kDict: return dict == o.dict;
      default: return false;
    }
  }
};

const std::map<std::string, std::set<std::string>> kInScope = {
    {"feed", {"title", "title_detail", "link", "language", "published", "published_parsed", "updated",
              "updated_parsed", "created", "created_parsed", "modified", "modified_parsed", "issued",
              "issued_parsed", "date", "date_parsed", "author", "author_detail", "authors"}},
    {"entry", {"title", "title_detail", "link", "language", "published", "published_parsed", "updated",
               "updated_parsed", "created", "created_parsed", "modified", "modified_parsed", "issued",
               "issued_parsed", "date", "date_parsed", "author", "author_detail", "authors", "summary",
               "summary_detail", "description", "description_detail", "content"}},
    {"text", {"value", "type"}},
    {"person", {"name", "email", "href", "url"}},
};

// time.struct_time in UTC as feedparser gives it: (y, m, d, H, M, S, weekday Mon=0, yday, 0).
Value ParsedDate(const std::string& s) {
  auto dt = ParseDate(s);
  if (!dt || !dt->known()) return Value();
  time_t t = time_t(dt->UnixSeconds());
  struct tm tm;
  gmtime_r(&t, &tm);
  Value v;
  v.kind = Value::kList;
  for (int x : {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                (tm.tm_wday + 6) % 7, tm.tm_yday + 1, 0}) {
    v.list.push_back(Value::Num(x));
  }
  return v;
}

void PutText(Value& d, const std::string& key, const FeedText& t) {
  if (t.value.empty() && t.type.empty()) return;
  d.dict[key] = Value::Str(t.value);
  Value detail = Value::Dict("text");
  detail.dict["value"] = Value::Str(t.value);
  detail.dict["type"] = Value::Str(t.type);
  d.dict[key + "_detail"] = detail;
}

Value Person(const FeedPerson& p) {
  Value v = Value::Dict("person");
  if (!p.name.empty()) v.dict["name"] = Value::Str(p.name);
  if (!p.email.empty()) v.dict["email"] = Value::Str(p.email);
  if (!p.url.empty()) v.dict["href"] = v.dict["url"] = Value::Str(p.url);
  return v;
}

void PutDate(Value& d, const std::string& key, const std::string& value,
             std::initializer_list<std::string> aliases) {
  if (value.empty()) return;
  for (const std::string& k : aliases) {
    d.dict[k] = Value::Str(value);
    d.dict[k + "_parsed"] = ParsedDate(value);
  }
}

void PutCommon(Value& d, const std::string& link, const std::string& language, const std::string& published,
               const std::string& updated, const std::string& created, const std::string& author,
               const FeedPerson& detail, const std::vector<FeedPerson>& authors) {
  if (!link.empty()) d.dict["link"] = Value::Str(link);
  if (!language.empty()) d.dict["language"] = Value::Str(language);
  PutDate(d, "published", published, {"published", "issued"});
  PutDate(d, "updated", updated, {"updated", "modified", "date"});
  PutDate(d, "created", created, {"created"});
  if (!author.empty()) d.dict["author"] = Value::Str(author);
  if (!authors.empty()) {
    d.dict["author_detail"] = Person(detail);
    Value all;
    all.kind = Value::kList;
    for (const auto& p : authors) all.list.push_back(Person(p));
    d.dict["authors"] = all;
  }
}

Value Model(const Feed& f) {
  Value feed = Value::Dict("feed");
  PutText(feed, "title", f.title);
  PutCommon(feed, f.link, f.language, f.published, f.updated, f.created, f.author, f.author_detail, f.authors);
  Value entries;
  entries.kind = Value::kList;
  for (const FeedItem& it : f.items) {
    Value e = Value::Dict("entry");
    PutText(e, "title", it.title);
    PutText(e, "summary", it.summary);
    if (e.dict.count("summary")) {
      e.dict["description"] = e.dict["summary"];
      e.dict["description_detail"] = e.dict["summary_detail"];
    }
    if (!it.content.empty()) {
      Value content;
      content.kind = Value::kList;
      for (const FeedText& t : it.content) {
        Value c = Value::Dict("text");
        c.dict["value"] = Value::Str(t.value);
        c.dict["type"] = Value::Str(t.type);
        content.list.push_back(c);
      }
      e.dict["content"] = content;
    }
    PutCommon(e, it.link, it.language, it.published, it.updated, it.created, it.author, it.author_detail,
              it.authors);
    entries.list.push_back(e);
  }
  Value root = Value::Dict("root");
  root.dict["feed"] = feed;
  root.dict["entries"] = entries;
  root.dict["bozo"] = Value::Bool(f.bozo);
  return root;
}

// Recursive descent over the Python subset the expectations use. Everything is evaluated
// (no short-circuit) so that an out-of-scope key anywhere marks the whole expectation.
class Evaluator {
 public:
  Evaluator(std::string_view src, const Value& root) : src_(src), root_(root) {}
  bool out_of_scope = false;
  bool syntax_error = false;
  std::string oos_key;  // the first key sitrep does not model

  Value Run() {
    Value v = Expr();
    Space();
    if (pos_ != src_.size()) syntax_error = true;
    return v;
  }

 private:
  Value Expr() {
    Value v = Not();
    while (Keyword("and")) {
      Value w = Not();
      if (v.kind == Value::kError || w.kind == Value::kError) {
        v = Value::Error();
      } else {
        v = Value::Bool(v.Truthy() && w.Truthy());
      }
    }
    return v;
  }

  Value Not() {
    if (Keyword("not")) {
      Value v = Not();
      return v.kind == Value::kError ? v : Value::Bool(!v.Truthy());
    }
    return Compare();
  }

  Value Compare() {
    Value left = Postfix();
    Value result = Value::Bool(true);
    bool any = false;
    for (;;) {
      bool eq;
      if (Symbol("==")) {
        eq = true;
      } else if (Symbol("!=")) {
        eq = false;
      } else {
        break;
      }
      Value right = Postfix();
      any = true;
      if (left.kind == Value::kError || right.kind == Value::kError || result.kind == Value::kError) {
        result = Value::Error();
      } else {
        result = Value::Bool(result.b && ((left == right) == eq));
      }
      left = right;
    }
    return any ? result : left;
  }

  Value Postfix() {
    Value v = Primary();
    for (;;) {
      if (Symbol("[")) {
        Value key = Expr();
        Expect("]");
        v = Index(v, key);
      } else if (Symbol(".")) {
        std::string name = Identifier();
        if (name == "get" || name == "has_key") {
          Expect("(");
          Value key = Expr();
          Expect(")");
          Value got = Index(v, key, /*missing_ok=*/true);
          v = name == "get" ? got : (got.kind == Value::kError ? got : Value::Bool(got.kind != Value::kNone));
        } else {
          v = Index(v, Value::Str(name));
        }
      } else {
        return v;
      }
    }
  }

  Value Index(const Value& v, const Value& key, bool missing_ok = false) {
    if (v.kind == Value::kError) return v;
    if (v.kind == Value::kList && key.kind == Value::kNum) {
      size_t i = size_t(key.num);
      return i < v.list.size() ? v.list[i] : Value::Error();
    }
    if (v.kind != Value::kDict || key.kind != Value::kStr) return Value::Error();
    auto it = v.dict.find(key.s);
    if (it != v.dict.end()) return it->second;
    auto scope = kInScope.find(v.ctx);
    if (v.ctx != "root" && (scope == kInScope.end() || !scope->second.count(key.s))) {
      out_of_scope = true;
      if (oos_key.empty()) oos_key = v.ctx + "." + key.s;
    }
    return missing_ok ? Value() : Value::Error();
  }

  Value Primary() {
    Space();
    if (Symbol("(")) {
      Value first = Expr();
      if (!Symbol(",")) {
        Expect(")");
        return first;
      }
      Value tuple;
      tuple.kind = Value::kList;
      tuple.list.push_back(first);
      while (!Symbol(")")) {
        tuple.list.push_back(Expr());
        Symbol(",");
        if (pos_ >= src_.size()) return Fail();
      }
      return tuple;
    }
    if (Symbol("{")) {
      Value dict = Value::Dict("literal");
      while (!Symbol("}")) {
        Value k = Expr();
        Expect(":");
        dict.dict[k.s] = Expr();
        Symbol(",");
        if (pos_ >= src_.size()) return Fail();
      }
      return dict;
    }
    if (pos_ < src_.size() && (std::isdigit(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '-')) {
      size_t end = pos_ + 1;
      while (end < src_.size() && (std::isdigit(static_cast<unsigned char>(src_[end])) || src_[end] == '.')) ++end;
      double n = std::stod(std::string(src_.substr(pos_, end - pos_)));
      pos_ = end;
      return Value::Num(n);
    }
    if (auto s = StringLiteral()) return Value::Str(*s);
    std::string name = Identifier();
    if (name == "None") return Value();
    if (name == "True" || name == "False") return Value::Bool(name == "True");
    if (name == "len") {
      Expect("(");
      Value v = Expr();
      Expect(")");
      if (v.kind == Value::kList) return Value::Num(double(v.list.size()));
      if (v.kind == Value::kStr) return Value::Num(double(v.s.size()));
      return Value::Error();
    }
    auto it = root_.dict.find(name);
    if (it != root_.dict.end()) return it->second;
    out_of_scope = true;  // version, encoding, ...
    if (oos_key.empty()) oos_key = name;
    return Value::Error();
  }

  std::optional<std::string> StringLiteral() {
    size_t p = pos_;
    if (p < src_.size() && (src_[p] == 'u' || src_[p] == 'b')) ++p;
    if (p >= src_.size() || (src_[p] != '\'' && src_[p] != '"')) return std::nullopt;
    std::string quote(1, src_[p]);
    if (src_.substr(p, 3) == std::string(3, src_[p])) quote = std::string(3, src_[p]);
    p += quote.size();
    std::string out;
    while (p < src_.size() && src_.substr(p, quote.size()) != quote) {
      char c = src_[p++];
      if (c != '\\' || p >= src_.size()) {
        out += c;
        continue;
      }
      char e = src_[p++];
      if (e == 'n') out += '\n';
      else if (e == 't') out += '\t';
      else if (e == 'u' || e == 'x') {
        size_t digits = e == 'u' ? 4 : 2;
        AppendUtf8(std::stoul(std::string(src_.substr(p, digits)), nullptr, 16), out);
        p += digits;
      } else out += e;
    }
    pos_ = p + quote.size();
    return out;
  }

  static void AppendUtf8(unsigned long cp, std::string& out) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
    }
  }

  std::string Identifier() {
    Space();
    size_t start = pos_;
    while (pos_ < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[pos_])) || src_[pos_] == '_')) ++pos_;
    if (start == pos_) {
      syntax_error = true;
      pos_ = src_.size();
    }
    return std::string(src_.substr(start, pos_ - start));
  }

  bool Keyword(std::string_view word) {
    Space();
    if (src_.substr(pos_, word.size()) != word) return false;
    size_t end = pos_ + word.size();
    if (end < src_.size() && (std::isalnum(static_cast<unsigned char>(src_[end])) || src_[end] == '_')) return false;
    pos_ = end;
    return true;
  }

  bool Symbol(std::string_view sym) {
    Space();
    if (src_.substr(pos_, sym.size()) != sym) return false;
    pos_ += sym.size();
    return true;
  }

  void Expect(std::string_view sym) {
    if (!Symbol(sym)) Fail();
  }

  Value Fail() {
    syntax_error = true;
    pos_ = src_.size();
    return Value::Error();
  }

  void Space() {
    while (pos_ < src_.size() && std::isspace(static_cast<unsigned char>(src_[pos_]))) ++pos_;
  }

  std::string_view src_;
  const Value& root_;
  size_t pos_ = 0;
};

TEST(FeedEvaluator, HandlesThePythonSubset) {
  Feed f;
  f.title = {"it's", "text/plain"};
  f.items.push_back({});
  f.items[0].link = "http://x/";
  Value root = Model(f);
  auto eval = [&](const char* e, bool* oos = nullptr) {
    Evaluator ev(e, root);
    bool ok = ev.Run().Truthy() && !ev.syntax_error;
    if (oos) *oos = ev.out_of_scope;
    return ok;
  };
  EXPECT_TRUE(eval(R"(not bozo and feed['title'] == "it's")"));
  EXPECT_TRUE(eval("entries[0].link == u'http://x/' and not entries[0].has_key('title')"));
  EXPECT_TRUE(eval("entries[0]['link'] == entries[0]['link'] == 'http://x/'"));
  EXPECT_FALSE(eval("feed['title'] == 'x'"));
  bool oos = false;
  EXPECT_FALSE(eval("not bozo and feed['rights'] == 'x'", &oos));
  EXPECT_TRUE(oos);
}

TEST(FeedCorpus, FeedparserExpectations) {
  const std::string dir = std::string(SITREP_SHARED_DIR) + "/data/readers/feeds/";
  std::ifstream list(dir + "expectations.jsonl");
  ASSERT_TRUE(list) << "missing " << dir;
  std::string line;
  int total = 0, pass = 0, out_of_scope = 0, fail = 0;
  std::map<std::string, int> oos_keys;
  size_t docs = 0, rejected = 0;
  while (std::getline(list, line)) {
    auto info = nlohmann::json::parse(line);
    std::string path = info["path"], expect = info["expect"];
    std::ifstream in(dir + path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    ++total;
    // The reader itself must take every file: Documents or a clear InputError.
    try {
      docs += Read(bytes.str()).size();
    } catch (const InputError& e) {
      ++rejected;
    }
    Feed feed = ParseFeed(bytes.str());
    Value root = Model(feed);
    Evaluator ev(expect, root);
    bool ok = ev.Run().Truthy() && !ev.syntax_error;
    if (ev.out_of_scope) {
      ++out_of_scope;
      ++oos_keys[ev.oos_key];
    } else if (ok) {
      ++pass;
    } else {
      ++fail;
      printf("FAIL %s\n     expect: %s%s\n", path.c_str(), expect.c_str(), ev.syntax_error ? " (syntax)" : "");
    }
  }
  std::string keys;
  for (const auto& [k, n] : oos_keys) keys += " " + k + "=" + std::to_string(n);
  printf("out of scope by first unmodelled key:%s\n", keys.c_str());
  printf("feedparser expectations: %d total, %d pass, %d out of scope, %d fail\n", total, pass, out_of_scope, fail);
  printf("ReadFeed: %zu documents, %zu files rejected as no feed\n", docs, rejected);
  EXPECT_EQ(total, 611);
  EXPECT_GE(pass, 9 * (pass + fail) / 10);  // the great majority of those in scope
}

}  // namespace
}  // namespace sitrep
