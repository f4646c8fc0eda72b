#include "entities/countries.h"

#include <string>
#include <unordered_map>

namespace sitrep {

namespace {

// One row a country: its name first, then every word that stands for it. Single words only:
// the claims stage looks words up one at a time ("New Delhi" is found by "Delhi").
constexpr const char* kCountries[] = {
    "Afghanistan Kabul Afghan Afghans",
    "Albania Tirana Albanian Albanians",
    "Algeria Algiers Algerian Algerians",
    "Argentina Argentine Argentinian Argentinians",
    "Armenia Yerevan Armenian Armenians",
    "Australia Canberra Australian Australians",
    "Austria Vienna Austrian Austrians",
    "Azerbaijan Baku Azerbaijani Azerbaijanis",
    "Bangladesh Dhaka Bangladeshi Bangladeshis",
    "Belarus Minsk Belarusian Belarusians Byelorussian",
    "Belgium Brussels Belgian Belgians",
    "Bolivia Bolivian Bolivians",
    "Bosnia Sarajevo Bosnian Bosnians",
    "Brazil Brasilia Brazilian Brazilians",
    "Bulgaria Sofia Bulgarian Bulgarians",
    "Canada Ottawa Canadian Canadians",
    "Chile Santiago Chilean Chileans",
    "China Beijing Chinese Zhongnanhai",
    "Colombia Bogota Colombian Colombians",
    "Croatia Zagreb Croatian Croatians Croats",
    "Cuba Havana Cuban Cubans",
    "Cyprus Nicosia Cypriot Cypriots",
    "Czechia Prague Czech Czechs",
    "Denmark Copenhagen Danish Danes",
    "Egypt Cairo Egyptian Egyptians",
    "Estonia Tallinn Estonian Estonians",
    "Ethiopia Ethiopian Ethiopians",
    "Finland Helsinki Finnish Finns",
    "France Paris French Elysee",
    "Georgia Tbilisi Georgian Georgians",
    "Germany Berlin German Germans",
    "Greece Athens Greek Greeks",
    "Hungary Budapest Hungarian Hungarians",
    "Iceland Reykjavik Icelandic Icelanders",
    "India Delhi Indian Indians",
    "Indonesia Jakarta Indonesian Indonesians",
    "Iran Tehran Iranian Iranians",
    "Iraq Baghdad Iraqi Iraqis",
    "Ireland Dublin Irish",
    "Israel Israeli Israelis",
    "Italy Rome Italian Italians",
    "Japan Tokyo Japanese",
    "Jordan Amman Jordanian Jordanians",
    "Kazakhstan Astana Kazakh Kazakhs",
    "Kenya Nairobi Kenyan Kenyans",
    "Kosovo Pristina Kosovar Kosovars",
    "Kyrgyzstan Bishkek Kyrgyz",
    "Latvia Riga Latvian Latvians",
    "Lebanon Beirut Lebanese",
    "Libya Tripoli Libyan Libyans",
    "Lithuania Vilnius Lithuanian Lithuanians",
    "Mexico Mexican Mexicans",
    "Moldova Chisinau Moldovan Moldovans",
    "Mongolia Ulaanbaatar Mongolian Mongolians",
    "Morocco Rabat Moroccan Moroccans",
    "Netherlands Amsterdam Dutch",
    "Nigeria Abuja Nigerian Nigerians",
    "Norway Oslo Norwegian Norwegians",
    "Pakistan Islamabad Pakistani Pakistanis",
    "Peru Lima Peruvian Peruvians",
    "Philippines Manila Filipino Filipinos Philippine",
    "Poland Warsaw Polish Poles",
    "Portugal Lisbon Portuguese",
    "Qatar Doha Qatari Qataris",
    "Romania Bucharest Romanian Romanians",
    "Russia Moscow Russian Russians Kremlin",
    "Serbia Belgrade Serbian Serbians Serbs",
    "Slovakia Bratislava Slovak Slovaks",
    "Slovenia Ljubljana Slovenian Slovenians Slovene",
    "Somalia Mogadishu Somali Somalis",
    "Spain Madrid Spanish Spaniards",
    "Sudan Khartoum Sudanese",
    "Sweden Stockholm Swedish Swedes",
    "Switzerland Bern Berne Swiss",
    "Syria Damascus Syrian Syrians",
    "Taiwan Taipei Taiwanese",
    "Tajikistan Dushanbe Tajik Tajiks",
    "Thailand Bangkok Thai",
    "Tunisia Tunis Tunisian Tunisians",
    "Turkey Ankara Turkish Turks",
    "Turkmenistan Ashgabat Turkmen",
    "Ukraine Kyiv Kiev Ukrainian Ukrainians",
    "Uzbekistan Tashkent Uzbek Uzbeks",
    "Venezuela Caracas Venezuelan Venezuelans",
    "Vietnam Hanoi Vietnamese",
    "Yemen Sanaa Yemeni Yemenis",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

const std::unordered_map<std::string, std::string_view>& Table() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<std::string, std::string_view>;
    for (const char* row : kCountries) {
      const std::string_view r(row);
      const std::string_view country = r.substr(0, r.find(' '));
      for (size_t at = 0; at < r.size();) {
        size_t end = r.find(' ', at);
        if (end == std::string_view::npos) end = r.size();
        t->emplace(Lower(r.substr(at, end - at)), country);
        at = end + 1;
      }
    }
    return t;
  }();
  return *table;
}

}  // namespace

std::string_view CountryOf(std::string_view word) {
  if (word.empty() || word.size() > 32) return {};
  const auto& table = Table();
  auto it = table.find(Lower(word));
  return it == table.end() ? std::string_view() : it->second;
}

}  // namespace sitrep
