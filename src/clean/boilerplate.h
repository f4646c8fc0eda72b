// Line-level boilerplate of scraped news pages, in English, Ukrainian and Russian: link
// teasers ("Read more: ...", "Читайте також:"), share and subscribe lines, photo credits,
// navigation crumbs, punctuation-only lines, ads. And the shape tests that paragraph
// repair needs (does a line end a sentence, does it stop mid-phrase).
#pragma once

#include <string_view>

namespace sitrep {

enum class LineKind {
  kContent,
  kLinkHeader,   // "Read also:" alone: the link list that follows goes with it
  kLinkTeaser,   // "Read more: <headline>"
  kSocial,       // share / follow / subscribe / "read us on Facebook, Telegram"
  kPhotoCredit,  // "Photo: ...", "Фото: ...", "... / Getty Images"
  kPunctuation,  // nothing but punctuation and symbols (", , , ,")
  kNavigation,   // "Home -", "Home > World > Europe"
  kJunk,         // a lone "Advertisement", "Comments", "Print"
};

const char* LineKindName(LineKind kind);

// `line` is trimmed, with single spaces. Looks at the line alone; context rules (lists
// under a header, duplicates, captions, fragments) are the caller's.
LineKind ClassifyLine(std::string_view line);

// A bulleted list item ("• ...", "- ...", "* ...", "1. ...").
bool IsBulletItem(std::string_view line);

// Ends in . ! ? … possibly followed by closing quotes or brackets.
bool EndsSentence(std::string_view line);

// Ends where a phrase cannot: a comma, a hyphen, or a function word ("the", "of", "that",
// "і", "що", "и", "что"), so the line was cut and continues elsewhere.
bool EndsMidPhrase(std::string_view line);

// Starts with a lower-case word ("is holding", not "iPhone"), or with punctuation that
// only continues a sentence (", ; : ) .").
bool StartsContinuation(std::string_view line);

size_t CountWords(std::string_view line);

}  // namespace sitrep
