#include <nlohmann/json.hpp>

#include "ingest/readers.h"

namespace sitrep {

namespace {

// One article's JSON above this is not an article but a broken file; its line is skipped.
constexpr size_t kMaxLine = 64 << 20;

// A field as a string: strings as they are, numbers and booleans in JSON notation, an
// object with a "name" (as some dumps store the source) by that name.
std::string Field(const nlohmann::json& row, const std::string& name) {
  if (name.empty()) return "";
  auto it = row.find(name);
  if (it == row.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object() && it->contains("name") && (*it)["name"].is_string())
    return (*it)["name"].get<std::string>();
  return it->dump();
}

}  // namespace

void ReadJsonl(ByteSource& in, const std::string& origin, const JsonlFields& fields,
               const DocumentSink& sink, const RecordErrorSink& on_error) {
  std::string line;
  bool too_long = false;
  for (size_t number = 1; in.ReadLine(line, kMaxLine, &too_long); ++number) {
    std::string where = origin + "#line-" + std::to_string(number);
    if (too_long) {
      on_error(where, "line longer than " + std::to_string(kMaxLine >> 20) + " MiB, skipped");
      continue;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    nlohmann::json row = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (row.is_discarded()) {
      on_error(where, "not valid JSON");
      continue;
    }
    if (!row.is_object()) {
      on_error(where, "not a JSON object");
      continue;
    }
    Document doc;
    doc.origin = std::move(where);
    doc.container = "jsonl";
    doc.body = Field(row, fields.text);
    if (doc.body.empty()) {
      doc.body = Field(row, fields.html);
      doc.is_html = !doc.body.empty();
    }
    if (doc.body.empty()) {
      on_error(doc.origin, "no '" + fields.text + "' or '" + fields.html + "' field");
      continue;
    }
    doc.url = Field(row, fields.url);
    doc.title = Field(row, fields.title);
    doc.date = Field(row, fields.date);
    doc.outlet = Field(row, fields.outlet);
    doc.byline = Field(row, fields.byline);
    sink(std::move(doc));
  }
}

}  // namespace sitrep
