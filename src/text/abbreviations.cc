#include "text/abbreviations.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <string>
#include <unordered_set>

namespace sitrep {

namespace {

// Kept short on purpose: each entry also hides a real sentence end when the word closes a
// sentence, so only words that almost never do are listed ("etc." is not).
const std::unordered_set<std::string_view>& Known() {
  static const std::unordered_set<std::string_view> kWords = {
      // titles and ranks
      "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Pres",
      "Gen", "Lt", "Col", "Maj", "Capt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig",
      "Lieut", "Rev", "Hon", "Amb", "Atty", "Supt", "Insp", "Mme", "Mlle", "Sr", "Jr", "St",
      // months and days
      "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
      "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
      // numbering, references, companies, places
      "No", "Nos", "Vol", "Fig", "pp", "Art", "vs", "approx", "Inc", "Corp", "Ltd", "Co",
      "Bros", "Ave", "Blvd", "Mt", "Ft", "ca", "cf",
      // Ukrainian and Russian
      "вул", "ул", "просп", "пл", "обл", "р-н", "ім", "им", "св", "проф", "акад", "ген",
      "генерал-лейт", "полк", "г", "гг", "м", "с", "т", "тис", "тыс", "млн", "млрд", "грн",
      "руб", "коп", "див", "см", "напр", "т.д", "т.п", "т.е", "т.зв", "т.н"};
  return kWords;
}

// "J", "Ж": one upper-case letter.
bool IsInitial(std::string_view stem) {
  const auto* s = reinterpret_cast<const uint8_t*>(stem.data());
  const int32_t n = static_cast<int32_t>(stem.size());
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(s, i, n, c);
  return i == n && u_isupper(c);
}

// "U.S", "J.R.R", "e.g": single letters joined by periods.
bool IsDottedInitialism(std::string_view stem) {
  if (stem.size() < 3) return false;
  for (size_t i = 0; i < stem.size(); ++i) {
    const char c = stem[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (i % 2 == 0 ? !letter : c != '.') return false;
  }
  return stem.size() % 2 == 1;
}

}  // namespace

bool IsAbbreviation(std::string_view word) {
  while (!word.empty() && std::string_view("(\"'[").find(word.front()) != std::string_view::npos)
    word.remove_prefix(1);
  if (word.size() < 2 || word.back() != '.') return false;
  const std::string_view stem = word.substr(0, word.size() - 1);
  return Known().count(stem) || IsInitial(stem) || IsDottedInitialism(stem);
}

}  // namespace sitrep
