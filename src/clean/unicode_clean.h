// The character-level half of cleaning: NFC, whitespace and invisible characters, and
// look-alike letters from another script inside a word ("Example.NЕТ" with Cyrillic Е, Т).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sitrep {

// NFC; line breaks unified to "\n" (CR, CRLF, U+2028/2029, NEL); horizontal spaces (tab,
// NBSP, U+2000..U+200A, U+202F, U+205F, U+3000) become " "; soft hyphens, zero-width spaces,
// word joiners, BOMs and control characters are dropped. ZWJ/ZWNJ are kept: they change
// meaning in Persian, Indic scripts and emoji. Invalid UTF-8 becomes U+FFFD.
std::string NormalizeUnicode(std::string_view raw);

// Inside a word that mixes Latin with Cyrillic or Greek letters, maps the minority script's
// letters to their look-alikes in the majority script, as ICU's confusable data (UTS #39
// skeletons) defines them. Words written in one script are never touched. Returns how many
// letters were changed; `examples` (optional) gets "before → after" for the first few words.
size_t RepairLookalikes(std::string& text, std::vector<std::string>* examples);

}  // namespace sitrep
