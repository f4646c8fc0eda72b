// Words with a period that does not end a sentence in news text: titles and ranks
// ("Mr.", "Lt. Gen."), months ("Dec."), "No.", company forms ("Inc."), Ukrainian and
// Russian ones ("вул.", "г."), initials ("J.") and dotted initialisms ("U.S.").
#pragma once

#include <string_view>

namespace sitrep {

// `word` ends with its period: "Gen.", "U.S.", "J.". Case matters: "No." is, "no." is not.
bool IsAbbreviation(std::string_view word);

}  // namespace sitrep
