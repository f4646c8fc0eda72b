#include "clean/boilerplate.h"
#include "util/strings.h"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <unordered_set>
#include <string>

namespace sitrep {

namespace {

// Phrases that introduce links to other articles. Followed by ":" / a dash / nothing.
constexpr const char* kLinkPhrases =
    "read more|read also|also read|see also|related|related (?:news|articles|stories|posts|"
    "content|coverage)|more (?:news|stories) on (?:this|the topic)|more on (?:this|the topic)|"
    "recommended(?: for you)?|you (?:may|might) also (?:like|be interested in)|further reading|"
    "don'?t miss|must read|more from|top stories|latest news|"
    "читайте також|читати також|дивіться також|див\\. також|також читайте|читайте більше|"
    "більше новин|вас може зацікавити|рекомендуємо|по темі|на тему|"
    "читайте также|читать также|смотрите также|см\\. также|также читайте|подробнее|по теме|"
    "вам может быть интересно|рекомендуем|ещё по теме|еще по теме|по теме";

// A phrase alone ("Read also:") or a phrase, a separator and a headline; never a phrase
// that starts a sentence ("Related talks were held.").
const std::string& LinkLinePattern() {
  static const std::string pattern = std::string("^(?:[•►▶▪·*–—-]\\s*)?(?:") + kLinkPhrases +
                                     ")\\s*(?:[:：>»–—-]+\\s*(.*)|[.…]*)$";
  return pattern;
}

const RE2& LinkLine() {
  static const RE2 re("(?i)" + LinkLinePattern());
  return re;
}

constexpr const char* kSocialLine =
      "^(?:share (?:this|on|via|the article)|pin it|email this|follow us|"
      "follow our|subscribe|sign up for|join us|join our|like us on|find us on|"
      "read (?:us|news|more news|our news) (?:on|in)|our (?:telegram|facebook|twitter|instagram|"
      "youtube|viber)|download (?:our|the) app|"
      "поділитися|поширити|підписуйтесь|підписуйтеся|підписатися|приєднуйтесь|приєднуйтеся|"
      "слідкуйте за|читайте (?:нас|новини) (?:в|у)|"
      "поделиться|подписывайтесь|подписаться|присоединяйтесь|следите за|"
      "читайте (?:нас|новости) в)(?:[\\s:.,!]|$)";

const RE2& SocialLine() {
  static const RE2 re(std::string("(?i)") + kSocialLine);
  return re;
}

constexpr const char* kSocialNetworks =
      "(?:^|[^\\pL\\pN])(facebook|twitter|telegram|instagram|youtube|viber|whatsapp|tiktok|"
      "linkedin|vkontakte|вконтакте|одноклассники|фейсбук|телеграм|твіттер|твиттер|ютуб)"
      "(?:[^\\pL\\pN]|$)";

const RE2& SocialNetworks() {
  static const RE2 re(std::string("(?i)") + kSocialNetworks);
  return re;
}

constexpr const char* kCreditLine =
      "^(?:photos?|photograph|photo credit|image|images|picture|pictured|illustration|"
      "illustrative (?:photo|image)|video|credit|cover photo|main photo|"
      "фото|фото на головній|світлина|ілюстрація|ілюстративне фото|відео|"
      "иллюстрация|иллюстративное фото|видео)\\s*(?:by\\b|[:©]|/)";

const RE2& CreditLine() {
  static const RE2 re(std::string("(?i)") + kCreditLine);
  return re;
}

constexpr const char* kPhotoAgency =
      "(getty images|shutterstock|ap photo|afp photo|reuters/|epa-efe|depositphotos|"
      "istock|unsplash|©|\\(c\\) \\d{4})";

const RE2& PhotoAgency() {
  static const RE2 re(std::string("(?i)") + kPhotoAgency);
  return re;
}

constexpr const char* kJunkLine =
      "^(?:advertisement|advertising|sponsored|ad|comments?|print|e-?mail|share|menu|close|"
      "loading\\.*|реклама|коментарі|комментарии|друк|печать)$";

const RE2& JunkLine() {
  static const RE2 re(std::string("(?i)") + kJunkLine);
  return re;
}

// Every pattern ClassifyLine tries as one alternation: most lines (article text) match
// none, and one scan that says so costs less than the five calls. Null when it does not
// compile (then every line is tried pattern by pattern).
const RE2* AnyBoilerplate() {
  static const auto* re = [] {
    const std::string pattern = "(?i)(?:" + LinkLinePattern() + ")|(?:" + kSocialLine + ")|(?:" +
                                kSocialNetworks + ")|(?:" + kCreditLine + ")|(?:" + kPhotoAgency +
                                ")|(?:" + kJunkLine + ")";
    // Case-folded Cyrillic makes many DFA states: with RE2's default budget the DFA would
    // be rebuilt over and over.
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(32 << 20);
    auto* any = new RE2(pattern, options);
    if (!any->ok()) {
      delete any;
      any = nullptr;
    }
    return any;
  }();
  return re;
}

// "Follow our news on Facebook, X and Telegram", "Our Telegram, Viber":
// two networks and a word that addresses the reader, not a sentence about the networks.
bool IsNetworkList(std::string_view line) {
  static const RE2 cue(
      "(?i)(social|network|\\bus\\b|\\bour\\b|news|channel|соцмереж|соцсет|мереж|сетях|нас)");
  int networks = 0;
  re2::StringPiece input(line.data(), line.size());
  while (networks < 2 && RE2::FindAndConsume(&input, SocialNetworks())) ++networks;
  return networks >= 2 && RE2::PartialMatch(line, cue);
}

bool IsSeparator(std::string_view tail) {
  for (std::string_view sep : {"-", "–", "—", ">", "»", "›", "|", "/", "\\"})
    if (tail == sep) return true;
  return false;
}

// "Home -", "Home > World > Europe", "Головна / Новини".
bool IsNavigation(std::string_view line) {
  if (EndsSentence(line) || CountWords(line) > 8) return false;
  const size_t last_space = line.rfind(' ');
  if (last_space != std::string_view::npos && IsSeparator(line.substr(last_space + 1)))
    return true;
  int separators = 0;
  for (std::string_view sep : {" > ", " » ", " › ", " | ", " / "})
    for (size_t at = line.find(sep); at != std::string_view::npos; at = line.find(sep, at + 1))
      ++separators;
  return separators >= 2;
}

bool HasAlnum(std::string_view line) {
  const auto* s = reinterpret_cast<const uint8_t*>(line.data());
  const int32_t n = static_cast<int32_t>(line.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (u_isalnum(c)) return true;
  }
  return false;
}

// The last code point of `s` and where it starts.
UChar32 LastChar(std::string_view s, size_t& start) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = static_cast<int32_t>(s.size());
  UChar32 c;
  U8_PREV(p, 0, i, c);
  start = static_cast<size_t>(i);
  return c;
}

bool IsClosing(UChar32 c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0xBB || c == 0x201C || c == 0x203A;
}

// Words after which an English, Ukrainian or Russian phrase cannot end.
bool IsFunctionWord(std::string_view word) {
  static const std::unordered_set<std::string_view> kWords = {
      "a", "an", "the", "of", "to", "and", "or", "but", "with", "that", "for", "in", "on", "at",
      "by", "from", "as", "into", "onto", "than", "is", "are", "was", "were", "be", "been",
      "has", "have", "had", "will", "would", "could", "should", "can", "may", "might", "must",
      "his", "her", "their", "its", "our", "your", "my", "this", "these", "those", "which",
      "who", "whose", "whom", "whether", "if", "because", "while", "when", "where", "so",
      "about", "between", "during", "through", "against", "not", "very", "such",
      "і", "й", "та", "що", "на", "до", "від", "для", "з", "із", "про", "у", "в", "и", "что"};
  return kWords.count(AsciiLower(word)) > 0;
}

}  // namespace

