// The language of a text when no metadata states it: the script first (Cyrillic, Greek,
// Arabic, Han...), then, within Latin and Cyrillic, the common function words and the
// letters only one language uses (і/ї/є for Ukrainian, ы/э for Russian, ß for German).
#pragma once

#include <string>
#include <string_view>

namespace sitrep {

// A BCP 47 code ("en", "uk", "de"), or empty when the text is too short or unclear.
std::string GuessLanguage(std::string_view text);

}  // namespace sitrep
