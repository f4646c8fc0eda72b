// The front door: paths in, Documents out. Folders recurse; "-" is stdin; each file's
// format is decided by its content (detect.h), and the matching reader streams it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ingest/readers.h"

namespace sitrep {

struct ReadOptions {
  JsonlFields fields;                    // for JSON Lines with other field names
  size_t max_document_bytes = 64 << 20;  // a text or HTML file above this is refused
};

// The files under `paths`: folders recurse in name order, skipping hidden files and
// Markdown notes (*.md); "-" stays as is. Throws InputError naming a path that does not exist.
std::vector<std::string> ListInputs(const std::vector<std::string>& paths);

// Reads one input, handing on each Document; `on_progress` (may be empty) gets the bytes
// consumed from the file so far. Throws InputError when the input as a whole cannot be read
// (binary, empty, unknown format, truncated archive); damaged records inside an otherwise
// readable input go to `on_error` and reading goes on.
void ReadInput(const std::string& path, const ReadOptions& options, const DocumentSink& sink,
               const RecordErrorSink& on_error,
               const std::function<void(uint64_t)>& on_progress = {});

}  // namespace sitrep
