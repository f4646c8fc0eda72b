// An ingest: paths → Documents → Articles (built in parallel) → placed by the story desk
// (copies, stories) → the store, in batches of one transaction each: while one batch is
// placed and stored, the next is built and the one after it read. Several ingests (processes,
// machines) may share one store: they analyse in parallel and take turns to place and store
// (see StoryDesk). A file that cannot be read is reported and skipped;
// the rest goes on.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "store/store.h"

namespace sitrep {

class StoryDesk;

struct IngestOptions {
  ReadOptions read;
  size_t batch_size = 512;  // articles a transaction
  unsigned threads = 0;     // article builders; 0 = one a core
  bool progress = true;     // a progress bar when stderr is a terminal
  // Each problem as one line "path: reason" (default: printed to stderr).
  std::function<void(const std::string&)> on_problem;
};

struct IngestStats {
  size_t files = 0, failed_files = 0, record_errors = 0;
  size_t documents = 0, added = 0;  // documents read; articles new to the store
  size_t empty = 0;                 // documents without article text, skipped
  uint64_t bytes = 0;
  double seconds = 0;
  std::vector<std::string> ids;  // every article read, in input order (new or already stored)
};

IngestStats Ingest(Store& store, const std::vector<std::string>& paths, const IngestOptions& opt);

// Documents already read (an article posted to the server): built, placed and stored as one
// batch, exactly as a file's documents would be. Problems go to `opt.on_problem`. `desk` is
// kept by the caller between calls (a server placing post after post without replaying the
// store each time); it must have been opened on `store`, and catches up with what other
// writers stored since.
IngestStats IngestDocuments(Store& store, StoryDesk& desk, std::vector<Document> docs,
                            const IngestOptions& opt);

}  // namespace sitrep
