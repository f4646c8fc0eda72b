// What every fuzz target shares: a reader's Documents go on through the article pipeline
// (BuildArticle), as `sitrep ingest` sends them, so a reader's odd output is fuzzed too.
// InputError is the readers' promised way to refuse input; anything else escaping is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/document.h"
#include "pipeline/pipeline.h"
#include "util/input_error.h"

namespace sitrep::fuzz {

inline std::string_view Bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline void Build(Document&& doc) { (void)BuildArticle(std::move(doc)); }

inline void IgnoreRecordError(const std::string&, const std::string&) {}

}  // namespace sitrep::fuzz
