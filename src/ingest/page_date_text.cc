#include "ingest/page_date_text.h"

#include <re2/re2.h>

#include <algorithm>
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

// The written and numeric shapes of a full date, over folded text. Spaces include the
// no-break and thin spaces typesetters put inside dates ("4.&thinsp;2.&thinsp;2022").
const RE2& DatePattern() {
  static const RE2* re = [] {
    const std::string m = "(?:" + MonthAlternation() + ")";
    const std::string sp = R"([\s\x{00A0}\x{2000}-\x{200B}\x{202F}])";
    const std::string shapes[] = {
        R"(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})",
        R"(\d{1,2}[./-]\d{1,2}[./-]\d{4})",
        // "4. 2. 2022": the spaced dotted form of Czech, Slovak and German typesetting.
        R"(\d{1,2}\.)" + sp + R"(?\d{1,2}\.)" + sp + R"(?\d{4})",
        R"(\d{1,2}(?:st|nd|rd|th|er|º|o)?\.?)" + sp + "*(?:de" + sp + "+|of" + sp + "+)?" + m +
            "(?:" + sp + "*/" + sp + "*" + m + R"()?\.?,?)" + sp + "*(?:de" + sp + "+|del" + sp +
            R"(+)?\d{4})",
        m + R"(\.?)" + sp + R"(+\d{1,2}(?:st|nd|rd|th)?,?)" + sp + R"(+\d{4})",
        R"(\d{4})" + sp + R"(*[年년])" + sp + R"(*\d{1,2})" + sp + R"(*[月월])" + sp + R"(*\d{1,2})",
        R"(\d{4}\.?)" + sp + "+" + m + R"(\.?)" + sp + R"(+\d{1,2})",
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

// Words that say what the date after them is. "date:" alone counts as the publication.
struct LabelWords {
  Label label;
  std::vector<std::string_view> words;
};

const std::vector<LabelWords>& Labels() {
  static const auto* labels = new std::vector<LabelWords>{
      {Label::kPublished,
       {"publi", "posted", "veroffentlicht", "erschienen", "opublikowano", "опубликован",
        "опубліковано", "created", "erstellt", "gepubliceerd", "geplaatst", "date:", "datum:",
        "дата:", "data:", "fecha:", "written", "geschrieben"}},
      {Label::kModified,
       {"updated", "update:", "aktualisiert", "geandert", "modifi", "mis a jour", "actualiza",
        "aggiornat", "обновлен", "оновлено", "zaktualizowano", "bijgewerkt", "revised",
        "edited", "stand:", "last change"}},
      // Forums and portals show the reader's clock ("It is currently ...", "Aktuelle Zeit:")
      // and when each poster joined ("Registriert: ...").
      {Label::kOther,
       {"joined", "member since", "registered", "registriert", "mitglied seit", "dabei seit",
        "inscrit", "registrado", "iscritto", "lid sinds", "зарегистрирован",
        "it is currently", "current time", "current date", "aktuelle zeit", "aktuelles datum",
        "heute ist", "today is", "es ist jetzt", "nous sommes le", "hoy es", "сегодня",
        "date du jour", "heure actuelle", "ora attuale", "huidige tijd"}},
  };
  return *labels;
}

// The label nearest before the date wins: "Published 1.2.2020, updated 3.4.2021". A label
// never reaches back over an earlier date (`floor`, where that date ends): in "Joined:
// 18.09.2008 by admin 21.01.2009" the second date is not a join date.
Label LabelBefore(std::string_view folded, size_t offset, size_t floor) {
  size_t from = std::max(offset > kLabelWindow ? offset - kLabelWindow : 0, floor);
  std::string_view window = folded.substr(from, offset - from);
  Label best = Label::kNone;
  size_t best_start = 0, best_end = 0;
  for (const LabelWords& l : Labels()) {
    for (std::string_view w : l.words) {
      size_t p = window.rfind(w);
      if (p == std::string_view::npos) continue;
      // Among labels ending at the same place the longer one is meant: "update:", not "date:".
      size_t end = p + w.size();
      if (best == Label::kNone || end > best_end || (end == best_end && p < best_start)) {
        best = l.label;
        best_start = p;
        best_end = end;
      }
    }
  }
  return best;
}

}  // namespace

std::vector<TextDate> FindTextDates(std::string_view text, const DateParseOptions& options,
                                    size_t limit) {
  std::vector<TextDate> out;
  const std::string folded = FoldDateText(text.substr(0, kMaxScan));
  const RE2& re = DatePattern();
  re2::StringPiece whole(folded);
  re2::StringPiece groups[2];  // the match with its leading separator, and the date alone
  size_t pos = 0, previous_end = 0;
  while (out.size() < limit && pos < folded.size() &&
         re.Match(whole, pos, folded.size(), RE2::UNANCHORED, groups, 2)) {
    size_t begin = groups[1].data() - folded.data();
    size_t end = begin + groups[1].size();
    pos = end;
    if (end < folded.size() && IsDigit(folded[end])) continue;  // part of a longer number
    auto when = ParseDate(std::string_view(groups[1].data(), groups[1].size()), options);
    if (!when || when->precision < Precision::kDay) continue;
    out.push_back({*when, begin, LabelBefore(folded, begin, previous_end),
                   std::string(groups[1])});
    previous_end = end;
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