const char* LineKindName(LineKind kind) {
  switch (kind) {
    case LineKind::kContent: return "content";
    case LineKind::kLinkHeader: return "link list";
    case LineKind::kLinkTeaser: return "link";
    case LineKind::kSocial: return "social";
    case LineKind::kPhotoCredit: return "photo credit";
    case LineKind::kPunctuation: return "punctuation";
    case LineKind::kNavigation: return "navigation";
    case LineKind::kJunk: return "junk";
  }
  return "?";
}

size_t CountWords(std::string_view line) {
  size_t words = 0;
  bool in_word = false;
  for (char c : line) {
    const bool space = c == ' ';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

bool EndsSentence(std::string_view line) {
  while (!line.empty()) {
    size_t start;
    UChar32 c = LastChar(line, start);
    if (c == '.' || c == '!' || c == '?' || c == 0x2026) return true;
    if (!IsClosing(c)) return false;
    line = line.substr(0, start);
  }
  return false;
}

bool EndsMidPhrase(std::string_view line) {
  if (line.empty()) return false;
  const char last = line.back();
  if (last == ',' || last == '-') return true;
  const size_t space = line.rfind(' ');
  std::string_view word = space == std::string_view::npos ? line : line.substr(space + 1);
  return IsFunctionWord(word);
}

bool StartsContinuation(std::string_view line) {
  if (line.empty()) return false;
  const char first = line[0];
  if (first == ',' || first == ';' || first == ')' || first == ':' ||
      (first == '.' && (line.size() == 1 || line[1] == ' ')))
    return true;
  const auto* s = reinterpret_cast<const uint8_t*>(line.data());
  const int32_t n = static_cast<int32_t>(line.size());
  int32_t i = 0;
  UChar32 c1, c2 = ' ';
  U8_NEXT(s, i, n, c1);
  if (i < n) U8_NEXT(s, i, n, c2);
  // "iPhone", "eBay" start in lower case but are names: the second letter tells.
  return u_islower(c1) && !u_isupper(c2);
}

bool IsBulletItem(std::string_view line) {
  for (std::string_view mark : {"• ", "- ", "* ", "· ", "▪ ", "► ", "▶ ", "– ", "— ", "•"})
    if (line.starts_with(mark)) return true;
  size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && digits < 3 && line.substr(digits).starts_with(". ") &&
         line.size() > digits + 2 && !(line[digits + 2] >= '0' && line[digits + 2] <= '9');
}

LineKind ClassifyLine(std::string_view line) {
  if (!HasAlnum(line)) return LineKind::kPunctuation;
  if (line.size() > 300) return LineKind::kContent;  // boilerplate lines are short
  // No pattern matches: only the navigation test (no pattern) is left.
  if (const RE2* any = AnyBoilerplate(); any && !RE2::PartialMatch(line, *any))
    return IsNavigation(line) ? LineKind::kNavigation : LineKind::kContent;
  re2::StringPiece rest;
  // Whether it matches at all first (RE2's DFA); the part after the phrase only then (a
  // slower engine).
  if (RE2::FullMatch(line, LinkLine()) && RE2::FullMatch(line, LinkLine(), &rest))
    return rest.empty() ? LineKind::kLinkHeader : LineKind::kLinkTeaser;
  if (RE2::FullMatch(line, JunkLine())) return LineKind::kJunk;
  const size_t words = CountWords(line);
  if (words <= 14 && RE2::PartialMatch(line, SocialLine())) return LineKind::kSocial;
  if (words <= 14 && IsNetworkList(line)) return LineKind::kSocial;
  if (line.size() <= 200 && RE2::PartialMatch(line, CreditLine())) return LineKind::kPhotoCredit;
  if (line.size() <= 120 && RE2::PartialMatch(line, PhotoAgency())) return LineKind::kPhotoCredit;
  if (IsNavigation(line)) return LineKind::kNavigation;
  return LineKind::kContent;
}

}  // namespace sitrep
