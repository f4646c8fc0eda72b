#include "ingest/page_date_text.h"

#include <re2/re2.h>

#include <memory>

namespace sitrep::page_date {

namespace {

// Only this much of a page's text is searched: the article's own date comes early.
constexpr size_t kMaxScan = 400 * 1024;
// How far before a date its label ("Published:", "Updated on") may start.
constexpr size_t kLabelWindow = 48;

std::string MonthAlternation() {
  std::string alt;
  for (const std::string& w : MonthWords()) {
    if (!alt.empty()) alt += '|';
    alt += RE2::QuoteMeta(w);
  }
  return alt;
}

// The written and numeric shapes of a full date, over folded text.
const RE2& DatePattern() {
  static const RE2* re = [] {
    const std::string m = "(?:" + MonthAlternation() + ")";
    const std::string shapes[] = {
        R"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})",
        R"(\d{1,2}[./-]\d{1,2}[./-]\d{4})",
        R"(\d{1,2}(?:st|nd|rd|th|er|º|o)?\.?\s*(?:de\s+|of\s+)?)" + m +
            R"((?:\s*/\s*)" + m + R"()?\.?,?\s*(?:de\s+|del\s+)?\d{4})",
        m + R"(\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})",
        R"(\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2})",
        R"(\d{4}\.?\s+)" + m + R"(\.?\s+\d{1,2})",
    };
    std::string all;
    for (const auto& s : shapes) all += (all.empty() ? "" : "|") + s;
    RE2::Options opt;
    opt.set_max_mem(64 << 20);
    return new RE2(R"((?:^|[^\pL\pN])()" + all + ")", opt);
  }();
  return *re;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The label nearest before the date wins: "Published 1.2.2020, updated 3.4.2021".
Label LabelBefore(std::string_view folded, size_t offset) {
  size_t from = offset > kLabelWindow ? offset - kLabelWindow : 0;
  std::string_view window = folded.substr(from, offset - from);
  static const char* const kPublished[] = {
      "publi", "posted", "veroffentlicht", "erschienen", "opublikowano", "опубликован",
      "опубліковано", "created", "erstellt", "gepubliceerd", "geplaatst", "date:", "datum:",
      "дата:", "data:", "fecha:", "written", "geschrieben"};
  static const char* const kModified[] = {
      "updated", "update:", "aktualisiert", "geandert", "modifi", "mis a jour", "actualiza",
      "aggiornat", "обновлен", "оновлено", "zaktualizowano", "bijgewerkt", "revised",
      "edited", "stand:", "last change"};
  size_t best_pub = std::string_view::npos, best_mod = std::string_view::npos;
  for (const char* w : kPublished) {
    size_t p = window.rfind(w);
    if (p != std::string_view::npos && (best_pub == std::string_view::npos || p > best_pub)) {
      best_pub = p;
    }
  }
  for (const char* w : kModified) {
    size_t p = window.rfind(w);
    if (p != std::string_view::npos && (best_mod == std::string_view::npos || p > best_mod)) {
      best_mod = p;
    }
  }
  if (best_pub == std::string_view::npos && best_mod == std::string_view::npos) {
    return Label::kNone;
  }
  if (best_mod == std::string_view::npos) return Label::kPublished;
  if (best_pub == std::string_view::npos) return Label::kModified;
  return best_mod > best_pub ? Label::kModified : Label::kPublished;
}

}  // namespace

std::vector<TextDate> FindTextDates(std::string_view text, const DateParseOptions& options,
                                    size_t limit) {
  std::vector<TextDate> out;
  const std::string folded = FoldDateText(text.substr(0, kMaxScan));
  const RE2& re = DatePattern();
  re2::StringPiece whole(folded);
  re2::StringPiece groups[2];  // the match with its leading separator, and the date alone
  size_t pos = 0;
  while (out.size() < limit && pos < folded.size() &&
         re.Match(whole, pos, folded.size(), RE2::UNANCHORED, groups, 2)) {
    size_t begin = groups[1].data() - folded.data();
    size_t end = begin + groups[1].size();
    pos = end;
    if (end < folded.size() && IsDigit(folded[end])) continue;  // part of a longer number
    auto when = ParseDate(std::string_view(groups[1].data(), groups[1].size()), options);
    if (!when || when->precision < Precision::kDay) continue;
    out.push_back({*when, begin, LabelBefore(folded, begin), std::string(groups[1])});
  }
  return out;
}

std::optional<DateTime> UrlDate(std::string_view url) {
  static const RE2 kYmd(R"([/_-]((?:19|20)\d\d)[/_.-](\d{1,2})[/_.-](\d{1,2})(?:[/_.?#-]|$))");
  static const RE2 kCompact(R"([/_-]((?:19|20)\d\d)(\d\d)(\d\d)(?:[/_.?#-]|$))");
  static const RE2 kDmy(R"([/_-](\d{1,2})-(\d{1,2})-((?:19|20)\d\d)(?:[/_.?#-]|$))");
  static const RE2 kYm(R"([/_-]((?:19|20)\d\d)[/_-](\d{1,2})(?:[/_?#-]|$))");
  std::string y, m, d;
  std::optional<DateTime> when;
  if (RE2::PartialMatch(url, kYmd, &y, &m, &d) || RE2::PartialMatch(url, kCompact, &y, &m, &d)) {
    when = ParseDate(y + "-" + m + "-" + d);
  } else if (RE2::PartialMatch(url, kDmy, &d, &m, &y)) {
    when = ParseDate(d + "." + m + "." + y);
  } else if (RE2::PartialMatch(url, kYm, &y, &m)) {
    when = ParseDate(y + "-" + m);
  }
  return when;
}

}  // namespace sitrep::page_date
