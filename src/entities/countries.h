// Countries by the words that stand for them in news: the country's name, its capital (a
// capital named as an actor is its government: "Warsaw protested" is Poland protesting), the
// people's or the adjective's name ("Polish", "Poles"), and a few seats of government.
#pragma once

#include <string_view>

namespace sitrep {

// The country's English name when `word` (as written, any case) is a country, its capital,
// its demonym or a seat of government that stands for it; empty otherwise.
std::string_view CountryOf(std::string_view word);

}  // namespace sitrep
